// grid_findNodes' index against brute force: random directories (farms with free and
// rented public IPs, nodes with random capacity, reservations, locations,
// certification, power targets and uptime records, written over several blocks with
// updates and deletes), random filters, sorts and pages. The brute force reads the
// records back from the state with the contracts' accessors, computes each node's
// status with contracts::NodeStatus, filters, sorts and pages; the index must answer
// exactly the same total and page.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "tests/unit/node/directory_test_util.h"

namespace tfchain::node::testing {
namespace {

using contracts::DirectoryState;
using contracts::FarmingState;

constexpr uint64_t kT0 = 1'700'000'000'000;
const std::vector<std::string> kCountries = {"Belgium", "belgium", "Egypt", "EGYPT", "Chile"};
const std::vector<std::string> kCities = {"Ghent", "ghent", "Cairo", "Santiago"};
const std::vector<uint64_t> kAmounts = {0, 1, 2, 4, 8 * kGiB, 16 * kGiB, 100 * kGiB, 1024 * kGiB};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

chain::Resources RandomResources() {
  return chain::Resources{*rc::gen::elementOf(kAmounts), *rc::gen::elementOf(kAmounts), *rc::gen::elementOf(kAmounts),
                          *rc::gen::elementOf(kAmounts)};
}

contracts::NodeRecord RandomNode(chain::NodeId id, chain::FarmId max_farm) {
  // Sometimes a farm that does not exist (the index must cope with any order of writes).
  const chain::FarmId farm = *rc::gen::inRange<chain::FarmId>(1, max_farm + 2);
  contracts::NodeRecord n =
      MakeNode(id, farm, RandomResources(), *rc::gen::elementOf(kCountries), *rc::gen::elementOf(kCities));
  n.reserved = RandomResources();  // may exceed the total: free saturates at 0
  n.certification = *rc::gen::arbitrary<bool>() ? chain::NodeCertification::kCertified : chain::NodeCertification::kDiy;
  n.power_target = *rc::gen::arbitrary<bool>() ? chain::PowerState::kDown : chain::PowerState::kUp;
  return n;
}

std::optional<contracts::NodeUptime> RandomUptime(uint64_t now) {
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return std::nullopt;
    case 1: {
      contracts::NodeUptime credited_only;
      credited_only.periods = {{0, 0, 1}};
      return credited_only;
    }
    default:
      return Reported(now - *rc::gen::inRange<uint64_t>(0, 200'000'000));
  }
}

rpc::NodeFilter RandomFilter(chain::FarmId max_farm) {
  rpc::NodeFilter f;
  auto maybe = [] { return *rc::gen::inRange(0, 4) == 0; };
  if (maybe()) f.free_cru = *rc::gen::elementOf(kAmounts);
  if (maybe()) f.free_mru = *rc::gen::elementOf(kAmounts);
  if (maybe()) f.free_sru = *rc::gen::elementOf(kAmounts);
  if (maybe()) f.free_hru = *rc::gen::elementOf(kAmounts);
  if (maybe())
    f.country = *rc::gen::elementOf(std::vector<std::string>{"belgium", "EGYPT", "Chile", "Narnia", "BelGium"});
  if (maybe()) f.city = *rc::gen::elementOf(std::vector<std::string>{"GHENT", "cairo", "Nowhere"});
  if (maybe()) f.farm_id = *rc::gen::inRange<chain::FarmId>(0, max_farm + 2);
  if (maybe()) f.certified = *rc::gen::arbitrary<bool>();
  if (maybe()) f.has_free_ip = *rc::gen::arbitrary<bool>();
  if (maybe()) f.dedicated = *rc::gen::arbitrary<bool>();
  if (maybe()) f.status = *rc::gen::element(rpc::NodeStatus::kUp, rpc::NodeStatus::kStandby, rpc::NodeStatus::kDown);
  return f;
}

struct Expected {
  chain::NodeId id;
  chain::Resources free;
  rpc::NodeStatus status;
};

// The brute force: every node record in the state, filtered, sorted and paged.
std::pair<uint64_t, std::vector<Expected>> BruteForce(const tfchain::testing::MapState& state, chain::NodeId max_node,
                                                      const rpc::NodeQuery& q, uint64_t now) {
  const chain::GridParams grid = contracts::PolicyState::GetGridParams(state).value();
  std::vector<Expected> matches;
  for (chain::NodeId id = 1; id <= max_node; ++id) {
    auto node = DirectoryState::GetNode(state, id).value();
    if (!node) continue;
    auto farm = DirectoryState::GetFarm(state, node->farm_id).value();
    auto uptime = FarmingState::GetNodeUptime(state, id).value();
    const chain::Resources free{
        node->resources.cru > node->reserved.cru ? node->resources.cru - node->reserved.cru : 0,
        node->resources.mru > node->reserved.mru ? node->resources.mru - node->reserved.mru : 0,
        node->resources.sru > node->reserved.sru ? node->resources.sru - node->reserved.sru : 0,
        node->resources.hru > node->reserved.hru ? node->resources.hru - node->reserved.hru : 0};
    const std::string status_name(
        contracts::NodeLivenessName(contracts::NodeStatus(*node, uptime ? &*uptime : nullptr, now, grid)));
    const rpc::NodeStatus status = *rpc::ParseNodeStatus(status_name);
    bool has_free_ip = false;
    if (farm) {
      for (const contracts::FarmIp& ip : farm->public_ips) has_free_ip |= ip.contract_id == 0;
    }
    const rpc::NodeFilter& f = q.filter;
    if (f.free_cru && free.cru < *f.free_cru) continue;
    if (f.free_mru && free.mru < *f.free_mru) continue;
    if (f.free_sru && free.sru < *f.free_sru) continue;
    if (f.free_hru && free.hru < *f.free_hru) continue;
    if (f.country && Lower(*f.country) != Lower(node->location.country)) continue;
    if (f.city && Lower(*f.city) != Lower(node->location.city)) continue;
    if (f.farm_id && *f.farm_id != node->farm_id) continue;
    if (f.certified && *f.certified != (node->certification == chain::NodeCertification::kCertified)) continue;
    if (f.has_free_ip && *f.has_free_ip != has_free_ip) continue;
    if (f.dedicated && *f.dedicated != (farm && farm->dedicated)) continue;
    if (f.status && *f.status != status) continue;
    matches.push_back(Expected{id, free, status});
  }
  auto key = [&](const Expected& e) -> uint64_t {
    switch (q.sort) {
      case rpc::NodeSort::kFreeCru:
        return e.free.cru;
      case rpc::NodeSort::kFreeMru:
        return e.free.mru;
      case rpc::NodeSort::kFreeSru:
        return e.free.sru;
      case rpc::NodeSort::kFreeHru:
        return e.free.hru;
      case rpc::NodeSort::kNodeId:
        break;
    }
    return 0;
  };
  std::stable_sort(matches.begin(), matches.end(), [&](const Expected& a, const Expected& b) {
    if (q.sort == rpc::NodeSort::kNodeId) return a.id < b.id;
    return key(a) > key(b);  // stable: ties stay in id order
  });
  std::vector<Expected> page;
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i >= q.offset && page.size() < q.limit) page.push_back(matches[i]);
  }
  return {matches.size(), page};
}

