// Directory nodes: registration by the node's own account, every field rule with its
// bad inputs, updates, deletion, power and certification; a rejected call writes
// nothing. Also the farming-policy choice (FarmingPolicyFor).
#include <gtest/gtest.h>

#include "tests/unit/contracts/directory_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::NodeCertification;
using chain::NodeCreateCall;
using chain::NodeDeleteCall;
using chain::NodeReportPowerStateCall;
using chain::NodeSetCertificationCall;
using chain::NodeSetPowerTargetCall;
using chain::NodeUpdateCall;
using chain::PowerState;

class DirectoryNodesTest : public DirectoryTest {
 protected:
  DirectoryNodesTest() {
    MakeTwin(farmer_);
    farm_ = MakeFarm(farmer_, "NodeFarm");
    node_twin_ = MakeTwin(node_key_);
  }
  // Expects `call` (a variant of ValidNode) to be refused with `reason`.
  void FailsCreate(const NodeCreateCall& call, std::string_view reason) { Fails(node_key_, call, reason); }

  AccountId farmer_ = Acct(1), node_key_ = Acct(2), stranger_ = Acct(3);  // stranger has no twin
  FarmId farm_ = 0;
  TwinId node_twin_ = 0;
};

TEST_F(DirectoryNodesTest, CreateRegistersTheSignersOwnNode) {
  NodeCreateCall call = ValidNode(farm_);
  call.interfaces[0].mac = "0A:1B:2C:3D:4E:5F";
  call.interfaces[0].ips = {"185.69.166.50/24", "2A02:1802:005E:0:0:0:0:50/64", "10.0.0.2"};
  call.public_config = chain::PublicConfig{{"185.69.166.50/24", "185.69.166.1"},
                                           chain::IpConfig{"2A02:1802:5E::50/64", "2a02:1802:5e:0::1"},
                                           "Node1.Example.com"};
  const std::vector<Event> events = Ok(node_key_, call);
  EXPECT_EQ(EventsOf<chain::NodeCreatedEvent>(events),
            (std::vector<chain::NodeCreatedEvent>{{1, farm_, node_twin_, call.resources}}));
  const NodeRecord node = Node(1);
  EXPECT_EQ(node.id, 1u);
  EXPECT_EQ(node.farm_id, farm_);
  EXPECT_EQ(node.twin_id, node_twin_);
  EXPECT_EQ(node.account, node_key_);
  EXPECT_EQ(node.resources, call.resources);
  EXPECT_EQ(node.reserved, chain::Resources{});
  EXPECT_EQ(node.location, call.location);
  EXPECT_EQ(node.agent_endpoint, call.agent_endpoint);
  EXPECT_EQ(node.serial, call.serial);
  EXPECT_FALSE(node.virtualized);
  EXPECT_EQ(node.certification, NodeCertification::kDiy);
  EXPECT_EQ(node.power_target, PowerState::kUp);
  EXPECT_EQ(node.power_state, PowerState::kUp);
  EXPECT_EQ(node.connection_price_musd, kTftPrice);
  EXPECT_EQ(node.created_ms, time_ms_);
  EXPECT_EQ(node.updated_ms, time_ms_);
  // Addresses, MACs and the domain are stored canonically.
  ASSERT_EQ(node.interfaces.size(), 1u);
  EXPECT_EQ(node.interfaces[0].mac, "0a:1b:2c:3d:4e:5f");
  EXPECT_EQ(node.interfaces[0].ips, (std::vector<std::string>{"185.69.166.50/24", "2a02:1802:5e::50/64", "10.0.0.2"}));
  ASSERT_TRUE(node.public_config.has_value());
  EXPECT_EQ(node.public_config->ip4, (chain::IpConfig{"185.69.166.50/24", "185.69.166.1"}));
  EXPECT_EQ(node.public_config->ip6, (chain::IpConfig{"2a02:1802:5e::50/64", "2a02:1802:5e::1"}));
  EXPECT_EQ(node.public_config->domain, "node1.example.com");
  EXPECT_EQ(DirectoryState::GetNodeIdByAccount(state_, node_key_).value(), std::optional<NodeId>(1));
  EXPECT_EQ(DirectoryState::GetNodeByAccount(state_, node_key_).value(), node);
  EXPECT_EQ(Counters().next_node_id, 2u);
}

