// Marketplace vocabulary codecs (chain/market_*.h): every contract call and event
// round-trips through Call / Event with its (5, index) tag and name; wire layouts;
// rejection of unknown tags and enum values, bad option tags, trailing and truncated
// input and over-cap strings and lists; ValidateBillingParams field by field; the enum
// names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chain/call.h"
#include "chain/event.h"
#include "chain/market_types.h"

namespace tfchain::chain {
namespace {

constexpr size_t kBig = 1 << 24;

AccountId AccountOf(uint8_t b) {
  AccountId out;
  out.bytes.fill(b);
  return out;
}
Hash256 HashOf(uint8_t b) {
  Hash256 out;
  out.bytes.fill(b);
  return out;
}

void AppendLe(Bytes* out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

Resources SampleResources() { return {4, 8ull << 30, 100ull << 30, 0}; }

ContractBill SampleBill() {
  ContractBill b;
  b.contract_id = 42;
  b.twin_id = 7;
  b.kind = ContractKind::kRent;
  b.from_ms = 1'000;
  b.to_ms = 3'601'000;
  b.up_ms = 3'500'000;
  b.public_ips = 1;
  b.nu_bytes = 1ull << 30;
  b.cusu_micro = 225'000'000'000;
  b.ip_micro = 40'000'000'000;
  b.nu_micro = 15'000'000'000;
  b.name_micro = 0;
  b.extra_micro = 13'888'888'888;
  b.discount_percent = 20;
  b.tft_price_musd = 80;
  b.amount = 3'700'000;
  b.paid = 3'700'100;
  b.overdue = 0;
  b.farmer = AccountOf(0x11);
  b.to_farmer = 1'850'050;
  b.to_staking_pool = 370'010;
  b.to_foundation = 1'300'000;
  b.burned = 0;
  b.to_providers = {{AccountOf(0x22), 180'040}};
  b.state_after = ContractState::kCreated;
  b.final = true;
  return b;
}

template <typename Variant, typename T>
void ExpectTaggedRoundTrip(const T& value, uint8_t index, std::string_view name) {
  const Variant v = value;
  const Bytes bytes = Encode(v);
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(bytes[0], kModuleContracts) << name;
  EXPECT_EQ(bytes[1], index) << name;
  EXPECT_EQ(T::kName, name);
  Result<Variant> back = DecodeExact<Variant>(bytes, kBig);
  ASSERT_TRUE(back.ok()) << name << ": " << back.status().ToString();
  ASSERT_TRUE(std::holds_alternative<T>(*back)) << name;
  EXPECT_TRUE(std::get<T>(*back) == value) << name;
}

TEST(MarketCallTest, EveryCallRoundTripsWithItsTagAndName) {
  ContractCreateNodeCall create;
  create.node_id = 9;
  create.resources = SampleResources();
  create.public_ips = 2;
  create.deployment_hash = HashOf(0xab);
  create.deployment_data = {1, 2, 3};
  create.solution_provider_id = 4;
  ExpectTaggedRoundTrip<Call>(create, 0, "contract.create_node");
  create.solution_provider_id.reset();
  ExpectTaggedRoundTrip<Call>(create, 0, "contract.create_node");
  ExpectTaggedRoundTrip<Call>(ContractUpdateNodeCall{12, SampleResources(), HashOf(0xcd), {9, 9}}, 1,
                              "contract.update_node");
  ExpectTaggedRoundTrip<Call>(ContractCancelCall{12}, 2, "contract.cancel");
  ExpectTaggedRoundTrip<Call>(ContractCreateNameCall{"my-name_1"}, 3, "contract.create_name");
  ExpectTaggedRoundTrip<Call>(ContractCreateRentCall{9, 3}, 4, "contract.create_rent");
  ExpectTaggedRoundTrip<Call>(ContractCreateRentCall{9, std::nullopt}, 4, "contract.create_rent");
  ExpectTaggedRoundTrip<Call>(ContractAckCall{12, true, "deployed"}, 5, "contract.ack");
  ExpectTaggedRoundTrip<Call>(ContractReportResourcesCall{12, {1, 2, 3, 4}}, 6, "contract.report_resources");
  ExpectTaggedRoundTrip<Call>(ContractReportNetworkCall{12, 1ull << 40, 3600}, 7, "contract.report_network");
  ExpectTaggedRoundTrip<Call>(NodeSetExtraFeeCall{9, 1'000'000}, 8, "contract.set_node_extra_fee");
  ExpectTaggedRoundTrip<Call>(ServiceCreateCall{3, 4}, 9, "contract.service_create");
  ExpectTaggedRoundTrip<Call>(ServiceSetMetadataCall{5, "vpn"}, 10, "contract.service_set_metadata");
  ExpectTaggedRoundTrip<Call>(ServiceSetFeesCall{5, 100, 200}, 11, "contract.service_set_fees");
  ExpectTaggedRoundTrip<Call>(ServiceApproveCall{5}, 12, "contract.service_approve");
  ExpectTaggedRoundTrip<Call>(ServiceRejectCall{5}, 13, "contract.service_reject");
  ExpectTaggedRoundTrip<Call>(ServiceCancelCall{5}, 14, "contract.service_cancel");
  ExpectTaggedRoundTrip<Call>(ServiceBillCall{5, 50, "usage"}, 15, "contract.service_bill");
  EXPECT_EQ(CallName(Call{ServiceBillCall{}}), "contract.service_bill");
}

TEST(MarketCallTest, WireLayouts) {
  // contract.cancel := 05 02 contract_id:u64.
  Bytes cancel = {5, 2};
  AppendLe(&cancel, 0x0102030405060708, 8);
  EXPECT_EQ(Encode(Call{ContractCancelCall{0x0102030405060708}}), cancel);

  // contract.create_node := 05 00 node_id:u32 resources(4 x u64) public_ips:u32 hash[32]
  //                         data:bytes provider:option<u32>.
  ContractCreateNodeCall c;
  c.node_id = 9;
  c.resources = {1, 2, 3, 4};
  c.public_ips = 1;
  c.deployment_hash = HashOf(0xee);
  c.deployment_data = {0xaa, 0xbb};
  c.solution_provider_id = 7;
  Bytes want = {5, 0};
  AppendLe(&want, 9, 4);
  for (uint64_t r : {1, 2, 3, 4}) AppendLe(&want, r, 8);
  AppendLe(&want, 1, 4);
  want.insert(want.end(), 32, 0xee);
  want.insert(want.end(), {2 << 2, 0xaa, 0xbb});
  want.push_back(1);
  AppendLe(&want, 7, 4);
  EXPECT_EQ(Encode(Call{c}), want);

  // contract.ack := 05 05 contract_id:u64 ok:bool message:string.
  Bytes ack = {5, 5};
  AppendLe(&ack, 3, 8);
  ack.insert(ack.end(), {1, 2 << 2, 'o', 'k'});
  EXPECT_EQ(Encode(Call{ContractAckCall{3, true, "ok"}}), ack);
}

TEST(MarketCallTest, UnknownTagsAndBadOptionsAreRejected) {
  for (uint8_t index : {16, 255}) {
    Bytes bytes = {kModuleContracts, index};
    AppendLe(&bytes, 1, 8);
    EXPECT_EQ(DecodeExact<Call>(bytes, kBig).status().reason(), "decode-bad-tag") << int(index);
  }
  // create_rent with option tag 2.
  Bytes rent = {5, 4};
  AppendLe(&rent, 9, 4);
  rent.push_back(2);
  AppendLe(&rent, 7, 4);
  EXPECT_EQ(DecodeExact<Call>(rent, kBig).status().reason(), "decode-bad-tag");
  // ack with a bool of 2.
  Bytes ack = {5, 5};
  AppendLe(&ack, 3, 8);
  ack.insert(ack.end(), {2, 0});
  EXPECT_FALSE(DecodeExact<Call>(ack, kBig).ok());
}

TEST(MarketCallTest, TrailingAndTruncatedInputIsRejected) {
  Bytes bytes = Encode(Call{ServiceSetFeesCall{5, 100, 200}});
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(DecodeExact<Call>(longer, kBig).status().reason(), "decode-trailing-bytes");
  for (size_t len = 0; len < bytes.size(); ++len) {
    EXPECT_EQ(DecodeExact<Call>(ByteSpan(bytes.data(), len), kBig).status().reason(), "decode-truncated") << len;
  }
}

TEST(MarketCallTest, StringsAndBytesBeyondTheCodecCapsAreRejected) {
  // deployment_data above kMaxDeploymentData still decodes (the runtime refuses it
  // with a receipt); above kCodecMaxString it does not.
  ContractCreateNodeCall c;
  c.deployment_data.assign(kMaxDeploymentData + 1, 0x01);
  EXPECT_TRUE(DecodeExact<Call>(Encode(Call{c}), kBig).ok());
  c.deployment_data.assign(kCodecMaxString + 1, 0x01);
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{c}), kBig).status().reason(), "decode-oversize");
  ContractCreateNameCall name{std::string(kCodecMaxString + 1, 'a')};
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{name}), kBig).status().reason(), "decode-oversize");
  ServiceBillCall bill{1, 2, std::string(kCodecMaxString + 1, 'm')};
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{bill}), kBig).status().reason(), "decode-oversize");
  // A string with a NUL byte is no valid string.
  Bytes nul = {5, 3, 1 << 2, 0};
  EXPECT_FALSE(DecodeExact<Call>(nul, kBig).ok());
}

