// Directory farms and their public IPv4 pools: every rule with its bad inputs
// (duplicate names, bad characters, private or malformed IPs, gateways outside the
// subnet, IPs of another farm); a rejected call writes nothing.
#include <gtest/gtest.h>

#include "tests/unit/contracts/directory_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::FarmAddIpCall;
using chain::FarmCertification;
using chain::FarmCreateCall;
using chain::FarmRemoveIpCall;
using chain::FarmSetCertificationCall;
using chain::FarmSetDedicatedCall;
using chain::FarmUpdateCall;

class DirectoryFarmsTest : public DirectoryTest {
 protected:
  DirectoryFarmsTest() {
    owner_twin_ = MakeTwin(owner_);
    MakeTwin(other_);
    farm_ = MakeFarm(owner_, "MyFarm");
  }
  AccountId owner_ = Acct(1), other_ = Acct(2), stranger_ = Acct(3);  // stranger has no twin
  TwinId owner_twin_ = 0;
  FarmId farm_ = 0;
};

TEST_F(DirectoryFarmsTest, CreateWritesRecordAndCaseInsensitiveNameIndex) {
  EXPECT_EQ(farm_, 1u);
  FarmRecord expected;
  expected.id = 1;
  expected.name = "MyFarm";
  expected.twin_id = owner_twin_;
  expected.pricing_policy_id = 1;
  expected.created_ms = time_ms_;
  EXPECT_EQ(Farm(1), expected);
  for (const char* spelling : {"MyFarm", "myfarm", "MYFARM"}) {
    EXPECT_EQ(DirectoryState::GetFarmIdByName(state_, spelling).value(), std::optional<FarmId>(1)) << spelling;
  }
  EXPECT_EQ(Counters().next_farm_id, 2u);

  const std::vector<Event> events = Ok(other_, FarmCreateCall{"other_farm-2", 1});
  EXPECT_EQ(EventsOf<chain::FarmCreatedEvent>(events),
            (std::vector<chain::FarmCreatedEvent>{{2, Farm(2).twin_id, "other_farm-2"}}));
  EXPECT_EQ(Farm(2).twin_id, DirectoryState::GetTwinIdByAccount(state_, other_).value().value());
}

TEST_F(DirectoryFarmsTest, CreateErrors) {
  Fails(stranger_, FarmCreateCall{"NoTwin", 1}, "no-twin");
  Fails(other_, FarmCreateCall{"", 1}, "bad-farm-name");
  Fails(other_, FarmCreateCall{"my farm", 1}, "bad-farm-name");
  Fails(other_, FarmCreateCall{"farm!", 1}, "bad-farm-name");
  Fails(other_, FarmCreateCall{"farm.one", 1}, "bad-farm-name");
  Fails(other_, FarmCreateCall{"f\xc3\xa1rm", 1}, "bad-farm-name");
  Fails(other_, FarmCreateCall{std::string(chain::kMaxFarmNameLength + 1, 'f'), 1}, "bad-farm-name");
  Fails(other_, FarmCreateCall{"myfarm", 1}, "farm-name-taken");
  Fails(other_, FarmCreateCall{"MYFARM", 1}, "farm-name-taken");
  Fails(other_, FarmCreateCall{"Fresh", 0}, "unknown-pricing-policy");
  Fails(other_, FarmCreateCall{"Fresh", 2}, "unknown-pricing-policy");
  Ok(other_, FarmCreateCall{std::string(chain::kMaxFarmNameLength, 'f'), 1});
}

TEST_F(DirectoryFarmsTest, UpdateRenamesAndMovesTheNameIndex) {
  const std::vector<Event> events = Ok(owner_, FarmUpdateCall{farm_, "Renamed", 1});
  EXPECT_EQ(EventsOf<chain::FarmUpdatedEvent>(events), (std::vector<chain::FarmUpdatedEvent>{{farm_}}));
  EXPECT_EQ(Farm(farm_).name, "Renamed");
  EXPECT_EQ(DirectoryState::GetFarmIdByName(state_, "renamed").value(), std::optional<FarmId>(farm_));
  EXPECT_FALSE(DirectoryState::GetFarmIdByName(state_, "myfarm").value().has_value());
  // The old name is free again.
  const FarmId second = MakeFarm(other_, "myfarm");
  EXPECT_EQ(second, 2u);
  // A change of capitalisation only keeps the index entry.
  Ok(owner_, FarmUpdateCall{farm_, "RENAMED", 1});
  EXPECT_EQ(Farm(farm_).name, "RENAMED");
  EXPECT_EQ(DirectoryState::GetFarmIdByName(state_, "Renamed").value(), std::optional<FarmId>(farm_));
}

TEST_F(DirectoryFarmsTest, UpdateErrors) {
  MakeFarm(other_, "Taken");
  Fails(owner_, FarmUpdateCall{99, "X", 1}, "unknown-farm");
  Fails(other_, FarmUpdateCall{farm_, "Mine", 1}, "not-farm-owner");
  Fails(stranger_, FarmUpdateCall{farm_, "Mine", 1}, "not-farm-owner");
  Fails(owner_, FarmUpdateCall{farm_, "taken", 1}, "farm-name-taken");
  Fails(owner_, FarmUpdateCall{farm_, "bad name", 1}, "bad-farm-name");
  Fails(owner_, FarmUpdateCall{farm_, "Good", 7}, "unknown-pricing-policy");
}