TEST_F(DirectoryNodesTest, ForeignAccountsCannotRegisterNodes) {
  // An account without a twin cannot register a node, not even in a farm it names.
  Fails(stranger_, ValidNode(farm_), "no-twin");
  // The farmer registering "for" the node key registers its own node, with its own
  // twin and account: there is no way to name someone else's twin.
  Ok(farmer_, ValidNode(farm_));
  const NodeRecord node = Node(1);
  EXPECT_EQ(node.account, farmer_);
  EXPECT_EQ(node.twin_id, DirectoryState::GetTwinIdByAccount(state_, farmer_).value().value());
  EXPECT_NE(node.twin_id, node_twin_);
  // One node per account.
  Fails(farmer_, ValidNode(farm_), "node-exists");
}

TEST_F(DirectoryNodesTest, CreateNeedsAnExistingFarm) { FailsCreate(ValidNode(farm_ + 1), "unknown-farm"); }

TEST_F(DirectoryNodesTest, MinimumResources) {
  const auto with = [&](uint64_t cru, uint64_t mru, uint64_t sru, uint64_t hru) {
    NodeCreateCall c = ValidNode(farm_);
    c.resources = {cru, mru, sru, hru};
    return c;
  };
  FailsCreate(with(0, 2 * kGiB, 100 * kGiB, 0), "resources-below-minimum");
  FailsCreate(with(1, 2 * kGiB - 1, 100 * kGiB, 0), "resources-below-minimum");
  FailsCreate(with(1, 2 * kGiB, 100 * kGiB - 1, 100 * kGiB - 1), "resources-below-minimum");
  FailsCreate(with(1, 2 * kGiB, 0, 0), "resources-below-minimum");
  // 100 GiB of SSD or of HDD is enough.
  Ok(node_key_, with(1, 2 * kGiB, 0, 100 * kGiB));
  EXPECT_EQ(Node(1).resources, (chain::Resources{1, 2 * kGiB, 0, 100 * kGiB}));
  MakeTwin(Acct(4));
  Ok(Acct(4), with(1, 2 * kGiB, 100 * kGiB, 0));
}

TEST_F(DirectoryNodesTest, LocationRules) {
  const auto with = [&](chain::Location l) {
    NodeCreateCall c = ValidNode(farm_);
    c.location = std::move(l);
    return c;
  };
  FailsCreate(with({"", "Belgium", 0, 0}), "bad-location");
  FailsCreate(with({"Ghent", "", 0, 0}), "bad-location");
  FailsCreate(with({std::string(chain::kMaxLocationText + 1, 'g'), "Belgium", 0, 0}), "bad-location");
  FailsCreate(with({"Gh\nent", "Belgium", 0, 0}), "bad-location");
  FailsCreate(with({"Ghent", "Belg\xff", 0, 0}), "bad-location");  // not UTF-8
  FailsCreate(with({"Ghent",
                    "\xc2\x85"
                    "Belgium",
                    0, 0}),
              "bad-location");  // C1 control
  FailsCreate(with({"Ghent", "Belgium", 90'000'001, 0}), "bad-location");
  FailsCreate(with({"Ghent", "Belgium", -90'000'001, 0}), "bad-location");
  FailsCreate(with({"Ghent", "Belgium", 0, 180'000'001}), "bad-location");
  FailsCreate(with({"Ghent", "Belgium", 0, -180'000'001}), "bad-location");
  Ok(node_key_, with({"Z\xc3\xbcrich", std::string(chain::kMaxLocationText, 'c'), -90'000'000, 180'000'000}));
  EXPECT_EQ(Node(1).location.city, "Z\xc3\xbcrich");
}