RC_GTEST_PROP(DirectoryIndexProperty, FindNodesEqualsBruteForce, ()) {
  chain::GridParams grid;
  grid.uptime_interval_ms = *rc::gen::inRange<uint64_t>(1'000, 100'000);
  grid.farming_period_ms = 100 * grid.uptime_interval_ms;
  grid.standby_window_ms = *rc::gen::inRange<uint64_t>(2 * grid.uptime_interval_ms, 100'000'000);
  IndexedState s(chain::GridParams{});
  const chain::FarmId farms = *rc::gen::inRange<chain::FarmId>(1, 8);
  const chain::NodeId nodes = *rc::gen::inRange<chain::NodeId>(0, 60);
  uint64_t now = kT0 + 200'000'000;

  // Block 1: params, twins and farms; then the nodes over a few blocks.
  RC_ASSERT(s.Commit(now, [&](contracts::StateOverlay& o) {
               contracts::PolicyState::PutGridParams(o, grid);
               for (chain::FarmId id = 1; id <= farms; ++id) {
                 DirectoryState::PutTwin(o, MakeTwin(id));
                 contracts::FarmRecord f = MakeFarm(id, "farm" + std::to_string(id), id,
                                                    *rc::gen::inRange<size_t>(0, 3), *rc::gen::inRange<size_t>(0, 2));
                 f.dedicated = *rc::gen::arbitrary<bool>();
                 DirectoryState::PutFarm(o, f);
               }
             }).ok());
  chain::NodeId next = 1;
  while (next <= nodes) {
    const chain::NodeId last = std::min<chain::NodeId>(nodes, next + *rc::gen::inRange<chain::NodeId>(0, 30));
    now += *rc::gen::inRange<uint64_t>(1, 50'000);
    RC_ASSERT(s.Commit(now, [&](contracts::StateOverlay& o) {
                 for (; next <= last; ++next) {
                   DirectoryState::PutNode(o, RandomNode(next, farms));
                   if (auto u = RandomUptime(now)) FarmingState::PutNodeUptime(o, next, *u);
                 }
               }).ok());
  }
  // A block of changes: node updates and deletes, new uptime reports, farm IPs rented
  // or freed; and time moves on.
  now += *rc::gen::inRange<uint64_t>(0, 100'000);
  RC_ASSERT(s.Commit(now, [&](contracts::StateOverlay& o) {
               for (chain::NodeId id = 1; id <= nodes; ++id) {
                 switch (*rc::gen::inRange(0, 6)) {
                   case 0:
                     DirectoryState::DeleteNode(o, id);
                     FarmingState::DeleteNodeUptime(o, id);
                     break;
                   case 1:
                     DirectoryState::PutNode(o, RandomNode(id, farms));
                     break;
                   case 2:
                     FarmingState::PutNodeUptime(o, id, Reported(now));
                     break;
                   default:
                     break;
                 }
               }
               for (chain::FarmId id = 1; id <= farms; ++id) {
                 contracts::FarmRecord f = *DirectoryState::GetFarm(o, id).value();
                 for (contracts::FarmIp& ip : f.public_ips) ip.contract_id = *rc::gen::inRange<uint64_t>(0, 2);
                 DirectoryState::PutFarm(o, f);
               }
             }).ok());
  now += *rc::gen::inRange<uint64_t>(0, 3 * grid.standby_window_ms);
  RC_ASSERT(s.Commit(now, [](contracts::StateOverlay&) {}).ok());

  for (int round = 0; round < 10; ++round) {
    rpc::NodeQuery q;
    q.filter = RandomFilter(farms);
    q.sort = *rc::gen::element(rpc::NodeSort::kNodeId, rpc::NodeSort::kFreeCru, rpc::NodeSort::kFreeMru,
                               rpc::NodeSort::kFreeSru, rpc::NodeSort::kFreeHru);
    q.offset = *rc::gen::inRange<uint64_t>(0, 70);
    q.limit = *rc::gen::inRange<uint64_t>(0, 70);
    const auto [total, expected] = BruteForce(s.state(), nodes, q, now);
    const rpc::NodePage page = s.index().FindNodes(q);
    RC_ASSERT(page.total == total);
    RC_ASSERT(page.nodes.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      RC_ASSERT(page.nodes[i].node_id == expected[i].id);
      RC_ASSERT(page.nodes[i].free == expected[i].free);
      RC_ASSERT(page.nodes[i].status == expected[i].status);
    }
  }
  // The stats agree with the same records.
  const rpc::GridStats stats = s.index().Stats();
  const auto [all, unused] = BruteForce(s.state(), nodes, rpc::NodeQuery{.limit = 0}, now);
  RC_ASSERT(stats.nodes_total == all);
  const auto [up, unused_up] =
      BruteForce(s.state(), nodes, rpc::NodeQuery{.filter = {.status = rpc::NodeStatus::kUp}, .limit = 0}, now);
  RC_ASSERT(stats.nodes_up == up);
}

}  // namespace
}  // namespace tfchain::node::testing
