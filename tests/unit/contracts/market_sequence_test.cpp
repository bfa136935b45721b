// A deterministic random walk over the marketplace (fixed seed): creates, updates,
// cancels, acks, top-ups, drains, downtime and billing blocks, checking after every
// step that issuance is conserved, no node is overbooked, reservations and IPs match
// the live contracts, TwinBilling is the sum over live contracts, and no interval is
// billed twice.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "tests/unit/contracts/market_test_util.h"

namespace tfchain::contracts::testing {
namespace {

class MarketSequence : public MarketTest {
 protected:
  void CheckInvariants(const std::vector<TwinId>& twins, NodeId node, FarmId farm) {
    EXPECT_EQ(Issuance(), issuance_);
    const NodeRecord n = Node(node);
    EXPECT_LE(n.reserved.cru, n.resources.cru);
    EXPECT_LE(n.reserved.mru, n.resources.mru);
    chain::Resources sum;
    size_t ips = 0;
    const ContractId next = MarketState::GetCounters(state_).value().next_contract_id;
    for (ContractId id = 1; id < next; ++id) {
      const ContractRecord c = Contract(id);
      if (!c.live() || c.kind != ContractKind::kNode) continue;
      sum.cru += c.resources.cru;
      sum.mru += c.resources.mru;
      sum.sru += c.resources.sru;
      sum.hru += c.resources.hru;
      ips += c.ips.size();
    }
    EXPECT_EQ(n.reserved, sum);
    size_t held = 0;
    for (const FarmIp& ip : Farm(farm).public_ips) held += ip.contract_id != 0;
    EXPECT_EQ(held, ips);
    for (TwinId t : twins) ExpectTwinBillingConsistent(t);
  }

  uint64_t issuance_ = 0;
};

TEST_F(MarketSequence, RandomWalkKeepsInvariants) {
  const FarmId farm = MakeFarm(1, 3);
  const NodeId node = MakeNode(1, farm);
  const std::vector<TwinId> twins = {MakeUser(1, 5 * kTft), MakeUser(2, 0)};
  issuance_ = Issuance();
  std::mt19937_64 rng(20260101);
  auto pick = [&](uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng); };
  std::map<ContractId, uint64_t> last_to;  // contract -> end of its last bill
  uint8_t next_hash = 1;
  size_t bills = 0, graces = 0, deletions = 0;
  for (int step = 0; step < 800; ++step) {
    const uint32_t user = 1 + static_cast<uint32_t>(pick(2));
    const ContractId next = MarketState::GetCounters(state_).value().next_contract_id;
    const ContractId some = next > 1 ? 1 + pick(next - 1) : 0;
    switch (pick(8)) {
      case 0:
      case 1: {
        auto call = NodeCall(node, {1 + pick(6), (1 + pick(16)) * kGiB, pick(200) * kGiB, 0},
                             static_cast<uint32_t>(pick(2)), next_hash++);
        (void)Run(UserAccount(user), call);
        break;
      }
      case 2:
        if (some != 0) (void)Run(NodeAccountOf(1), chain::ContractAckCall{some, pick(5) != 0, ""});
        break;
      case 3:
        if (some != 0) (void)Run(UserAccount(user), chain::ContractCancelCall{some});
        break;
      case 4:
        if (some != 0) {
          (void)Run(UserAccount(user), chain::ContractUpdateNodeCall{some, {1 + pick(4), kGiB, 0, 0},
                                                                     HashOf(next_hash++), {}});
        }
        break;
      case 5:
        if (pick(2) == 0) {
          Fund(UserAccount(user), pick(3 * kTft));
          issuance_ = Issuance();
        } else {
          const uint64_t free = Free(UserAccount(user));
          Must([&](StateOverlay& s) {
            return Balances::Transfer(s, UserAccount(user), UserAccount(9999), free / 2, nullptr);
          });
        }
        break;
      default: {
        time_ += kIntervalMs;
        if (pick(8) != 0) Report(1, time_);  // else the node misses this report (downtime)
        const auto events = EndBlockAt(height_ + 1, time_);
        graces += EventsOf<chain::ContractGraceStartedEvent>(events).size();
        deletions += EventsOf<chain::ContractDeletedEvent>(events).size();
        for (const chain::ContractBill& b : Bills(events)) {
          ++bills;
          ExpectSplitSums(b);
          EXPECT_LE(b.up_ms, b.to_ms - b.from_ms);
          EXPECT_GE(b.from_ms, last_to[b.contract_id]) << "interval billed twice";
          last_to[b.contract_id] = b.to_ms;
        }
      }
    }
    CheckInvariants(twins, node, farm);
    if (HasFailure()) {
      ADD_FAILURE() << "at step " << step;
      return;
    }
  }
  // The walk reached the interesting states.
  EXPECT_GT(bills, 20u);
  EXPECT_GT(graces, 0u);
  EXPECT_GT(deletions, 0u);
}

}  // namespace
}  // namespace tfchain::contracts::testing