TEST_F(DirectoryNodesTest, InterfaceRules) {
  const auto with = [&](std::vector<chain::NodeInterface> nics) {
    NodeCreateCall c = ValidNode(farm_);
    c.interfaces = std::move(nics);
    return c;
  };
  std::vector<chain::NodeInterface> eleven;
  for (int i = 0; i < 11; ++i) eleven.push_back({"eth" + std::to_string(i), "0a:1b:2c:3d:4e:5f", {}});
  FailsCreate(with(eleven), "too-many-interfaces");
  std::vector<std::string> ips;
  for (int i = 0; i < 11; ++i) ips.push_back("10.0.0." + std::to_string(i + 1));
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e:5f", ips}}), "too-many-interface-ips");
  FailsCreate(with({{"", "0a:1b:2c:3d:4e:5f", {}}}), "bad-interface");
  FailsCreate(with({{"eth 0", "0a:1b:2c:3d:4e:5f", {}}}), "bad-interface");
  FailsCreate(with({{std::string(kMaxInterfaceName + 1, 'e'), "0a:1b:2c:3d:4e:5f", {}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e:5f", {}}, {"eth0", "0a:1b:2c:3d:4e:60", {}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e", {}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a-1b-2c-3d-4e-5f", {}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e:5f", {"300.1.1.1"}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e:5f", {"10.0.0.1/33"}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e:5f", {"fe80::1%eth0"}}}), "bad-interface");
  FailsCreate(with({{"eth0", "0a:1b:2c:3d:4e:5f", {""}}}), "bad-interface");
  // Ten interfaces of ten addresses each, and none at all, are fine.
  std::vector<chain::NodeInterface> ten;
  for (int i = 0; i < 10; ++i) {
    ten.push_back(
        {"br-" + std::to_string(i), "0a:1b:2c:3d:4e:5f", std::vector<std::string>(ips.begin(), ips.end() - 1)});
  }
  Ok(node_key_, with(ten));
  EXPECT_EQ(Node(1).interfaces.size(), 10u);
  Ok(node_key_, UpdateFrom(1, with({})));
  EXPECT_TRUE(Node(1).interfaces.empty());
}

TEST_F(DirectoryNodesTest, PublicConfigRules) {
  const auto with = [&](chain::PublicConfig config) {
    NodeCreateCall c = ValidNode(farm_);
    c.public_config = std::move(config);
    return c;
  };
  const chain::IpConfig ip4{"185.69.166.50/24", "185.69.166.1"};
  const chain::IpConfig ip6{"2a02:1802:5e::50/64", "2a02:1802:5e::1"};
  FailsCreate(with({{"10.0.0.5/24", "10.0.0.1"}, {}, {}}), "bad-public-config");            // private
  FailsCreate(with({{"185.69.166.50", "185.69.166.1"}, {}, {}}), "bad-public-config");      // no prefix
  FailsCreate(with({{"185.69.166.50/24", "185.69.167.1"}, {}, {}}), "bad-public-config");   // gw outside
  FailsCreate(with({{"185.69.166.50/24", "185.69.166.50"}, {}, {}}), "bad-public-config");  // gw == ip
  FailsCreate(with({{"185.69.166.50/24", "2a02::1"}, {}, {}}), "bad-public-config");
  FailsCreate(with({ip6, {}, {}}), "bad-public-config");   // v6 as ip4
  FailsCreate(with({ip4, ip4, {}}), "bad-public-config");  // v4 as ip6
  FailsCreate(with({ip4, chain::IpConfig{"2a02:1802:5e::50/64", "2a02:1802:5f::1"}, {}}), "bad-public-config");
  FailsCreate(with({ip4, chain::IpConfig{"2a02:1802:5e::50/129", "2a02:1802:5e::1"}, {}}), "bad-public-config");
  FailsCreate(with({ip4, {}, std::string("localhost")}), "bad-public-config");
  FailsCreate(with({ip4, {}, std::string("gw.example.com.")}), "bad-public-config");
  FailsCreate(with({ip4, {}, std::string("-gw.example.com")}), "bad-public-config");
  FailsCreate(with({ip4, {}, std::string("185.69.166.50")}), "bad-public-config");
  FailsCreate(with({ip4, {}, std::string("")}), "bad-public-config");
  Ok(node_key_, with({ip4, ip6, std::string("gw1.farm.grid.tf")}));
  EXPECT_EQ(Node(1).public_config, (chain::PublicConfig{ip4, ip6, std::string("gw1.farm.grid.tf")}));
}

