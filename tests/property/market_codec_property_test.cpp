// Codec properties of the marketplace vocabulary (chain/market_*.h): for every type,
// call and event, decoding inverts encoding, no strict prefix decodes, nothing may
// follow a value, and a corrupted encoding either fails or re-encodes to itself. The
// Call and Event round trips of codec_property_test.cpp also draw these alternatives;
// here each one is exercised on its own.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>

#include "chain/call.h"
#include "chain/codec.h"
#include "chain/event.h"
#include "tests/property/chain_generators.h"

namespace tfchain::chain {
namespace {

constexpr size_t kNoLimit = std::numeric_limits<size_t>::max();

template <typename T>
void CheckBytes(const Bytes& bytes, const T& value) {
  Result<T> back = DecodeExact<T>(bytes, kNoLimit);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == value);
  for (size_t len = 0; len < bytes.size(); ++len) {
    Result<T> part = DecodeExact<T>(ByteSpan(bytes.data(), len), kNoLimit);
    RC_ASSERT(!part.ok());
    RC_ASSERT(part.status().reason() == "decode-truncated");
  }
  Bytes longer = bytes;
  longer.push_back(*rc::gen::arbitrary<uint8_t>());
  RC_ASSERT(DecodeExact<T>(longer, kNoLimit).status().reason() == "decode-trailing-bytes");
  Bytes flipped = bytes;
  const size_t pos = *rc::gen::inRange<size_t>(0, flipped.size());
  flipped[pos] ^= *rc::gen::inRange<int>(1, 256);
  Result<T> mutated = DecodeExact<T>(flipped, kNoLimit);
  if (mutated.ok()) {
    RC_ASSERT(Encode(*mutated) == flipped);
  } else {
    RC_ASSERT(mutated.status().code() == Status::Code::kInvalidArgument);
  }
}

// A plain codec type.
template <typename T>
void CheckCodec(const T& value) {
  CheckBytes(Encode(value), value);
}

// A call or event alternative, through its tagged union; the tag is (5, kIndex).
template <typename Variant, typename T>
void CheckTagged(const T& value) {
  const Variant v = value;
  const Bytes bytes = Encode(v);
  RC_ASSERT(bytes.size() >= 2);
  RC_ASSERT(bytes[0] == kModuleContracts);
  RC_ASSERT(bytes[1] == T::kIndex);
  CheckBytes(bytes, v);
}

RC_GTEST_PROP(MarketCodecProperty, BillingParams, (const BillingParams& v)) { CheckCodec(v); }
RC_GTEST_PROP(MarketCodecProperty, ProviderPayment, (const ProviderPayment& v)) { CheckCodec(v); }
RC_GTEST_PROP(MarketCodecProperty, ContractBill, (const ContractBill& v)) { CheckCodec(v); }

#define MARKET_CALL_PROP(T) \
  RC_GTEST_PROP(MarketCodecProperty, T, (const T& v)) { CheckTagged<Call>(v); }
#define MARKET_EVENT_PROP(T) \
  RC_GTEST_PROP(MarketCodecProperty, T, (const T& v)) { CheckTagged<Event>(v); }

MARKET_CALL_PROP(ContractCreateNodeCall)
MARKET_CALL_PROP(ContractUpdateNodeCall)
MARKET_CALL_PROP(ContractCancelCall)
MARKET_CALL_PROP(ContractCreateNameCall)
MARKET_CALL_PROP(ContractCreateRentCall)
MARKET_CALL_PROP(ContractAckCall)
MARKET_CALL_PROP(ContractReportResourcesCall)
MARKET_CALL_PROP(ContractReportNetworkCall)
MARKET_CALL_PROP(NodeSetExtraFeeCall)
MARKET_CALL_PROP(ServiceCreateCall)
MARKET_CALL_PROP(ServiceSetMetadataCall)
MARKET_CALL_PROP(ServiceSetFeesCall)
MARKET_CALL_PROP(ServiceApproveCall)
MARKET_CALL_PROP(ServiceRejectCall)
MARKET_CALL_PROP(ServiceCancelCall)
MARKET_CALL_PROP(ServiceBillCall)

MARKET_EVENT_PROP(ContractCreatedEvent)
MARKET_EVENT_PROP(ContractUpdatedEvent)
MARKET_EVENT_PROP(ContractAcknowledgedEvent)
MARKET_EVENT_PROP(ContractGraceStartedEvent)
MARKET_EVENT_PROP(ContractGraceEndedEvent)
MARKET_EVENT_PROP(ContractDeletedEvent)
MARKET_EVENT_PROP(ContractBilledEvent)
MARKET_EVENT_PROP(ResourcesReportedEvent)
MARKET_EVENT_PROP(NetworkReportedEvent)
MARKET_EVENT_PROP(NodeExtraFeeSetEvent)
MARKET_EVENT_PROP(ServiceContractCreatedEvent)
MARKET_EVENT_PROP(ServiceContractUpdatedEvent)
MARKET_EVENT_PROP(ServiceContractApprovedEvent)
MARKET_EVENT_PROP(ServiceContractDeletedEvent)
MARKET_EVENT_PROP(ServiceContractBilledEvent)

}  // namespace
}  // namespace tfchain::chain
