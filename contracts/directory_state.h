#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/grid_types.h"
#include "contracts/state.h"

namespace tfchain::contracts {

using chain::AccountId;
using chain::FarmCertification;
using chain::FarmId;
using chain::NodeCertification;
using chain::NodeId;
using chain::PolicyId;
using chain::PowerState;
using chain::TwinId;

// The directory module's state: twins, farms and nodes, their indexes and the id
// counters. The layout (keys and encodings) is in directory_state.cpp and
// docs/directory.md. The accessors only read and write; the rules live in Directory
// (directory.h). Readers fail only with the StateReader's errors or "state-corrupt"
// for a value that does not decode. Thread-compatible (static functions on
// caller-owned state).

// Module prefix of directory keys (balances 0x01, staking 0x02, policies 0x04).
inline constexpr uint8_t kStatePrefixDirectory = 0x03;

// Key prefixes for prefix scans (the node's index): every key is the prefix followed
// by a big-endian u32 id, so a scan returns the records in id order.
inline constexpr std::array<uint8_t, 2> kDirectoryTwinPrefix = {kStatePrefixDirectory, 0x01};
inline constexpr std::array<uint8_t, 2> kDirectoryFarmPrefix = {kStatePrefixDirectory, 0x03};
inline constexpr std::array<uint8_t, 2> kDirectoryNodePrefix = {kStatePrefixDirectory, 0x06};

// A digital twin: an account's identity on the grid (how to reach it).
struct TwinRecord {
  TwinId id = 0;
  AccountId account;
  std::string relay;        // relay host(s) that forward messages to the twin
  chain::Bytes public_key;  // the twin's encryption key, 1..kMaxTwinKeyBytes
  uint64_t created_ms = 0;  // block time of creation
  bool operator==(const TwinRecord&) const = default;
};

// A public IPv4 address of a farm's pool: "a.b.c.d/nn" (canonical text) with its
// gateway "a.b.c.d". contract_id is the contract that holds it, 0 = free.
struct FarmIp {
  std::string ip;
  std::string gateway;
  uint64_t contract_id = 0;
  bool operator==(const FarmIp&) const = default;
};

struct FarmRecord {
  FarmId id = 0;
  std::string name;    // as given; unique case-insensitively
  TwinId twin_id = 0;  // the owner
  PolicyId pricing_policy_id = 0;
  FarmCertification certification = FarmCertification::kNotCertified;
  bool dedicated = false;
  std::vector<FarmIp> public_ips;  // in the order added, at most kMaxFarmIps
  uint64_t created_ms = 0;
  bool operator==(const FarmRecord&) const = default;
};

// A 3Node. `account` is the node's own key (the signer of node_create), `twin_id`
// that account's twin.
struct NodeRecord {
  NodeId id = 0;
  FarmId farm_id = 0;
  TwinId twin_id = 0;
  AccountId account;
  chain::Resources resources;  // total capacity
  chain::Resources reserved;   // reserved by contracts: all zero until the marketplace
  chain::Location location;
  std::vector<chain::NodeInterface> interfaces;
  std::optional<chain::PublicConfig> public_config;
  std::string agent_endpoint;
  bool virtualized = false;
  std::optional<std::string> serial;
  NodeCertification certification = NodeCertification::kDiy;
  PowerState power_target = PowerState::kUp;
  PowerState power_state = PowerState::kUp;
  uint64_t connection_price_musd = 0;  // the TFT price when the node registered
  uint64_t created_ms = 0;
  uint64_t updated_ms = 0;
  bool operator==(const NodeRecord&) const = default;
};

// The next ids to hand out; ids start at 1 (absent = all 1).
struct DirectoryCounters {
  TwinId next_twin_id = 1;
  FarmId next_farm_id = 1;
  NodeId next_node_id = 1;
  bool operator==(const DirectoryCounters&) const = default;
};

// Codecs of the records (layout in directory_state.cpp). Decoders accept lists up to
// the documented limits (kMaxFarmIps, kMaxInterfaces, ...) and strings up to
// chain::kCodecMaxString; the rules in Directory enforce the tighter limits.
void EncodeTo(chain::Encoder& e, const TwinRecord& v);
Status DecodeFrom(chain::Decoder& d, TwinRecord* out);
void EncodeTo(chain::Encoder& e, const FarmIp& v);
Status DecodeFrom(chain::Decoder& d, FarmIp* out);
void EncodeTo(chain::Encoder& e, const FarmRecord& v);
Status DecodeFrom(chain::Decoder& d, FarmRecord* out);
void EncodeTo(chain::Encoder& e, const NodeRecord& v);
Status DecodeFrom(chain::Decoder& d, NodeRecord* out);
void EncodeTo(chain::Encoder& e, const DirectoryCounters& v);
Status DecodeFrom(chain::Decoder& d, DirectoryCounters* out);

// The farm-name index key text: the name lower-cased (ASCII).
std::string FarmNameKey(std::string_view name);

class DirectoryState {
 public:
  // 0x03 0x00 -> DirectoryCounters.
  static Result<DirectoryCounters> GetCounters(const StateReader& state);
  static void PutCounters(StateOverlay& state, const DirectoryCounters& counters);