TEST_F(DirectoryNodesTest, AgentEndpointRules) {
  const auto with = [&](std::string endpoint) {
    NodeCreateCall c = ValidNode(farm_);
    c.agent_endpoint = std::move(endpoint);
    return c;
  };
  for (const std::string bad :
       {"", "185.69.166.50:8080", "ftp://185.69.166.50:21", "http://185.69.166.50",
        "http://185.69.166.50:", "http://185.69.166.50:0", "http://185.69.166.50:65536", "http://185.69.166.50:080",
        "http://:8080", "http://1.2.3:8080", "http://[2a02::1:8080", "http://2a02::1:8080", "http://host_name:8080",
        "http://host:8080/path with space", "http://host:8080?q=1", "HTTP://host:80", "http://user@host:80"}) {
    SCOPED_TRACE(bad);
    FailsCreate(with(bad), "bad-agent-endpoint");
  }
  FailsCreate(with("http://h:1/" + std::string(chain::kMaxAgentEndpoint, 'p')), "bad-agent-endpoint");
  int n = 10;
  for (const std::string good : {"http://185.69.166.50:8080", "https://[2a02:1802:5e::50]:443/api/v1",
                                 "http://localhost:1", "https://node-1.farm.example.com:65535/"}) {
    SCOPED_TRACE(good);
    const AccountId key = Acct(static_cast<uint8_t>(n++));
    MakeTwin(key);
    Ok(key, with(good));
  }
}

TEST_F(DirectoryNodesTest, SerialRules) {
  const auto with = [&](std::optional<std::string> serial) {
    NodeCreateCall c = ValidNode(farm_);
    c.serial = std::move(serial);
    return c;
  };
  FailsCreate(with(std::string()), "bad-serial");
  FailsCreate(with(std::string(chain::kMaxSerial + 1, 's')), "bad-serial");
  FailsCreate(with(std::string("S\tN")), "bad-serial");
  Ok(node_key_, with(std::nullopt));
  EXPECT_FALSE(Node(1).serial.has_value());
}

TEST_F(DirectoryNodesTest, UpdateByTheNodesAccountOnly) {
  const NodeId id = MakeNode(node_key_, farm_);
  const NodeRecord before = Node(id);
  time_ms_ += 60'000;
  NodeCreateCall next = ValidNode(farm_);
  next.resources.cru = 16;
  next.location.city = "Antwerp";
  next.virtualized = true;
  next.serial.reset();
  const std::vector<Event> events = Ok(node_key_, UpdateFrom(id, next));
  EXPECT_EQ(EventsOf<chain::NodeUpdatedEvent>(events), (std::vector<chain::NodeUpdatedEvent>{{id}}));
  NodeRecord expected = before;
  expected.resources.cru = 16;
  expected.location.city = "Antwerp";
  expected.virtualized = true;
  expected.serial.reset();
  expected.updated_ms = time_ms_;
  EXPECT_EQ(Node(id), expected);  // farm, twin, price and created_ms unchanged

  Fails(farmer_, UpdateFrom(id, next), "not-node-account");
  Fails(node_key_, UpdateFrom(id + 1, next), "unknown-node");
  NodeCreateCall bad = next;
  bad.resources.cru = 0;
  Fails(node_key_, UpdateFrom(id, bad), "resources-below-minimum");
  bad = next;
  bad.agent_endpoint = "nope";
  Fails(node_key_, UpdateFrom(id, bad), "bad-agent-endpoint");
  bad = next;
  bad.location.latitude_micro = 91'000'000;
  Fails(node_key_, UpdateFrom(id, bad), "bad-location");
}