TEST(MarketEventTest, EveryEventRoundTripsWithItsTagAndName) {
  ExpectTaggedRoundTrip<Event>(ContractCreatedEvent{42, 7, ContractKind::kNode, 9, {"185.69.166.10/24"}}, 0,
                               "contract.ContractCreated");
  ExpectTaggedRoundTrip<Event>(ContractUpdatedEvent{42}, 1, "contract.ContractUpdated");
  ExpectTaggedRoundTrip<Event>(ContractAcknowledgedEvent{42, false, "no disk"}, 2, "contract.ContractAcknowledged");
  ExpectTaggedRoundTrip<Event>(ContractGraceStartedEvent{42, 123'456}, 3, "contract.ContractGraceStarted");
  ExpectTaggedRoundTrip<Event>(ContractGraceEndedEvent{42}, 4, "contract.ContractGraceEnded");
  ExpectTaggedRoundTrip<Event>(ContractDeletedEvent{42, DeleteReason::kDeploymentFailed}, 5,
                               "contract.ContractDeleted");
  ExpectTaggedRoundTrip<Event>(ContractBilledEvent{SampleBill()}, 6, "contract.ContractBilled");
  ExpectTaggedRoundTrip<Event>(ResourcesReportedEvent{42, {1, 2, 3, 4}}, 7, "contract.ResourcesReported");
  ExpectTaggedRoundTrip<Event>(NetworkReportedEvent{42, 1000, 60}, 8, "contract.NetworkReported");
  ExpectTaggedRoundTrip<Event>(NodeExtraFeeSetEvent{9, 5000}, 9, "contract.NodeExtraFeeSet");
  ExpectTaggedRoundTrip<Event>(ServiceContractCreatedEvent{5, 3, 4}, 10, "contract.ServiceContractCreated");
  ExpectTaggedRoundTrip<Event>(ServiceContractUpdatedEvent{5}, 11, "contract.ServiceContractUpdated");
  ExpectTaggedRoundTrip<Event>(ServiceContractApprovedEvent{5}, 12, "contract.ServiceContractApproved");
  ExpectTaggedRoundTrip<Event>(ServiceContractDeletedEvent{5, DeleteReason::kOutOfFunds}, 13,
                               "contract.ServiceContractDeleted");
  ExpectTaggedRoundTrip<Event>(ServiceContractBilledEvent{5, 3'600'000, 100, 20, 1'500'000, AccountOf(1), AccountOf(2)},
                               14, "contract.ServiceContractBilled");
  EXPECT_EQ(EventName(Event{ContractBilledEvent{}}), "contract.ContractBilled");
}

TEST(MarketEventTest, UnknownTagsEnumValuesAndOverCapListsAreRejected) {
  Bytes unknown = {kModuleContracts, 15};
  AppendLe(&unknown, 1, 8);
  EXPECT_EQ(DecodeExact<Event>(unknown, kBig).status().reason(), "decode-bad-tag");

  // ContractDeleted with reason 5 (one past deployment-failed).
  Bytes deleted = {5, 5};
  AppendLe(&deleted, 42, 8);
  deleted.push_back(5);
  EXPECT_EQ(DecodeExact<Event>(deleted, kBig).status().reason(), "decode-bad-tag");
  // ContractCreated with kind 3.
  Bytes created = Encode(Event{ContractCreatedEvent{42, 7, ContractKind::kName, 0, {}}});
  created[2 + 8 + 4] = 3;
  EXPECT_EQ(DecodeExact<Event>(created, kBig).status().reason(), "decode-bad-tag");
  // A bill whose state_after is 3 (its second-to-last byte).
  Bytes bill = Encode(SampleBill());
  bill[bill.size() - 2] = 3;
  EXPECT_EQ(DecodeExact<ContractBill>(bill, kBig).status().reason(), "decode-bad-tag");

  ContractBill many = SampleBill();
  many.to_providers.assign(kCodecMaxList + 1, {AccountOf(3), 1});
  EXPECT_EQ(DecodeExact<ContractBill>(Encode(many), kBig).status().reason(), "decode-oversize");
  ContractCreatedEvent ips{42, 7, ContractKind::kNode, 9, {}};
  ips.ips.assign(kCodecMaxList + 1, "1.2.3.4/24");
  EXPECT_EQ(DecodeExact<Event>(Encode(Event{ips}), kBig).status().reason(), "decode-oversize");

  Bytes trailing = Encode(Event{ContractGraceEndedEvent{1}});
  trailing.push_back(0);
  EXPECT_EQ(DecodeExact<Event>(trailing, kBig).status().reason(), "decode-trailing-bytes");
}

TEST(MarketTypesTest, RecordsRoundTrip) {
  for (const BillingParams& p : {BillingParams{}, BillingParams{10, 120'000, 30, 25, 25, 25, 25, 1}}) {
    Result<BillingParams> back = DecodeExact<BillingParams>(Encode(p), kBig);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, p);
  }
  Result<ContractBill> bill = DecodeExact<ContractBill>(Encode(SampleBill()), kBig);
  ASSERT_TRUE(bill.ok()) << bill.status().ToString();
  EXPECT_EQ(*bill, SampleBill());
  // 19 u64s, twin_id:u32, kind:u8, discount:u8, farmer[32], one provider (count byte,
  // account, amount), state_after:u8, final:bool.
  EXPECT_EQ(Encode(SampleBill()).size(), 8u * 19 + 4 + 1 + 1 + 32 + 1 + (32 + 8) + 1 + 1);
}

TEST(MarketTypesTest, EnumNamesAndParsing) {
  EXPECT_EQ(ContractKindName(ContractKind::kNode), "node");
  EXPECT_EQ(ContractKindName(ContractKind::kName), "name");
  EXPECT_EQ(ContractKindName(ContractKind::kRent), "rent");
  EXPECT_EQ(ContractStateName(ContractState::kCreated), "created");
  EXPECT_EQ(ContractStateName(ContractState::kGrace), "grace");
  EXPECT_EQ(ContractStateName(ContractState::kDeleted), "deleted");
  EXPECT_EQ(DeleteReasonName(DeleteReason::kNone), "none");
  EXPECT_EQ(DeleteReasonName(DeleteReason::kCanceled), "canceled");
  EXPECT_EQ(DeleteReasonName(DeleteReason::kOutOfFunds), "out-of-funds");
  EXPECT_EQ(DeleteReasonName(DeleteReason::kNotAcknowledged), "not-acknowledged");
  EXPECT_EQ(DeleteReasonName(DeleteReason::kDeploymentFailed), "deployment-failed");
  EXPECT_EQ(AckStateName(AckState::kPending), "pending");
  EXPECT_EQ(AckStateName(AckState::kOk), "ok");
  EXPECT_EQ(AckStateName(AckState::kFailed), "failed");
  EXPECT_EQ(ParseContractKind("rent"), ContractKind::kRent);
  EXPECT_EQ(ParseContractState("grace"), ContractState::kGrace);
  EXPECT_EQ(ParseDeleteReason("out-of-funds"), DeleteReason::kOutOfFunds);
  EXPECT_EQ(ParseAckState("pending"), AckState::kPending);
  EXPECT_EQ(ParseContractKind("Node"), std::nullopt);
  EXPECT_EQ(ParseContractState(""), std::nullopt);
  EXPECT_EQ(ParseDeleteReason("cancelled"), std::nullopt);
  EXPECT_EQ(ParseAckState("ok "), std::nullopt);
}

TEST(MarketTypesTest, BillingDefaultsAreTfChainMainNet) {
  const BillingParams p;
  EXPECT_EQ(p.billing_period_blocks, 600u);
  EXPECT_EQ(p.grace_period_ms, 1'209'600'000u);
  EXPECT_EQ(p.ack_deadline_blocks, 300u);
  EXPECT_EQ(p.farmer_percent, 50);
  EXPECT_EQ(p.staking_pool_percent, 10);
  EXPECT_EQ(p.foundation_percent, 40);
  EXPECT_EQ(p.burn_percent, 0);
  EXPECT_EQ(p.max_contracts_per_node, 1024u);
  EXPECT_TRUE(ValidateBillingParams(p).ok());
}

// Each bad field is refused with bad-billing-params and a detail naming it.
TEST(MarketTypesTest, ValidateBillingParamsNamesTheBadField) {
  struct Case {
    void (*mutate)(BillingParams*);
    std::string_view field;
  };
  const Case cases[] = {
      {[](BillingParams* p) { p->billing_period_blocks = 0; }, "billing_period_blocks"},
      {[](BillingParams* p) { p->billing_period_blocks = (uint64_t{1} << 40) + 1; }, "billing_period_blocks"},
      {[](BillingParams* p) { p->grace_period_ms = 0; }, "grace_period_ms"},
      {[](BillingParams* p) { p->grace_period_ms = (uint64_t{1} << 48) + 1; }, "grace_period_ms"},
      {[](BillingParams* p) { p->ack_deadline_blocks = 0; }, "ack_deadline_blocks"},
      {[](BillingParams* p) { p->ack_deadline_blocks = UINT64_MAX; }, "ack_deadline_blocks"},
      {[](BillingParams* p) { p->farmer_percent = 51; }, "must be 100, not 101"},
      {[](BillingParams* p) { p->staking_pool_percent = 0; }, "must be 100, not 90"},
      {[](BillingParams* p) { p->foundation_percent = 255; }, "must be 100, not 315"},
      {[](BillingParams* p) { p->burn_percent = 1; }, "burn_percent"},
      {[](BillingParams* p) { p->max_contracts_per_node = 0; }, "max_contracts_per_node"},
      {[](BillingParams* p) { p->max_contracts_per_node = kMaxContractsPerNodeLimit + 1; }, "max_contracts_per_node"},
  };
  for (const Case& c : cases) {
    BillingParams p;
    c.mutate(&p);
    const Status s = ValidateBillingParams(p);
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.reason(), "bad-billing-params");
    EXPECT_NE(s.detail().find(c.field), std::string_view::npos) << s.ToString();
  }
  // The bounds themselves are fine.
  BillingParams edge{1, 1, 1, 0, 0, 0, 100, 1};
  EXPECT_TRUE(ValidateBillingParams(edge).ok());
  edge = {uint64_t{1} << 40, uint64_t{1} << 48, uint64_t{1} << 40, 100, 0, 0, 0, kMaxContractsPerNodeLimit};
  EXPECT_TRUE(ValidateBillingParams(edge).ok());
}

}  // namespace
}  // namespace tfchain::chain
