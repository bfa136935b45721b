#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"

namespace tfchain::chain {

// The vocabulary of the ThreeFold Grid directory on chain (docs/genesis.md, issue 4):
// twins, farms, nodes, pricing and farming policies, grid and governance parameters.
// Plain value types; the runtime (contracts/) gives them meaning. Every type has a
// strict binary codec (grammar in grid_types.cpp) found by ADL:
//   void EncodeTo(Encoder&, const T&);  Status DecodeFrom(Decoder&, T*);
// Enums encode as u8 and reject unknown values with "decode-bad-tag".

using TwinId = uint32_t;
using FarmId = uint32_t;
using NodeId = uint32_t;
using PolicyId = uint32_t;
using ProposalId = uint32_t;

inline constexpr uint8_t kModuleDirectory = 2;   // twins, farms, nodes, certification
inline constexpr uint8_t kModuleFarming = 3;     // uptime reports, farming rewards
inline constexpr uint8_t kModuleGovernance = 4;  // proposals and votes

// Documented limits. The runtime enforces them with named errors; the codecs only
// apply the generous kCodec* caps, so that an over-limit value still decodes and the
// transaction gets a receipt with a precise error.
inline constexpr size_t kMaxRelayBytes = 1024;
inline constexpr size_t kMaxTwinKeyBytes = 128;
inline constexpr size_t kMaxFarmNameLength = 40;
inline constexpr size_t kMaxFarmIps = 512;
inline constexpr size_t kMaxInterfaces = 10;
inline constexpr size_t kMaxInterfaceIps = 10;
inline constexpr size_t kMaxLocationText = 64;
inline constexpr size_t kMaxAgentEndpoint = 256;
inline constexpr size_t kMaxSerial = 64;
inline constexpr size_t kMaxDomain = 253;
inline constexpr size_t kMaxPolicyName = 64;
inline constexpr size_t kMaxProposalDescription = 1024;
// Solution providers (directory.solution_provider_create).
inline constexpr size_t kMaxSolutionProviderDescription = 512;
inline constexpr size_t kMaxSolutionProviderLink = 256;
inline constexpr size_t kMaxSolutionProviderShares = 5;
// Codec caps: every string (and byte string) at most kCodecMaxString bytes, every
// list at most kCodecMaxList elements.
inline constexpr size_t kCodecMaxString = 4096;
inline constexpr size_t kCodecMaxList = 64;

// A node's capacity. cru = logical cores; mru, sru, hru = bytes of memory, SSD and HDD.
struct Resources {
  uint64_t cru = 0;
  uint64_t mru = 0;
  uint64_t sru = 0;
  uint64_t hru = 0;
  bool operator==(const Resources&) const = default;
};

// Where a node is. Coordinates are degrees × 1,000,000 (no floats in consensus):
// latitude in [-90e6, 90e6], longitude in [-180e6, 180e6] (the runtime checks).
struct Location {
  std::string city;
  std::string country;
  int32_t latitude_micro = 0;
  int32_t longitude_micro = 0;
  bool operator==(const Location&) const = default;
};

// A network interface of a node.
struct NodeInterface {
  std::string name;
  std::string mac;
  std::vector<std::string> ips;
  bool operator==(const NodeInterface&) const = default;
};

// ip: "a.b.c.d/nn" or IPv6 "x::y/nn"; gw: a bare address.
struct IpConfig {
  std::string ip;
  std::string gw;
  bool operator==(const IpConfig&) const = default;
};

// A node's public network configuration (gateway nodes).
struct PublicConfig {
  IpConfig ip4;
  std::optional<IpConfig> ip6;
  std::optional<std::string> domain;
  bool operator==(const PublicConfig&) const = default;
};

// The numeric values are the wire encoding.
enum class PowerState : uint8_t { kUp = 0, kDown = 1 };                   // "up" / "down"
enum class NodeCertification : uint8_t { kDiy = 0, kCertified = 1 };      // "diy" / "certified"
enum class FarmCertification : uint8_t { kNotCertified = 0, kGold = 1 };  // "not-certified" / "gold"

// Stable names of the enums and their inverses (nullopt for an unknown name).
// Thread-safe.
std::string_view PowerStateName(PowerState state);
std::optional<PowerState> ParsePowerState(std::string_view name);
std::string_view NodeCertificationName(NodeCertification certification);
std::optional<NodeCertification> ParseNodeCertification(std::string_view name);
std::string_view FarmCertificationName(FarmCertification certification);
std::optional<FarmCertification> ParseFarmCertification(std::string_view name);

// A pricing policy (values from genesis, changed by governance). Prices are in TF
// Chain's price unit, 1 unit = 10^-7 USD (cu = 100000 is 0.01 USD per CU-hour): per
// hour for su, cu, ipu, unique_name and domain_name, per GB for nu.
struct PricingPolicy {
  PolicyId id = 0;
  std::string name;
  uint64_t su = 0;
  uint64_t cu = 0;
  uint64_t nu = 0;
  uint64_t ipu = 0;
  uint64_t unique_name = 0;
  uint64_t domain_name = 0;
  AccountId foundation_account;
  AccountId certified_sales_account;
  uint8_t dedicated_discount_percent = 0;
  bool operator==(const PricingPolicy&) const = default;
};

// A farming policy: reward rates in mUSD — cu and su per unit per 30-day month, nu per
// GB, ipv4 per IP-hour — and the conditions a node must meet. Default policies are
// the ones the chain picks for nodes; an immutable policy cannot be replaced.
struct FarmingPolicy {
  PolicyId id = 0;
  std::string name;
  uint64_t cu = 0;
  uint64_t su = 0;
  uint64_t nu = 0;
  uint64_t ipv4 = 0;
  uint32_t minimal_uptime_permill = 0;
  NodeCertification node_certification = NodeCertification::kDiy;
  FarmCertification farm_certification = FarmCertification::kNotCertified;
  bool is_default = false;
  bool immutable = false;
  bool operator==(const FarmingPolicy&) const = default;
};

// Grid parameters (genesis section "grid"; governance may replace them). Defaults are
// TF Chain main-net's.
struct GridParams {
  uint64_t uptime_interval_ms = 2'400'000;     // 40 min; seconds on devnet
  uint64_t farming_period_ms = 2'592'000'000;  // 30 days; must exceed 2 × uptime_interval_ms
  uint64_t standby_window_ms = 86'400'000;     // 24 h
  uint64_t tft_price_musd = 80;                // mUSD per TFT, >= 1
  uint64_t max_payouts_per_block = 2'000;      // farming settlement spreads over blocks, >= 1
  bool operator==(const GridParams&) const = default;
};

// Governance parameters (genesis section "governance").
struct GovernanceParams {
  uint64_t voting_period_blocks = 7200;  // >= 1
  uint32_t quorum_permill = 500'000;     // voted power / total active power needed, (0, 1e6]
  uint32_t threshold_permill = 500'001;  // yes power / voted power needed to pass, (0, 1e6]
  uint32_t max_open_proposals = 32;
  bool operator==(const GovernanceParams&) const = default;
};

// One node's farming payout for one period: every input of the computation, so that a
// farmer can recompute it (docs/farming.md). An event payload and a state record.
struct FarmingReceipt {
  uint64_t period = 0;
  NodeId node_id = 0;
  FarmId farm_id = 0;
  AccountId account;  // paid to: the farm owner twin's account
  PolicyId policy_id = 0;
  uint64_t cu_rate = 0;
  uint64_t su_rate = 0;
  uint64_t ipv4_rate = 0;
  uint32_t minimal_uptime_permill = 0;
  uint64_t period_ms = 0;
  uint64_t uptime_ms = 0;  // measured uptime in the period
  uint64_t cu_micro = 0;   // farming units × 10^6, floored
  uint64_t su_micro = 0;
  uint64_t ip_ms = 0;                  // public-IP milliseconds (0 until the marketplace)
  uint64_t connection_price_musd = 0;  // the node's TFT price at registration
  uint64_t reward_nusd = 0;            // reward in 10^-9 USD, floored
  uint64_t amount = 0;                 // TFT base units minted, floored
  bool virtualized = false;            // virtualized nodes earn 0
  bool operator==(const FarmingReceipt&) const = default;
};

// Bounds of durations in GridParams (ms) and of GovernanceParams::voting_period_blocks:
// 2^48 ms is ~8,900 years, far from any overflow in time arithmetic.
inline constexpr uint64_t kMaxGridDurationMs = uint64_t{1} << 48;
inline constexpr uint64_t kMaxVotingPeriodBlocks = uint64_t{1} << 40;

// The rules every parameter set and policy obeys, wherever it comes from (genesis or
// governance). Each returns InvalidArgument with the given reason and a detail naming
// the field ("farming_period_ms: must exceed 2 x uptime_interval_ms"):
//  - "bad-grid-params": uptime_interval_ms in [1, kMaxGridDurationMs]; farming_period_ms
//    <= kMaxGridDurationMs and > 2 × uptime_interval_ms; standby_window_ms in
//    [1, kMaxGridDurationMs]; tft_price_musd >= 1; max_payouts_per_block >= 1.
//  - "bad-governance-params": voting_period_blocks in [1, kMaxVotingPeriodBlocks];
//    quorum_permill and threshold_permill in [1, 1,000,000]; max_open_proposals in
//    [1, kCodecMaxList] (the open proposal ids fit one list).
//  - "bad-policy": a name of 1..kMaxPolicyName bytes; pricing: dedicated_discount_percent
//    <= 100; farming: minimal_uptime_permill <= 1,000,000. Ids are not checked.
// Thread-safe.
Status ValidateGridParams(const GridParams& params);
Status ValidateGovernanceParams(const GovernanceParams& params);
Status ValidatePricingPolicy(const PricingPolicy& policy);
Status ValidateFarmingPolicy(const FarmingPolicy& policy);

void EncodeTo(Encoder& e, PowerState v);
Status DecodeFrom(Decoder& d, PowerState* out);
void EncodeTo(Encoder& e, NodeCertification v);
Status DecodeFrom(Decoder& d, NodeCertification* out);
void EncodeTo(Encoder& e, FarmCertification v);
Status DecodeFrom(Decoder& d, FarmCertification* out);

void EncodeTo(Encoder& e, const Resources& v);
Status DecodeFrom(Decoder& d, Resources* out);
void EncodeTo(Encoder& e, const Location& v);
Status DecodeFrom(Decoder& d, Location* out);
void EncodeTo(Encoder& e, const NodeInterface& v);
Status DecodeFrom(Decoder& d, NodeInterface* out);
void EncodeTo(Encoder& e, const IpConfig& v);
Status DecodeFrom(Decoder& d, IpConfig* out);
void EncodeTo(Encoder& e, const PublicConfig& v);
Status DecodeFrom(Decoder& d, PublicConfig* out);
void EncodeTo(Encoder& e, const PricingPolicy& v);
Status DecodeFrom(Decoder& d, PricingPolicy* out);
void EncodeTo(Encoder& e, const FarmingPolicy& v);
Status DecodeFrom(Decoder& d, FarmingPolicy* out);
void EncodeTo(Encoder& e, const GridParams& v);
Status DecodeFrom(Decoder& d, GridParams* out);
void EncodeTo(Encoder& e, const GovernanceParams& v);
Status DecodeFrom(Decoder& d, GovernanceParams* out);
void EncodeTo(Encoder& e, const FarmingReceipt& v);
Status DecodeFrom(Decoder& d, FarmingReceipt* out);

// Strings in grid records: a UTF-8 string of at most kCodecMaxString bytes. Helpers for
// other codecs (contracts' state records) so that every grid string has one encoding.
void EncodeTo(Encoder& e, const std::string& v);
Status DecodeFrom(Decoder& d, std::string* out);

}  // namespace tfchain::chain
