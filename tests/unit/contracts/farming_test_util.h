#pragma once

// A small grid for farming tests: the directory (genesis policies, twins, farms,
// nodes created through the Directory calls) over an in-memory state, with helpers to
// report uptime and run the farming EndBlock as blocks do (each step commits its
// writes only when it succeeds). No GoogleTest dependency: the property test uses it
// too.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "chain/genesis.h"
#include "chain/grid_types.h"
#include "contracts/balances.h"
#include "contracts/directory.h"
#include "contracts/farming.h"
#include "contracts/farming_state.h"
#include "contracts/policy_state.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts::testing {

using chain::AccountId;
using chain::Event;

inline constexpr uint64_t kGiB = uint64_t{1} << 30;
inline constexpr uint64_t kHourMs = 3'600'000;
inline constexpr uint64_t kMonthMs = 30 * 24 * kHourMs;
inline constexpr uint64_t kGenesisMs = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

// A synthetic account: the calls take the signer as given (signatures are checked
// before the runtime), so no key is needed.
inline AccountId TestAccount(uint32_t n, uint8_t kind) {
  AccountId a;
  a.bytes[0] = kind;
  for (int i = 0; i < 4; ++i) a.bytes[1 + i] = static_cast<uint8_t>(n >> (8 * i));
  return a;
}

// 4 cores, 16 GiB memory, 1 TiB SSD: the worked example of farming_rewards_test.cpp.
inline chain::Resources ExampleResources() { return {4, 16 * kGiB, 1024 * kGiB, 0}; }

class GridWorld {
 public:
  // Genesis grid parameters `grid`, the default TF Chain policies, and one certifier.
  explicit GridWorld(const chain::GridParams& grid, uint64_t genesis_ms = kGenesisMs) : farming_(genesis_ms) {
    chain::Genesis g;
    g.grid = grid;
    g.certifiers = {Certifier()};
    Must(Write([&](StateOverlay& s) { return directory_.InitGenesis(s, g, nullptr); }));
  }

  static AccountId Certifier() { return TestAccount(1, 0xCE); }
  static AccountId FarmerAccount(uint32_t n) { return TestAccount(n, 0xFA); }
  static AccountId NodeAccount(uint32_t n) { return TestAccount(n, 0x0D); }

  // Runs `step` on an overlay and commits its writes if it succeeds.
  chain::Status Write(const std::function<chain::Status(StateOverlay&)>& step) {
    StateOverlay overlay(state_);
    chain::Status s = step(overlay);
    if (s.ok()) state_.Apply(overlay);
    return s;
  }

  // A farm named "farm<n>" owned by FarmerAccount(n) (its twin is created first).
  FarmId CreateFarm(uint32_t n, FarmCertification certification = FarmCertification::kNotCertified) {
    std::vector<Event> ev;
    const AccountId owner = FarmerAccount(n);
    Must(Write([&](StateOverlay& s) {
      return directory_.TwinCreate(s, 1, kGenesisMs, owner, {"relay.example.org", {1, 2, 3}}, &ev);
    }));
    Must(Write([&](StateOverlay& s) {
      return directory_.FarmCreate(s, 1, kGenesisMs, owner, {"farm" + std::to_string(n), 1}, &ev);
    }));
    const FarmId id = *DirectoryState::GetFarmIdByName(state_, "farm" + std::to_string(n)).value();
    if (certification != FarmCertification::kNotCertified) {
      Must(Write([&](StateOverlay& s) {
        return directory_.FarmSetCertification(s, 1, kGenesisMs, Certifier(), {id, certification}, &ev);
      }));
    }
    return id;
  }

