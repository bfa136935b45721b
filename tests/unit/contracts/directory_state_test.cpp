// Directory and policy state: record codecs (round trip, strict decoding), the key
// layout that the node's index scans by prefix, and the accessors' absent values.
#include "contracts/directory_state.h"

#include <gtest/gtest.h>

#include "contracts/policy_state.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts {
namespace {

using chain::Bytes;

AccountId Acct(uint8_t n) {
  AccountId a;
  a.bytes.fill(n);
  return a;
}

NodeRecord FullNode() {
  NodeRecord n;
  n.id = 7;
  n.farm_id = 3;
  n.twin_id = 9;
  n.account = Acct(4);
  n.resources = {8, 1ull << 34, 1ull << 39, 1ull << 41};
  n.reserved = {1, 2, 3, 4};
  n.location = {"Ghent", "Belgium", -51'054'300, 3'717'400};
  n.interfaces = {{"eth0", "0a:1b:2c:3d:4e:5f", {"10.0.0.2/24", "2a02::2"}}, {"eth1", "0a:1b:2c:3d:4e:60", {}}};
  n.public_config = chain::PublicConfig{{"185.69.166.50/24", "185.69.166.1"},
                                        chain::IpConfig{"2a02:1802:5e::50/64", "2a02:1802:5e::1"},
                                        std::string("gw.example.com")};
  n.agent_endpoint = "http://185.69.166.50:8080";
  n.virtualized = true;
  n.serial = "SN-1";
  n.certification = chain::NodeCertification::kCertified;
  n.power_target = chain::PowerState::kDown;
  n.power_state = chain::PowerState::kDown;
  n.connection_price_musd = 80;
  n.created_ms = 1;
  n.updated_ms = 2;
  return n;
}

template <typename T>
void ExpectRoundTrip(const T& value) {
  const Bytes encoded = chain::Encode(value);
  auto decoded = chain::DecodeExact<T>(encoded, encoded.size());
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, value);
  EXPECT_EQ(chain::Encode(*decoded), encoded);
  // Truncated and extended encodings are refused.
  for (size_t cut = 0; cut < encoded.size(); ++cut) {
    EXPECT_FALSE((chain::DecodeExact<T>(chain::ByteSpan(encoded.data(), cut), encoded.size()).ok())) << cut;
  }
  Bytes longer = encoded;
  longer.push_back(0);
  EXPECT_EQ(chain::DecodeExact<T>(longer, longer.size()).status().reason(), "decode-trailing-bytes");
}

TEST(DirectoryStateTest, RecordsRoundTrip) {
  ExpectRoundTrip(TwinRecord{5, Acct(1), "relay.grid.tf", {1, 2, 3}, 99});
  ExpectRoundTrip(TwinRecord{});
  FarmRecord farm;
  farm.id = 3;
  farm.name = "MyFarm";
  farm.twin_id = 5;
  farm.pricing_policy_id = 1;
  farm.certification = chain::FarmCertification::kGold;
  farm.dedicated = true;
  farm.public_ips = {{"185.69.166.7/24", "185.69.166.1", 0}, {"185.69.166.8/24", "185.69.166.1", 42}};
  farm.created_ms = 1234;
  ExpectRoundTrip(farm);
  ExpectRoundTrip(FarmRecord{});
  ExpectRoundTrip(FullNode());
  ExpectRoundTrip(NodeRecord{});
  ExpectRoundTrip(DirectoryCounters{4, 5, 6});
  ExpectRoundTrip(PolicyCounts{1, 2});
}

TEST(DirectoryStateTest, NodeRecordRejectsUnknownEnumValues) {
  NodeRecord node = FullNode();
  node.serial.reset();
  Bytes encoded = chain::Encode(node);
  // The tail is certification:u8 power_target:u8 power_state:u8 then three u64.
  const size_t power_state_at = encoded.size() - 3 * 8 - 1;
  ASSERT_EQ(encoded[power_state_at], static_cast<uint8_t>(chain::PowerState::kDown));
  encoded[power_state_at] = 2;
  EXPECT_EQ(chain::DecodeExact<NodeRecord>(encoded, encoded.size()).status().reason(), "decode-bad-tag");
}