  // 0x03 0x01 || twin_id -> TwinRecord. PutTwin writes the record only.
  static Result<std::optional<TwinRecord>> GetTwin(const StateReader& state, TwinId id);
  static void PutTwin(StateOverlay& state, const TwinRecord& twin);
  // 0x03 0x02 || account -> twin id.
  static Result<std::optional<TwinId>> GetTwinIdByAccount(const StateReader& state, const AccountId& account);
  static void PutTwinIdByAccount(StateOverlay& state, const AccountId& account, TwinId id);
  // The twin of `account`, or nullopt when it has none.
  static Result<std::optional<TwinRecord>> GetTwinByAccount(const StateReader& state, const AccountId& account);

  // 0x03 0x03 || farm_id -> FarmRecord. PutFarm writes the record only.
  static Result<std::optional<FarmRecord>> GetFarm(const StateReader& state, FarmId id);
  static void PutFarm(StateOverlay& state, const FarmRecord& farm);
  // 0x03 0x04 || FarmNameKey(name) -> farm id (any capitalisation of `name` finds it).
  static Result<std::optional<FarmId>> GetFarmIdByName(const StateReader& state, std::string_view name);
  static void PutFarmIdByName(StateOverlay& state, std::string_view name, FarmId id);
  static void DeleteFarmName(StateOverlay& state, std::string_view name);
  // 0x03 0x05 || address -> farm id, keyed by the canonical address text WITHOUT the
  // prefix length ("185.69.166.7", see chain::IpAddress::ToString), so that an
  // address is in at most one farm whatever prefix it was added with.
  static Result<std::optional<FarmId>> GetFarmIdByIp(const StateReader& state, std::string_view address);
  static void PutFarmIdByIp(StateOverlay& state, std::string_view address, FarmId id);
  static void DeleteFarmIp(StateOverlay& state, std::string_view address);

  // 0x03 0x06 || node_id -> NodeRecord. PutNode/DeleteNode touch the record only.
  static Result<std::optional<NodeRecord>> GetNode(const StateReader& state, NodeId id);
  static void PutNode(StateOverlay& state, const NodeRecord& node);
  static void DeleteNode(StateOverlay& state, NodeId id);
  // 0x03 0x07 || account -> node id.
  static Result<std::optional<NodeId>> GetNodeIdByAccount(const StateReader& state, const AccountId& account);
  static void PutNodeIdByAccount(StateOverlay& state, const AccountId& account, NodeId id);
  static void DeleteNodeIdByAccount(StateOverlay& state, const AccountId& account);
  // The node registered by `account`, or nullopt.
  static Result<std::optional<NodeRecord>> GetNodeByAccount(const StateReader& state, const AccountId& account);

  // Record keys, for prefix scans and proofs.
  static chain::Bytes TwinKey(TwinId id);
  static chain::Bytes FarmKey(FarmId id);
  static chain::Bytes NodeKey(NodeId id);
};

}  // namespace tfchain::contracts