  // Node NodeAccount(n) registered in `farm` at block time `time_ms`.
  NodeId CreateNode(uint32_t n, FarmId farm, const chain::Resources& resources, uint64_t time_ms,
                    bool virtualized = false, NodeCertification certification = NodeCertification::kDiy) {
    std::vector<Event> ev;
    const AccountId account = NodeAccount(n);
    Must(Write([&](StateOverlay& s) {
      return directory_.TwinCreate(s, 1, time_ms, account, {"relay.example.org", {4, 5, 6}}, &ev);
    }));
    chain::NodeCreateCall call;
    call.farm_id = farm;
    call.resources = resources;
    call.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
    call.agent_endpoint = "http://10.0.0.1:8080";
    call.virtualized = virtualized;
    Must(Write([&](StateOverlay& s) { return directory_.NodeCreate(s, 1, time_ms, account, call, &ev); }));
    const NodeId id = *DirectoryState::GetNodeIdByAccount(state_, account).value();
    if (certification != NodeCertification::kDiy) {
      Must(Write([&](StateOverlay& s) {
        return directory_.NodeSetCertification(s, 1, time_ms, Certifier(), {id, certification}, &ev);
      }));
    }
    return id;
  }

  chain::Status DeleteNode(uint32_t n, NodeId id) {
    std::vector<Event> ev;
    return Write([&](StateOverlay& s) { return directory_.NodeDelete(s, 1, kGenesisMs, NodeAccount(n), {id}, &ev); });
  }

  // NodeAccount(n) reports `uptime_s` in a block at `time_ms`; returns the credited ms
  // (from the UptimeReported event) or the error.
  chain::Result<uint64_t> Report(uint32_t n, uint64_t time_ms, uint64_t uptime_s) {
    std::vector<Event> ev;
    TF_RETURN_IF_ERROR(Write([&](StateOverlay& s) {
      return farming_.ReportUptime(s, 1, time_ms, NodeAccount(n), chain::NodeReportUptimeCall{uptime_s}, &ev);
    }));
    CHECK(ev.size() == 1);
    return std::get<chain::UptimeReportedEvent>(ev[0]).credited_ms;
  }

  // The farming EndBlock of a block at `time_ms`; returns its events.
  chain::Result<std::vector<Event>> EndBlock(uint64_t time_ms) {
    std::vector<Event> ev;
    TF_RETURN_IF_ERROR(Write([&](StateOverlay& s) { return farming_.EndBlock(s, 1, time_ms, &ev); }));
    return ev;
  }

  chain::GridParams Grid() const { return PolicyState::GetGridParams(state_).value(); }
  void SetGrid(const chain::GridParams& grid) {
    Must(Write([&](StateOverlay& s) {
      PolicyState::PutGridParams(s, grid);
      return chain::Status::Ok();
    }));
  }
  PeriodSchedule Schedule() const { return farming_.Schedule(state_).value(); }
  std::optional<NodeUptime> Uptime(NodeId id) const { return FarmingState::GetNodeUptime(state_, id).value(); }
  std::optional<chain::FarmingReceipt> Receipt(uint64_t period, NodeId id) const {
    return FarmingState::GetReceipt(state_, period, id).value();
  }
  SettlementCursor Cursor() const { return FarmingState::GetCursor(state_).value(); }
  uint64_t Issuance() const { return Balances::TotalIssuance(state_).value(); }
  uint64_t Free(const AccountId& who) const { return Balances::GetAccount(state_, who).value().free; }

  // Every stored receipt, in key order (period, node).
  std::vector<chain::FarmingReceipt> AllReceipts() const {
    std::vector<chain::FarmingReceipt> out;
    const std::string prefix(kFarmingReceiptPrefix.begin(), kFarmingReceiptPrefix.end());
    for (auto it = state_.data().lower_bound(prefix); it != state_.data().end() && it->first.starts_with(prefix);
         ++it) {
      out.push_back(chain::DecodeExact<chain::FarmingReceipt>(it->second, it->second.size()).value());
    }
    return out;
  }

  tfchain::testing::MapState& state() { return state_; }
  const Farming& farming() const { return farming_; }
  const Directory& directory() const { return directory_; }

 private:
  static void Must(const chain::Status& s) {
    if (!s.ok()) std::fprintf(stderr, "GridWorld setup failed: %s\n", s.ToString().c_str());
    CHECK(s.ok());
  }

  tfchain::testing::MapState state_;
  Directory directory_;
  Farming farming_;
};

}  // namespace tfchain::contracts::testing