TEST(DirectoryStateTest, KeysAreBigEndianIdsUnderTheirPrefixes) {
  EXPECT_EQ(DirectoryState::TwinKey(0x01020304), (Bytes{0x03, 0x01, 0x01, 0x02, 0x03, 0x04}));
  EXPECT_EQ(DirectoryState::FarmKey(1), (Bytes{0x03, 0x03, 0, 0, 0, 1}));
  EXPECT_EQ(DirectoryState::NodeKey(256), (Bytes{0x03, 0x06, 0, 0, 1, 0}));
  EXPECT_TRUE(std::equal(kDirectoryTwinPrefix.begin(), kDirectoryTwinPrefix.end(), DirectoryState::TwinKey(9).begin()));
  EXPECT_TRUE(std::equal(kDirectoryFarmPrefix.begin(), kDirectoryFarmPrefix.end(), DirectoryState::FarmKey(9).begin()));
  EXPECT_TRUE(std::equal(kDirectoryNodePrefix.begin(), kDirectoryNodePrefix.end(), DirectoryState::NodeKey(9).begin()));
  EXPECT_EQ(PolicyState::PricingPolicyKey(2), (Bytes{0x04, 0x01, 0, 0, 0, 2}));
  EXPECT_EQ(PolicyState::FarmingPolicyKey(3), (Bytes{0x04, 0x02, 0, 0, 0, 3}));
  // Byte order of keys = id order, so a prefix scan lists records by id.
  EXPECT_LT(DirectoryState::NodeKey(255), DirectoryState::NodeKey(256));
  EXPECT_LT(DirectoryState::NodeKey(65'535), DirectoryState::NodeKey(65'536));
}

TEST(DirectoryStateTest, AccessorsWriteTheDocumentedKeys) {
  tfchain::testing::MapState base;
  StateOverlay state(base);
  EXPECT_EQ(DirectoryState::GetCounters(state).value(), DirectoryCounters{});  // absent = all 1
  DirectoryState::PutTwinIdByAccount(state, Acct(1), 5);
  DirectoryState::PutFarmIdByName(state, "MyFarm", 3);
  DirectoryState::PutFarmIdByIp(state, "185.69.166.7", 3);
  DirectoryState::PutNodeIdByAccount(state, Acct(2), 8);
  std::vector<std::string> keys;
  for (const auto& [key, value] : state.writes()) keys.push_back(key);
  const auto k = [](Bytes prefix, std::string_view rest) {
    std::string s(prefix.begin(), prefix.end());
    return s + std::string(rest);
  };
  EXPECT_EQ(keys,
            (std::vector<std::string>{k({0x03, 0x02}, std::string(32, '\x01')), k({0x03, 0x04}, "myfarm"),
                                      k({0x03, 0x05}, "185.69.166.7"), k({0x03, 0x07}, std::string(32, '\x02'))}));
  EXPECT_EQ(DirectoryState::GetFarmIdByName(state, "MYFARM").value(), std::optional<FarmId>(3));
  DirectoryState::DeleteFarmName(state, "myFARM");
  EXPECT_FALSE(DirectoryState::GetFarmIdByName(state, "MyFarm").value().has_value());
  DirectoryState::DeleteFarmIp(state, "185.69.166.7");
  EXPECT_FALSE(DirectoryState::GetFarmIdByIp(state, "185.69.166.7").value().has_value());
  // An index entry that names a missing record is corruption, not "absent".
  const auto twin = DirectoryState::GetTwinByAccount(state, Acct(1));
  ASSERT_FALSE(twin.ok());
  EXPECT_EQ(twin.status().reason(), "state-corrupt");
  const auto node = DirectoryState::GetNodeByAccount(state, Acct(2));
  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.status().reason(), "state-corrupt");
  EXPECT_FALSE(DirectoryState::GetNodeByAccount(state, Acct(3)).value().has_value());
}

TEST(DirectoryStateTest, UndecodableValuesAreStateCorrupt) {
  tfchain::testing::MapState base;
  StateOverlay state(base);
  state.Put(DirectoryState::NodeKey(1), Bytes{1, 2, 3});
  const auto node = DirectoryState::GetNode(state, 1);
  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.status().reason(), "state-corrupt");
  EXPECT_EQ(node.status().code(), Status::Code::kCorruption);
}

TEST(DirectoryStateTest, PolicyStateDefaultsWhenAbsent) {
  tfchain::testing::MapState empty;
  EXPECT_EQ(PolicyState::GetGridParams(empty).value(), chain::GridParams{});
  EXPECT_EQ(PolicyState::GetGovernanceParams(empty).value(), chain::GovernanceParams{});
  EXPECT_EQ(PolicyState::GetPricingPolicyCount(empty).value(), 0u);
  EXPECT_EQ(PolicyState::GetFarmingPolicyCount(empty).value(), 0u);
  EXPECT_TRUE(PolicyState::GetCertifiers(empty).value().empty());
  EXPECT_FALSE(PolicyState::GetPricingPolicy(empty, 1).value().has_value());
}

}  // namespace
}  // namespace tfchain::contracts