TEST_F(DirectoryNodesTest, UpdateCannotShrinkBelowReserved) {
  const NodeId id = MakeNode(node_key_, farm_);
  NodeRecord node = Node(id);
  node.reserved = {4, 8 * kGiB, 200 * kGiB, 0};
  Put(node);
  NodeCreateCall next = ValidNode(farm_);
  next.resources.cru = 3;
  Fails(node_key_, UpdateFrom(id, next), "resources-below-reserved");
  next.resources.cru = 4;
  next.resources.sru = 200 * kGiB - 1;
  Fails(node_key_, UpdateFrom(id, next), "resources-below-reserved");
  next.resources.sru = 200 * kGiB;
  Ok(node_key_, UpdateFrom(id, next));
  EXPECT_EQ(Node(id).resources.cru, 4u);
  EXPECT_EQ(Node(id).reserved, node.reserved);
}

TEST_F(DirectoryNodesTest, DeleteByNodeAccountOrFarmOwner) {
  const NodeId first = MakeNode(node_key_, farm_);
  const NodeId second = MakeNode(Acct(5), farm_);
  MakeTwin(Acct(6));
  Fails(Acct(6), NodeDeleteCall{first}, "not-node-owner");
  Fails(stranger_, NodeDeleteCall{first}, "not-node-owner");
  Fails(Acct(5), NodeDeleteCall{first}, "not-node-owner");  // another node of the same farm
  Fails(node_key_, NodeDeleteCall{99}, "unknown-node");

  std::vector<Event> events = Ok(node_key_, NodeDeleteCall{first});
  EXPECT_EQ(EventsOf<chain::NodeDeletedEvent>(events), (std::vector<chain::NodeDeletedEvent>{{first}}));
  EXPECT_FALSE(DirectoryState::GetNode(state_, first).value().has_value());
  EXPECT_FALSE(DirectoryState::GetNodeIdByAccount(state_, node_key_).value().has_value());
  Ok(farmer_, NodeDeleteCall{second});
  EXPECT_FALSE(DirectoryState::GetNode(state_, second).value().has_value());
  EXPECT_FALSE(DirectoryState::GetNodeIdByAccount(state_, Acct(5)).value().has_value());

  // The account may register again; ids are never reused.
  Ok(node_key_, ValidNode(farm_));
  EXPECT_EQ(DirectoryState::GetNodeIdByAccount(state_, node_key_).value(), std::optional<NodeId>(3));
  Fails(node_key_, NodeDeleteCall{first}, "unknown-node");
}

TEST_F(DirectoryNodesTest, DeleteRefusedWhileContractsReserveCapacity) {
  const NodeId id = MakeNode(node_key_, farm_);
  NodeRecord node = Node(id);
  node.reserved.mru = 1;
  Put(node);
  Fails(node_key_, NodeDeleteCall{id}, "node-has-contracts");
  Fails(farmer_, NodeDeleteCall{id}, "node-has-contracts");
}

TEST_F(DirectoryNodesTest, PowerTargetByFarmOwnerAndStateByNode) {
  const NodeId id = MakeNode(node_key_, farm_);
  std::vector<Event> events = Ok(farmer_, NodeSetPowerTargetCall{id, PowerState::kDown});
  EXPECT_EQ(EventsOf<chain::NodePowerTargetSetEvent>(events),
            (std::vector<chain::NodePowerTargetSetEvent>{{id, PowerState::kDown}}));
  EXPECT_EQ(Node(id).power_target, PowerState::kDown);
  EXPECT_EQ(Node(id).power_state, PowerState::kUp);
  Fails(node_key_, NodeSetPowerTargetCall{id, PowerState::kUp}, "not-farm-owner");
  Fails(stranger_, NodeSetPowerTargetCall{id, PowerState::kUp}, "not-farm-owner");
  Fails(farmer_, NodeSetPowerTargetCall{id + 1, PowerState::kUp}, "unknown-node");

  events = Ok(node_key_, NodeReportPowerStateCall{PowerState::kDown});
  EXPECT_EQ(EventsOf<chain::NodePowerStateReportedEvent>(events),
            (std::vector<chain::NodePowerStateReportedEvent>{{id, PowerState::kDown}}));
  EXPECT_EQ(Node(id).power_state, PowerState::kDown);
  Fails(farmer_, NodeReportPowerStateCall{PowerState::kUp}, "no-node");
  Fails(stranger_, NodeReportPowerStateCall{PowerState::kUp}, "no-node");
}