TEST_F(DirectoryFarmsTest, AddIpStoresCanonicalEntryAndIndex) {
  const std::vector<Event> events = Ok(owner_, FarmAddIpCall{farm_, "185.69.166.7/24", "185.69.166.1"});
  EXPECT_EQ(EventsOf<chain::FarmIpAddedEvent>(events),
            (std::vector<chain::FarmIpAddedEvent>{{farm_, "185.69.166.7/24", "185.69.166.1"}}));
  EXPECT_EQ(Farm(farm_).public_ips, (std::vector<FarmIp>{{"185.69.166.7/24", "185.69.166.1", 0}}));
  EXPECT_EQ(DirectoryState::GetFarmIdByIp(state_, "185.69.166.7").value(), std::optional<FarmId>(farm_));
  // A /31 has no network or broadcast address.
  Ok(owner_, FarmAddIpCall{farm_, "185.69.170.6/31", "185.69.170.7"});
  EXPECT_EQ(Farm(farm_).public_ips.size(), 2u);
}

TEST_F(DirectoryFarmsTest, AddIpRejectsMalformedAndPrivateAddresses) {
  const auto add = [&](const std::string& ip, const std::string& gw, std::string_view reason) {
    SCOPED_TRACE(ip + " gw " + gw);
    Fails(owner_, FarmAddIpCall{farm_, ip, gw}, reason);
  };
  add("185.69.166.7", "185.69.166.1", "bad-ip");      // no prefix
  add("185.69.166.07/24", "185.69.166.1", "bad-ip");  // leading zero
  add("185.69.166.256/24", "185.69.166.1", "bad-ip");
  add("185.69.166.7/024", "185.69.166.1", "bad-ip");
  add("185.69.166.7/33", "185.69.166.1", "bad-ip");
  add("185.69.166.7/7", "185.69.166.1", "bad-ip");   // prefix below 8
  add("185.69.166.7/32", "185.69.166.1", "bad-ip");  // no room for a gateway
  add("2a02:1802:5e::7/64", "2a02:1802:5e::1", "bad-ip");
  add("185.69.166.0/24", "185.69.166.1", "bad-ip");    // network address
  add("185.69.166.255/24", "185.69.166.1", "bad-ip");  // broadcast address
  add(" 185.69.166.7/24", "185.69.166.1", "bad-ip");
  add("10.0.0.5/24", "10.0.0.1", "ip-not-public");
  add("172.16.0.5/24", "172.16.0.1", "ip-not-public");
  add("192.168.1.5/24", "192.168.1.1", "ip-not-public");
  add("100.64.0.5/24", "100.64.0.1", "ip-not-public");
  add("127.0.0.5/24", "127.0.0.1", "ip-not-public");
  add("169.254.1.5/24", "169.254.1.1", "ip-not-public");
  add("203.0.113.5/24", "203.0.113.1", "ip-not-public");
  add("224.0.0.5/24", "224.0.0.1", "ip-not-public");
  add("240.0.0.5/24", "240.0.0.1", "ip-not-public");
  add("185.69.166.7/24", "", "bad-gateway");
  add("185.69.166.7/24", "185.69.166.1/24", "bad-gateway");
  add("185.69.166.7/24", "gateway", "bad-gateway");
  add("185.69.166.7/24", "185.69.166.7", "bad-gateway");    // the ip itself
  add("185.69.166.7/24", "185.69.166.0", "bad-gateway");    // network address
  add("185.69.166.7/24", "185.69.166.255", "bad-gateway");  // broadcast address
  add("185.69.166.7/24", "185.69.167.1", "gateway-outside-subnet");
  add("185.69.166.7/25", "185.69.166.129", "gateway-outside-subnet");
  add("11.0.0.7/7", "10.0.0.1", "bad-ip");
  EXPECT_TRUE(Farm(farm_).public_ips.empty());
}

TEST_F(DirectoryFarmsTest, AddIpNoDuplicatesInThisOrAnyFarm) {
  Ok(owner_, FarmAddIpCall{farm_, "185.69.166.7/24", "185.69.166.1"});
  Fails(owner_, FarmAddIpCall{farm_, "185.69.166.7/24", "185.69.166.1"}, "ip-taken");
  Fails(owner_, FarmAddIpCall{farm_, "185.69.166.7/25", "185.69.166.1"}, "ip-taken");  // other prefix, same address
  const FarmId theirs = MakeFarm(other_, "TheirFarm");
  Fails(other_, FarmAddIpCall{theirs, "185.69.166.7/24", "185.69.166.1"}, "ip-taken");
  Fails(other_, FarmAddIpCall{farm_, "185.69.166.8/24", "185.69.166.1"}, "not-farm-owner");
  Fails(owner_, FarmAddIpCall{42, "185.69.166.8/24", "185.69.166.1"}, "unknown-farm");
  // A different address of the same subnet is fine.
  Ok(other_, FarmAddIpCall{theirs, "185.69.166.8/24", "185.69.166.1"});
}

