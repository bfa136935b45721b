// The marketplace state layout: record codecs round-trip and reject bad input, keys
// follow the documented layout, empty values are deleted.
#include <gtest/gtest.h>

#include <string>

#include "contracts/market_state.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts {
namespace {

ContractRecord FullRecord() {
  ContractRecord c;
  c.id = 42;
  c.twin_id = 7;
  c.kind = ContractKind::kNode;
  c.state = ContractState::kGrace;
  c.reason = DeleteReason::kNone;
  c.grace_since_ms = 1'000;
  c.node_id = 3;
  c.resources = {4, 8, 100, 0};
  c.ips = {"185.69.166.10/24", "185.69.166.11/24"};
  c.deployment_hash.bytes.fill(0xAB);
  c.deployment_data = {1, 2, 3};
  c.solution_provider_id = 9;
  c.ack = AckState::kPending;
  c.ack_message = "hello";
  c.created_height = 5;
  c.created_ms = 6;
  c.updated_ms = 7;
  c.billed_until_ms = 8;
  c.uptime_base_ms = 9;
  c.billed_up_ms = 10;
  c.unbilled_nu_bytes = 11;
  c.overdue = 12;
  c.hourly_micro = 13;
  c.total_paid = 14;
  c.used = {1, 2, 3, 4};
  c.last_resources_report_ms = 15;
  c.last_network_report_ms = 16;
  c.deleted_ms = 17;
  return c;
}

template <typename T>
T RoundTrip(const T& v) {
  const chain::Bytes bytes = chain::Encode(v);
  auto decoded = chain::DecodeExact<T>(bytes, bytes.size());
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
  return decoded.ok() ? *decoded : T{};
}

TEST(MarketStateCodec, RecordsRoundTrip) {
  EXPECT_EQ(RoundTrip(FullRecord()), FullRecord());
  EXPECT_EQ(RoundTrip(ContractRecord{}), ContractRecord{});
  const NodeContracts nc{{1, 5, 9}, 12, 4};
  EXPECT_EQ(RoundTrip(nc), nc);
  const TwinBilling tb{123, 4};
  EXPECT_EQ(RoundTrip(tb), tb);
  const MarketCounters mc{17, 3};
  EXPECT_EQ(RoundTrip(mc), mc);
  ServiceContractRecord s{5, 1, 2, "meta", 100, 200, true, false, 99, 98};
  EXPECT_EQ(RoundTrip(s), s);
}

TEST(MarketStateCodec, RejectsBadInput) {
  chain::Bytes bytes = chain::Encode(FullRecord());
  // Truncated, trailing, bad enum tag (kind is right after id:u64 twin:u32).
  EXPECT_FALSE((chain::DecodeExact<ContractRecord>(chain::Bytes(bytes.begin(), bytes.end() - 1), bytes.size())).ok());
  chain::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(chain::DecodeExact<ContractRecord>(longer, longer.size()).status().reason(), "decode-trailing-bytes");
  chain::Bytes bad_kind = bytes;
  bad_kind[12] = 9;
  EXPECT_EQ(chain::DecodeExact<ContractRecord>(bad_kind, bad_kind.size()).status().reason(), "decode-bad-tag");
  // An id list must be strictly ascending.
  chain::Bytes unsorted = chain::Encode(NodeContracts{{5, 1}, 0, 0});
  EXPECT_EQ(chain::DecodeExact<NodeContracts>(unsorted, unsorted.size()).status().reason(), "decode-bad-value");
}

TEST(MarketStateKeys, LayoutAndEmptyValues) {
  EXPECT_EQ(MarketState::ContractKey(0x0102), (chain::Bytes{0x07, 0x01, 0, 0, 0, 0, 0, 0, 0x01, 0x02}));
  EXPECT_EQ(MarketState::ServiceKey(1), (chain::Bytes{0x07, 0x09, 0, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_TRUE(std::equal(kMarketContractPrefix.begin(), kMarketContractPrefix.end(),
                         MarketState::ContractKey(5).begin()));

  tfchain::testing::MapState base;
  StateOverlay s(base);
  EXPECT_EQ(MarketState::GetCounters(s).value(), MarketCounters{});
  EXPECT_EQ(MarketState::GetBucket(s, 3).value(), std::vector<ContractId>{});
  MarketState::PutBucket(s, 3, {4, 13});
  EXPECT_EQ(MarketState::GetBucket(s, 3).value(), (std::vector<ContractId>{4, 13}));
  MarketState::PutBucket(s, 3, {});
  MarketState::PutTwinBilling(s, 2, TwinBilling{});
  MarketState::PutNodeContracts(s, 2, NodeContracts{});
  MarketState::PutNodeExtraFee(s, 2, 0);
  MarketState::PutAckDeadlines(s, 2, {});
  for (const auto& [key, value] : s.writes()) EXPECT_FALSE(value.has_value()) << "empty value stored";

  chain::Hash256 h;
  h.bytes.fill(1);
  MarketState::PutDeployment(s, 3, h, 77);
  EXPECT_EQ(MarketState::GetDeployment(s, 3, h).value(), std::optional<ContractId>(77));
  EXPECT_EQ(MarketState::GetDeployment(s, 4, h).value(), std::nullopt);
  MarketState::PutNameOwner(s, "alice", 8);
  EXPECT_EQ(MarketState::GetNameOwner(s, "alice").value(), std::optional<ContractId>(8));
  MarketState::DeleteNameOwner(s, "alice");
  EXPECT_EQ(MarketState::GetNameOwner(s, "alice").value(), std::nullopt);
  MarketState::PutNodeExtraFee(s, 5, 1234);
  EXPECT_EQ(MarketState::GetNodeExtraFee(s, 5).value(), 1234u);
}

TEST(MarketStateIds, SortedInsertErase) {
  std::vector<ContractId> ids;
  for (ContractId id : {5, 1, 9, 5, 3}) InsertSortedId(&ids, id);
  EXPECT_EQ(ids, (std::vector<ContractId>{1, 3, 5, 9}));
  EraseSortedId(&ids, 4);
  EraseSortedId(&ids, 5);
  EXPECT_EQ(ids, (std::vector<ContractId>{1, 3, 9}));
}

}  // namespace
}  // namespace tfchain::contracts