TEST_F(DirectoryNodesTest, CertificationBySetMembersOnly) {
  const NodeId id = MakeNode(node_key_, farm_);
  std::vector<Event> events = Ok(certifier_, NodeSetCertificationCall{id, NodeCertification::kCertified});
  EXPECT_EQ(EventsOf<chain::NodeCertificationSetEvent>(events),
            (std::vector<chain::NodeCertificationSetEvent>{{id, NodeCertification::kCertified}}));
  EXPECT_EQ(Node(id).certification, NodeCertification::kCertified);
  Fails(farmer_, NodeSetCertificationCall{id, NodeCertification::kDiy}, "not-certifier");
  Fails(node_key_, NodeSetCertificationCall{id, NodeCertification::kDiy}, "not-certifier");
  Fails(certifier_, NodeSetCertificationCall{id + 1, NodeCertification::kDiy}, "unknown-node");
}

TEST_F(DirectoryNodesTest, FarmingPolicyIsTheHighestDefaultThatFits) {
  const NodeId id = MakeNode(node_key_, farm_);
  EXPECT_EQ(FarmingPolicyFor(state_, Node(id), Farm(farm_)).value().id, 1u);  // diy
  Ok(certifier_, NodeSetCertificationCall{id, NodeCertification::kCertified});
  EXPECT_EQ(FarmingPolicyFor(state_, Node(id), Farm(farm_)).value().id, 2u);  // certified

  // A gold-farm policy (3) and a non-default one (4) that everything would fit.
  StateOverlay overlay(state_);
  chain::FarmingPolicy gold = genesis_.farming_policies[1];
  gold.id = 3;
  gold.name = "gold";
  gold.farm_certification = chain::FarmCertification::kGold;
  ASSERT_TRUE(PolicyState::PutFarmingPolicy(overlay, gold).ok());
  chain::FarmingPolicy special = genesis_.farming_policies[0];
  special.id = 4;
  special.is_default = false;
  ASSERT_TRUE(PolicyState::PutFarmingPolicy(overlay, special).ok());
  state_.Apply(overlay);
  EXPECT_EQ(FarmingPolicyFor(state_, Node(id), Farm(farm_)).value().id, 2u);
  Ok(certifier_, chain::FarmSetCertificationCall{farm_, chain::FarmCertification::kGold});
  EXPECT_EQ(FarmingPolicyFor(state_, Node(id), Farm(farm_)).value(), gold);
  Ok(certifier_, NodeSetCertificationCall{id, NodeCertification::kDiy});
  EXPECT_EQ(FarmingPolicyFor(state_, Node(id), Farm(farm_)).value().id, 1u);
}

TEST_F(DirectoryNodesTest, NoFittingFarmingPolicyIsNotFound) {
  const NodeId id = MakeNode(node_key_, farm_);
  StateOverlay overlay(state_);
  for (chain::FarmingPolicy p : genesis_.farming_policies) {
    p.is_default = false;
    ASSERT_TRUE(PolicyState::PutFarmingPolicy(overlay, p).ok());
  }
  const auto policy = FarmingPolicyFor(overlay, Node(id), Farm(farm_));
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().reason(), "no-farming-policy");
  EXPECT_EQ(policy.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace tfchain::contracts::testing