TEST_F(DirectoryFarmsTest, AtMost512IpsPerFarm) {
  for (size_t i = 0; i < chain::kMaxFarmIps; ++i) {
    const std::string ip = "185.70." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 2) + "/16";
    ASSERT_TRUE(Run(owner_, FarmAddIpCall{farm_, ip, "185.70.255.1"}).ok()) << ip;
  }
  EXPECT_EQ(Farm(farm_).public_ips.size(), chain::kMaxFarmIps);
  Fails(owner_, FarmAddIpCall{farm_, "185.70.100.100/16", "185.70.255.1"}, "too-many-ips");
}

TEST_F(DirectoryFarmsTest, RemoveIpByAddressOrCidr) {
  Ok(owner_, FarmAddIpCall{farm_, "185.69.166.7/24", "185.69.166.1"});
  Ok(owner_, FarmAddIpCall{farm_, "185.69.166.8/24", "185.69.166.1"});
  std::vector<Event> events = Ok(owner_, FarmRemoveIpCall{farm_, "185.69.166.7"});
  EXPECT_EQ(EventsOf<chain::FarmIpRemovedEvent>(events),
            (std::vector<chain::FarmIpRemovedEvent>{{farm_, "185.69.166.7/24"}}));
  EXPECT_EQ(Farm(farm_).public_ips, (std::vector<FarmIp>{{"185.69.166.8/24", "185.69.166.1", 0}}));
  EXPECT_FALSE(DirectoryState::GetFarmIdByIp(state_, "185.69.166.7").value().has_value());
  Ok(owner_, FarmRemoveIpCall{farm_, "185.69.166.8/24"});
  EXPECT_TRUE(Farm(farm_).public_ips.empty());
  // Removed addresses can go to another farm.
  const FarmId theirs = MakeFarm(other_, "TheirFarm");
  Ok(other_, FarmAddIpCall{theirs, "185.69.166.7/24", "185.69.166.1"});
  EXPECT_EQ(DirectoryState::GetFarmIdByIp(state_, "185.69.166.7").value(), std::optional<FarmId>(theirs));
}

TEST_F(DirectoryFarmsTest, RemoveIpErrors) {
  Ok(owner_, FarmAddIpCall{farm_, "185.69.166.7/24", "185.69.166.1"});
  Fails(owner_, FarmRemoveIpCall{farm_, "185.69.166.9"}, "unknown-ip");
  Fails(owner_, FarmRemoveIpCall{farm_, "185.69.166.07"}, "bad-ip");
  Fails(owner_, FarmRemoveIpCall{farm_, "2a02::1"}, "bad-ip");
  Fails(owner_, FarmRemoveIpCall{farm_, "x/24"}, "bad-ip");
  Fails(other_, FarmRemoveIpCall{farm_, "185.69.166.7"}, "not-farm-owner");
  Fails(owner_, FarmRemoveIpCall{77, "185.69.166.7"}, "unknown-farm");
  // Never while a contract holds it.
  FarmRecord farm = Farm(farm_);
  farm.public_ips[0].contract_id = 12;
  Put(farm);
  Fails(owner_, FarmRemoveIpCall{farm_, "185.69.166.7/24"}, "ip-in-use");
}

TEST_F(DirectoryFarmsTest, SetDedicatedByOwnerOnly) {
  std::vector<Event> events = Ok(owner_, FarmSetDedicatedCall{farm_, true});
  EXPECT_EQ(EventsOf<chain::FarmDedicatedSetEvent>(events), (std::vector<chain::FarmDedicatedSetEvent>{{farm_, true}}));
  EXPECT_TRUE(Farm(farm_).dedicated);
  Ok(owner_, FarmSetDedicatedCall{farm_, false});
  EXPECT_FALSE(Farm(farm_).dedicated);
  Fails(other_, FarmSetDedicatedCall{farm_, true}, "not-farm-owner");
  Fails(owner_, FarmSetDedicatedCall{5, true}, "unknown-farm");
}

TEST_F(DirectoryFarmsTest, CertificationBySetMembersOnly) {
  std::vector<Event> events = Ok(certifier_, FarmSetCertificationCall{farm_, FarmCertification::kGold});
  EXPECT_EQ(EventsOf<chain::FarmCertificationSetEvent>(events),
            (std::vector<chain::FarmCertificationSetEvent>{{farm_, FarmCertification::kGold}}));
  EXPECT_EQ(Farm(farm_).certification, FarmCertification::kGold);
  Fails(owner_, FarmSetCertificationCall{farm_, FarmCertification::kNotCertified}, "not-certifier");
  Fails(certifier_, FarmSetCertificationCall{9, FarmCertification::kGold}, "unknown-farm");
}

}  // namespace
}  // namespace tfchain::contracts::testing
