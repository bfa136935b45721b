#pragma once

// A fixture for directory tests: the Directory over an in-memory state initialised
// from a Genesis with the default policies and one certifier, with helpers that run a
// call as a block would (on an overlay, committed only on success) and check that a
// rejected call wrote nothing and emitted nothing.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "chain/genesis.h"
#include "contracts/directory.h"
#include "contracts/directory_state.h"
#include "contracts/directory_validation.h"
#include "contracts/policy_state.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts::testing {

using chain::AccountId;
using chain::Event;

// A distinct account per n (no key needed: the directory trusts its signer argument).
inline AccountId Acct(uint8_t n) {
  AccountId a;
  a.bytes.fill(n);
  return a;
}

// A node description that passes every rule.
inline chain::NodeCreateCall ValidNode(FarmId farm_id) {
  chain::NodeCreateCall c;
  c.farm_id = farm_id;
  c.resources = {8, 16 * kGiB, 500 * kGiB, 2000 * kGiB};
  c.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
  c.interfaces = {{"eth0", "0a:1b:2c:3d:4e:5f", {"185.69.166.50/24", "2a02:1802:5e::50/64"}}};
  c.agent_endpoint = "http://185.69.166.50:8080";
  c.serial = "SN-0001";
  return c;
}

// The update call with the same fields as `create`.
inline chain::NodeUpdateCall UpdateFrom(NodeId node_id, const chain::NodeCreateCall& create) {
  return {node_id,
          create.resources,
          create.location,
          create.interfaces,
          create.public_config,
          create.agent_endpoint,
          create.virtualized,
          create.serial};
}

class DirectoryTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kTftPrice = 95;  // mUSD per TFT in this genesis

  DirectoryTest() {
    genesis_.chain_id = "directory-test";
    genesis_.grid.tft_price_musd = kTftPrice;
    genesis_.certifiers = {certifier_};
    StateOverlay overlay(state_);
    std::vector<Event> events;
    const Status s = directory_.InitGenesis(overlay, genesis_, &events);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(events.empty());
    state_.Apply(overlay);
  }

  // Runs `call` signed by `signer` at the current height and time; commits its writes
  // on success. Returns the call's Status; its events go to last_events_.
  template <typename C>
  Status Run(const AccountId& signer, const C& call) {
    StateOverlay overlay(state_);
    last_events_.clear();
    const Status s = Dispatch(overlay, signer, call, &last_events_);
    if (s.ok()) {
      state_.Apply(overlay);
    } else {
      last_writes_ = overlay.writes().size();
    }
    return s;
  }

  // Runs `call`, expects success and returns its events.
  template <typename C>
  std::vector<Event> Ok(const AccountId& signer, const C& call) {
    const Status s = Run(signer, call);
    EXPECT_TRUE(s.ok()) << C::kName << ": " << s.ToString();
    return last_events_;
  }

  // Runs `call`, expects it to fail with `reason`, and checks that it wrote nothing
  // (not even to the overlay that would be rolled back) and emitted no event.
  template <typename C>
  void Fails(const AccountId& signer, const C& call, std::string_view reason) {
    const std::map<std::string, chain::Bytes> before = state_.data();
    const Status s = Run(signer, call);
    EXPECT_FALSE(s.ok()) << C::kName << " succeeded, expected " << reason;
    EXPECT_EQ(s.reason(), reason) << s.ToString();
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
    EXPECT_EQ(last_writes_, 0u) << C::kName << " wrote state before failing";
    EXPECT_TRUE(last_events_.empty());
    EXPECT_EQ(state_.data(), before);
  }

  // Creates a twin for `account` and returns its id.
  TwinId MakeTwin(const AccountId& account) {
    Ok(account, chain::TwinCreateCall{"relay.grid.tf", {1, 2, 3}});
    return DirectoryState::GetTwinIdByAccount(state_, account).value().value();
  }
  // Creates a farm owned by `owner`'s twin (which must exist).
  FarmId MakeFarm(const AccountId& owner, const std::string& name) {
    Ok(owner, chain::FarmCreateCall{name, 1});
    return DirectoryState::GetFarmIdByName(state_, name).value().value();
  }
  // Registers a valid node of `account` in `farm_id`, creating its twin if needed.
  NodeId MakeNode(const AccountId& account, FarmId farm_id) {
    if (!DirectoryState::GetTwinIdByAccount(state_, account).value()) MakeTwin(account);
    Ok(account, ValidNode(farm_id));
    return DirectoryState::GetNodeIdByAccount(state_, account).value().value();
  }

  TwinRecord Twin(TwinId id) { return DirectoryState::GetTwin(state_, id).value().value(); }
  FarmRecord Farm(FarmId id) { return DirectoryState::GetFarm(state_, id).value().value(); }
  NodeRecord Node(NodeId id) { return DirectoryState::GetNode(state_, id).value().value(); }
  DirectoryCounters Counters() { return DirectoryState::GetCounters(state_).value(); }

  // Writes `node` / `farm` directly (as the marketplace will when it reserves).
  void Put(const NodeRecord& node) {
    StateOverlay overlay(state_);
    DirectoryState::PutNode(overlay, node);
    state_.Apply(overlay);
  }
  void Put(const FarmRecord& farm) {
    StateOverlay overlay(state_);
    DirectoryState::PutFarm(overlay, farm);
    state_.Apply(overlay);
  }

  template <typename E>
  static std::vector<E> EventsOf(const std::vector<Event>& events) {
    std::vector<E> out;
    for (const Event& e : events) {
      if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    }
    return out;
  }

  Directory directory_;
  chain::Genesis genesis_;
  tfchain::testing::MapState state_;
  AccountId certifier_ = Acct(200);
  uint64_t height_ = 7;
  uint64_t time_ms_ = 1'700'000'000'000;
  std::vector<Event> last_events_;
  size_t last_writes_ = 0;

 private:
  template <typename C>
  Status Dispatch(StateOverlay& s, const AccountId& a, const C& c, std::vector<Event>* ev) {
    const uint64_t h = height_, t = time_ms_;
    const Directory& d = directory_;
    if constexpr (std::is_same_v<C, chain::TwinCreateCall>) {
      return d.TwinCreate(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::TwinUpdateCall>) {
      return d.TwinUpdate(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::FarmCreateCall>) {
      return d.FarmCreate(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::FarmUpdateCall>) {
      return d.FarmUpdate(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::FarmAddIpCall>) {
      return d.FarmAddIp(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::FarmRemoveIpCall>) {
      return d.FarmRemoveIp(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::FarmSetDedicatedCall>) {
      return d.FarmSetDedicated(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::FarmSetCertificationCall>) {
      return d.FarmSetCertification(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::NodeCreateCall>) {
      return d.NodeCreate(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::NodeUpdateCall>) {
      return d.NodeUpdate(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::NodeDeleteCall>) {
      return d.NodeDelete(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::NodeSetPowerTargetCall>) {
      return d.NodeSetPowerTarget(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::NodeReportPowerStateCall>) {
      return d.NodeReportPowerState(s, h, t, a, c, ev);
    } else {
      static_assert(std::is_same_v<C, chain::NodeSetCertificationCall>, "not a directory call");
      return d.NodeSetCertification(s, h, t, a, c, ev);
    }
  }
};

}  // namespace tfchain::contracts::testing
