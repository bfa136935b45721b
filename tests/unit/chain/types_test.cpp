// Protocol types: wire layouts, round trips, hashes that commit to every field,
// signatures, and rejection of unknown tags and over-limit input.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "chain/account_data.h"
#include "chain/block.h"
#include "chain/call.h"
#include "chain/event.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/merkle.h"
#include "chain/receipt.h"
#include "chain/transaction.h"
#include "chain/validator_set.h"
#include "chain/vote.h"

namespace tfchain::chain {
namespace {

constexpr size_t kBig = 1 << 24;

template <size_t N, typename Tag>
FixedBytes<N, Tag> Filled(uint8_t b) {
  FixedBytes<N, Tag> out;
  out.bytes.fill(b);
  return out;
}
Hash256 HashOf(uint8_t b) { return Filled<32, Hash256Tag>(b); }
AccountId AccountOf(uint8_t b) { return Filled<32, AccountTag>(b); }

SecretKey KeyFromSeed(KeyScheme scheme, uint8_t fill) {
  Bytes seed(32, fill);
  return SecretKey::FromSeed(scheme, seed).value();
}

template <typename T>
T RoundTrip(const T& value) {
  Result<T> back = DecodeExact<T>(Encode(value), kBig);
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back.ok() && *back == value);
  return back.ok() ? *back : T{};
}

void Append(Bytes* out, ByteSpan b) { out->insert(out->end(), b.begin(), b.end()); }
void AppendLe(Bytes* out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

TransactionBody SampleBody() {
  TransactionBody body;
  body.chain_id = "tfchain-dev";
  body.signer = AccountOf(0x11);
  body.nonce = 7;
  body.tip = 1000;
  body.valid_until = 1234;
  body.call = TransferCall{AccountOf(0x22), 50'000'000};
  return body;
}

// ----- Calls and transactions -------------------------------------------------

TEST(CallTest, TransferLayoutAndName) {
  const Call call = TransferCall{AccountOf(0x22), 0x0102};
  EXPECT_EQ(CallName(call), "balances.transfer");
  Bytes expected{0x00, 0x00};
  Append(&expected, AccountOf(0x22).span());
  AppendLe(&expected, 0x0102, 8);
  EXPECT_EQ(Encode(call), expected);
  RoundTrip(call);
}

TEST(CallTest, UnknownCallTagsAreRejected) {
  for (const auto& [module, index] : std::vector<std::pair<uint8_t, uint8_t>>{{0, 99}, {7, 0}, {255, 255}}) {
    Bytes bytes{module, index};
    Append(&bytes, Bytes(40, 0));
    Result<Call> call = DecodeExact<Call>(bytes, kBig);
    ASSERT_FALSE(call.ok());
    EXPECT_EQ(call.status().reason(), "decode-bad-tag");
    EXPECT_NE(call.status().detail().find("call"), std::string_view::npos);
  }
}

TEST(TransactionTest, WireLayout) {
  Transaction tx{SampleBody(), Signature::Parse(KeyScheme::kEd25519, Bytes(64, 0xEE)).value()};
  Bytes expected{static_cast<uint8_t>(11 << 2)};
  Append(&expected, AsBytes("tfchain-dev"));
  Append(&expected, AccountOf(0x11).span());
  AppendLe(&expected, 7, 8);
  AppendLe(&expected, 1000, 8);
  AppendLe(&expected, 1234, 8);
  Append(&expected, Encode(tx.body.call));
  const size_t body_size = expected.size();
  expected.push_back(0x00);  // ed25519
  Append(&expected, Bytes(64, 0xEE));
  EXPECT_EQ(Encode(tx), expected);
  EXPECT_EQ(Encode(tx.body), Bytes(expected.begin(), expected.begin() + body_size));
  EXPECT_EQ(TxHash(tx), Blake2b256(expected));
  EXPECT_EQ(SigningHash(tx.body), TaggedHash(HashDomain::kTxSigningPayload, Encode(tx.body)));
}

TEST(TransactionTest, SignedWithBothSchemesRoundTripsAndVerifies) {
  for (KeyScheme scheme : {KeyScheme::kEd25519, KeyScheme::kSecp256k1}) {
    const SecretKey key = KeyFromSeed(scheme, 0x42);
    const Transaction tx = SignTransaction(SampleBody(), key);
    EXPECT_EQ(tx.body.signer, key.account_id());
    EXPECT_EQ(tx.signature.scheme(), scheme);
    EXPECT_TRUE(VerifyTransactionSignature(tx)) << SchemeName(scheme);
    const Transaction back = RoundTrip(tx);
    EXPECT_TRUE(VerifyTransactionSignature(back));
    EXPECT_EQ(TxHash(back), TxHash(tx));

    // Any change to the signed body breaks the signature.
    Transaction other = tx;
    other.body.nonce += 1;
    EXPECT_FALSE(VerifyTransactionSignature(other));
    other = tx;
    other.body.chain_id = "tfchain-main";
    EXPECT_FALSE(VerifyTransactionSignature(other));
    other = tx;
    other.body.signer = KeyFromSeed(scheme, 0x43).account_id();
    EXPECT_FALSE(VerifyTransactionSignature(other));
  }
  // The secp256k1 transaction is one signature byte longer.
  EXPECT_EQ(Encode(SignTransaction(SampleBody(), KeyFromSeed(KeyScheme::kSecp256k1, 1))).size(),
            Encode(SignTransaction(SampleBody(), KeyFromSeed(KeyScheme::kEd25519, 1))).size() + 1);
}

TEST(TransactionTest, SigningHashCommitsToEveryBodyField) {
  const TransactionBody base = SampleBody();
  const Hash256 h = SigningHash(base);
  const std::vector<std::function<void(TransactionBody&)>> edits = {
      [](TransactionBody& b) { b.chain_id = "tfchain-devx"; },
      [](TransactionBody& b) { b.signer.bytes[31] ^= 1; },
      [](TransactionBody& b) { b.nonce += 1; },
      [](TransactionBody& b) { b.tip += 1; },
      [](TransactionBody& b) { b.valid_until += 1; },
      [](TransactionBody& b) { std::get<TransferCall>(b.call).dest.bytes[0] ^= 1; },
      [](TransactionBody& b) { std::get<TransferCall>(b.call).amount += 1; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    TransactionBody changed = base;
    edits[i](changed);
    EXPECT_NE(SigningHash(changed), h) << "field " << i;
    EXPECT_NE(TxHash(Transaction{changed, {}}), TxHash(Transaction{base, {}})) << "field " << i;
  }
  EXPECT_EQ(SigningHash(SampleBody()), h);  // stable

  // The transaction hash covers the signature; the signing hash does not.
  Transaction a{base, {}};
  Transaction b{base, Signature::Parse(KeyScheme::kEd25519, Bytes(64, 1)).value()};
  EXPECT_NE(TxHash(a), TxHash(b));
  EXPECT_EQ(SigningHash(a.body), SigningHash(b.body));
}

TEST(TransactionTest, RejectsBadInput) {
  const Transaction tx{SampleBody(), Signature::Parse(KeyScheme::kSecp256k1, Bytes(65, 3)).value()};
  const Bytes good = Encode(tx);
  ASSERT_TRUE(DecodeExact<Transaction>(good, good.size()).ok());
  EXPECT_EQ(DecodeExact<Transaction>(good, good.size() - 1).status().reason(), "decode-oversize");
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(DecodeExact<Transaction>(trailing, kBig).status().reason(), "decode-trailing-bytes");
  EXPECT_EQ(DecodeExact<Transaction>(Bytes(good.begin(), good.end() - 1), kBig).status().reason(), "decode-truncated");

  Bytes bad_scheme = good;
  bad_scheme[good.size() - 66] = 0x02;  // the signature's scheme tag
  EXPECT_EQ(DecodeExact<Transaction>(bad_scheme, kBig).status().reason(), "decode-bad-tag");

  TransactionBody long_id = SampleBody();
  long_id.chain_id = std::string(kMaxChainIdLength + 1, 'x');
  EXPECT_EQ(DecodeExact<Transaction>(Encode(Transaction{long_id, {}}), kBig).status().reason(), "decode-oversize");
  long_id.chain_id = std::string(kMaxChainIdLength, 'x');
  EXPECT_TRUE(DecodeExact<Transaction>(Encode(Transaction{long_id, {}}), kBig).ok());

  TransactionBody bad_utf8 = SampleBody();
  bad_utf8.chain_id = "dev\xff";
  EXPECT_EQ(DecodeExact<Transaction>(Encode(Transaction{bad_utf8, {}}), kBig).status().reason(), "decode-bad-value");
}

// ----- Votes, commits, evidence ------------------------------------------------

Vote SampleVote() {
  Vote v;
  v.type = VoteType::kPrevote;
  v.height = 10;
  v.round = 2;
  v.block_hash = HashOf(0xB1);
  return v;
}

TEST(VoteTest, SignedVotesRoundTripAndVerify) {
  const SecretKey key = KeyFromSeed(KeyScheme::kEd25519, 5);
  Vote vote = SampleVote();
  SignVote("tfchain-dev", key, &vote);
  EXPECT_EQ(vote.validator, key.account_id());
  EXPECT_TRUE(VerifyVote("tfchain-dev", vote));
  EXPECT_FALSE(VerifyVote("tfchain-main", vote));  // another chain
  const Vote back = RoundTrip(vote);
  EXPECT_TRUE(VerifyVote("tfchain-dev", back));

  const std::vector<std::function<void(Vote&)>> edits = {
      [](Vote& v) { v.type = VoteType::kPrecommit; }, [](Vote& v) { v.height += 1; }, [](Vote& v) { v.round += 1; },
      [](Vote& v) { v.block_hash = Hash256{}; }, [](Vote& v) { v.validator.bytes[0] ^= 1; }};
  for (size_t i = 0; i < edits.size(); ++i) {
    Vote changed = vote;
    edits[i](changed);
    EXPECT_FALSE(VerifyVote("tfchain-dev", changed)) << i;
  }
  // Validators sign with ed25519 only.
  const SecretKey ecdsa = KeyFromSeed(KeyScheme::kSecp256k1, 5);
  Vote ecdsa_vote = SampleVote();
  SignVote("tfchain-dev", ecdsa, &ecdsa_vote);
  EXPECT_FALSE(VerifyVote("tfchain-dev", ecdsa_vote));
}

TEST(VoteTest, SigningHashLayoutAndBadTypes) {
  Encoder e;
  e.Str("c");
  e.U8(1);
  e.U64(10);
  e.U32(2);
  e.Fixed(HashOf(0xB1));
  EXPECT_EQ(VoteSigningHash("c", VoteType::kPrevote, 10, 2, HashOf(0xB1)),
            TaggedHash(HashDomain::kVoteSigningPayload, e.bytes()));

  for (uint8_t type : {0, 3, 255}) {
    Bytes bytes = Encode(SampleVote());
    bytes[0] = type;
    EXPECT_EQ(DecodeExact<Vote>(bytes, kBig).status().reason(), "decode-bad-tag") << int{type};
  }
}

TEST(CommitTest, RoundTripHashAndLimits) {
  Commit commit{9, 1, HashOf(3), {}};
  for (uint8_t i = 0; i < 3; ++i) {
    commit.signatures.push_back(CommitSig{AccountOf(i), Signature::Parse(KeyScheme::kEd25519, Bytes(64, i)).value()});
  }
  RoundTrip(commit);
  EXPECT_EQ(CommitHash(commit), TaggedHash(HashDomain::kCommit, Encode(commit)));
  Commit other = commit;
  other.signatures.pop_back();
  EXPECT_NE(CommitHash(other), CommitHash(commit));

  Commit too_many{1, 0, HashOf(1), std::vector<CommitSig>(kMaxCommitSignatures + 1)};
  EXPECT_EQ(DecodeExact<Commit>(Encode(too_many), kBig).status().reason(), "decode-oversize");
  Commit most{1, 0, HashOf(1), std::vector<CommitSig>(kMaxCommitSignatures)};
  EXPECT_TRUE(DecodeExact<Commit>(Encode(most), kBig).ok());
}

TEST(EvidenceTest, RoundTrip) {
  Evidence ev{SampleVote(), SampleVote()};
  ev.second.block_hash = HashOf(0xB2);
  RoundTrip(ev);
}

// ----- Blocks -----------------------------------------------------------------

Block SampleBlock() {
  Block b;
  b.header.chain_id = "tfchain-dev";
  b.header.height = 2;
  b.header.time_ms = 1'700'000'000'000;
  b.header.prev_hash = HashOf(1);
  b.header.state_root = HashOf(3);
  b.header.events_root = HashOf(4);
  b.header.validators_hash = HashOf(5);
  b.header.next_validators_hash = HashOf(6);
  b.header.proposer = AccountOf(7);
  b.txs.push_back(SignTransaction(SampleBody(), KeyFromSeed(KeyScheme::kEd25519, 1)));
  b.txs.push_back(SignTransaction(SampleBody(), KeyFromSeed(KeyScheme::kSecp256k1, 2)));
  b.last_commit = Commit{1, 0, HashOf(1), {CommitSig{AccountOf(9), Signature{}}}};
  b.evidence.push_back(Evidence{SampleVote(), SampleVote()});
  b.header.txs_root = TxsRoot(b.txs);
  b.header.last_commit_hash = CommitHash(b.last_commit);
  b.header.evidence_hash = EvidenceHash(b.evidence);
  return b;
}

TEST(BlockTest, RoundTripAndRoots) {
  const Block block = SampleBlock();
  RoundTrip(block);
  RoundTrip(block.header);
  EXPECT_EQ(block.header.txs_root, MerkleRoot(std::vector<Hash256>{TxHash(block.txs[0]), TxHash(block.txs[1])}));
  EXPECT_EQ(EvidenceHash(block.evidence),
            MerkleRoot(std::vector<Hash256>{TaggedHash(HashDomain::kEvidence, Encode(block.evidence[0]))}));
  EXPECT_TRUE(TxsRoot({}).IsZero());
  EXPECT_TRUE(EvidenceHash({}).IsZero());
  // The header is a fixed-layout prefix of the block.
  const Bytes header = Encode(block.header);
  const Bytes whole = Encode(block);
  EXPECT_EQ(header.size(), 1 + 11 + 8 + 8 + 32 * 9);
  EXPECT_TRUE(std::equal(header.begin(), header.end(), whole.begin()));
}

TEST(BlockTest, BlockHashCommitsToEveryHeaderField) {
  const BlockHeader base = SampleBlock().header;
  const Hash256 h = BlockHash(base);
  EXPECT_EQ(h, Blake2b256(Encode(base)));
  const std::vector<std::function<void(BlockHeader&)>> edits = {
      [](BlockHeader& x) { x.chain_id += "x"; },
      [](BlockHeader& x) { x.height += 1; },
      [](BlockHeader& x) { x.time_ms += 1; },
      [](BlockHeader& x) { x.prev_hash.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.txs_root.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.state_root.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.events_root.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.validators_hash.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.next_validators_hash.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.proposer.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.last_commit_hash.bytes[0] ^= 1; },
      [](BlockHeader& x) { x.evidence_hash.bytes[0] ^= 1; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    BlockHeader changed = base;
    edits[i](changed);
    EXPECT_NE(BlockHash(changed), h) << "field " << i;
  }
  // Swapping two hash fields changes the hash too (positions are committed).
  BlockHeader swapped = base;
  std::swap(swapped.state_root, swapped.events_root);
  EXPECT_NE(BlockHash(swapped), h);
  EXPECT_EQ(BlockHash(SampleBlock().header), h);  // stable
}

TEST(BlockTest, RejectsBadInput) {
  const Bytes good = Encode(SampleBlock());
  EXPECT_EQ(DecodeExact<Block>(good, good.size() - 1).status().reason(), "decode-oversize");
  EXPECT_EQ(DecodeExact<Block>(Bytes(good.begin(), good.end() - 1), kBig).status().reason(), "decode-truncated");
  Bytes trailing = good;
  trailing.push_back(1);
  EXPECT_EQ(DecodeExact<Block>(trailing, kBig).status().reason(), "decode-trailing-bytes");

  Block many = SampleBlock();
  many.evidence.assign(kMaxEvidencePerBlock + 1, many.evidence[0]);
  EXPECT_EQ(DecodeExact<Block>(Encode(many), kBig).status().reason(), "decode-oversize");

  // A transaction count that cannot fit in the remaining bytes.
  Bytes header = Encode(SampleBlock().header);
  Encoder e;
  e.Raw(header);
  e.Compact(100'000);
  e.Raw(Bytes(50, 0));
  EXPECT_EQ(DecodeExact<Block>(e.bytes(), kBig).status().reason(), "decode-truncated");
}

// ----- Events and receipts ------------------------------------------------------

TEST(EventTest, EveryEventRoundTripsWithItsTag) {
  const std::vector<std::pair<Event, std::string_view>> events = {
      {TransferEvent{AccountOf(1), AccountOf(2), 3}, "balances.Transfer"},
      {FeePaidEvent{AccountOf(1), 10, AccountOf(4), 2, 3, 5}, "balances.FeePaid"},
      {EndowedEvent{AccountOf(5), 1'000'000}, "balances.Endowed"},
  };
  uint8_t index = 0;
  for (const auto& [event, name] : events) {
    EXPECT_EQ(EventName(event), name);
    const Bytes bytes = Encode(event);
    EXPECT_EQ(bytes[0], 0);  // balances
    EXPECT_EQ(bytes[1], index++);
    RoundTrip(event);
  }
  Bytes transfer{0x00, 0x00};
  Append(&transfer, AccountOf(1).span());
  Append(&transfer, AccountOf(2).span());
  AppendLe(&transfer, 3, 8);
  EXPECT_EQ(Encode(events[0].first), transfer);
}

TEST(EventTest, UnknownEventTagsAreRejected) {
  for (const auto& [module, index] : std::vector<std::pair<uint8_t, uint8_t>>{{0, 3}, {1, 11}, {200, 1}}) {
    Bytes bytes{module, index};
    Append(&bytes, Bytes(80, 0));
    Result<Event> event = DecodeExact<Event>(bytes, kBig);
    EXPECT_EQ(event.status().reason(), "decode-bad-tag");
    EXPECT_NE(event.status().detail().find("event"), std::string_view::npos);
  }
}

Receipt SampleReceipt(bool success) {
  Receipt r;
  r.tx_hash = HashOf(0xAA);
  r.success = success;
  if (!success) {
    r.error = "insufficient-balance";
    r.message = "need 10, have 3";
  }
  r.fee = 12'345;
  r.events.push_back(FeePaidEvent{AccountOf(1), 12'345, AccountOf(2), 2'469, 3'703, 6'173});
  if (success) r.events.push_back(TransferEvent{AccountOf(1), AccountOf(3), 5});
  return r;
}

TEST(ReceiptTest, RoundTripAndLimits) {
  RoundTrip(SampleReceipt(true));
  RoundTrip(SampleReceipt(false));
  EXPECT_EQ(ReceiptHash(SampleReceipt(true)), TaggedHash(HashDomain::kReceipt, Encode(SampleReceipt(true))));
  EXPECT_NE(ReceiptHash(SampleReceipt(true)), ReceiptHash(SampleReceipt(false)));

  Receipt long_error = SampleReceipt(false);
  long_error.message = std::string(kMaxErrorLength + 1, 'm');
  EXPECT_EQ(DecodeExact<Receipt>(Encode(long_error), kBig).status().reason(), "decode-oversize");

  Bytes bad_bool = Encode(SampleReceipt(true));
  bad_bool[32] = 2;  // success
  EXPECT_EQ(DecodeExact<Receipt>(bad_bool, kBig).status().reason(), "decode-bad-value");
}

TEST(ReceiptTest, BlockResultsRoundTripAndEventsRoot) {
  BlockResults results;
  results.begin_events.push_back(EndowedEvent{AccountOf(1), 5});
  results.receipts = {SampleReceipt(true), SampleReceipt(false)};
  results.end_events.push_back(TransferEvent{AccountOf(1), AccountOf(2), 1});
  RoundTrip(results);

  const auto events_hash = [](const std::vector<Event>& events) {
    Encoder e;
    EncodeVector(e, events);
    return TaggedHash(HashDomain::kReceipt, e.bytes());
  };
  EXPECT_EQ(EventsRoot(results),
            MerkleRoot(std::vector<Hash256>{events_hash(results.begin_events), ReceiptHash(results.receipts[0]),
                                            ReceiptHash(results.receipts[1]), events_hash(results.end_events)}));
  // Moving an event from the begin hook to the end hook changes the root.
  BlockResults moved = results;
  std::swap(moved.begin_events, moved.end_events);
  EXPECT_NE(EventsRoot(moved), EventsRoot(results));
  // An empty block still commits to its (empty) hook results.
  EXPECT_FALSE(EventsRoot(BlockResults{}).IsZero());
}

// ----- State types ----------------------------------------------------------------

TEST(AccountDataTest, LayoutRoundTripAndStateKey) {
  const AccountData a{0x0102, 3, 4};
  Bytes expected;
  AppendLe(&expected, 0x0102, 8);
  AppendLe(&expected, 3, 8);
  AppendLe(&expected, 4, 8);
  EXPECT_EQ(Encode(a), expected);
  RoundTrip(a);
  EXPECT_EQ(DecodeExact<AccountData>(Bytes(23, 0), kBig).status().reason(), "decode-truncated");

  Bytes key{0x01, 0x00};
  Append(&key, AccountOf(9).span());
  EXPECT_EQ(AccountStateKey(AccountOf(9)), key);
  EXPECT_NE(AccountStateKey(AccountOf(9)), AccountStateKey(AccountOf(8)));
}

TEST(ValidatorSetTest, RoundTripAndHash) {
  const std::vector<Validator> set = {{AccountOf(1), 10}, {AccountOf(2), 20}};
  RoundTrip(set[0]);
  Encoder e;
  EncodeVector(e, set);
  EXPECT_EQ(ValidatorSetHash(set), TaggedHash(HashDomain::kValidatorSet, e.bytes()));
  EXPECT_NE(ValidatorSetHash(set), ValidatorSetHash({set[1], set[0]}));  // order matters
  EXPECT_NE(ValidatorSetHash(set), ValidatorSetHash({{AccountOf(1), 10}, {AccountOf(2), 21}}));
}

}  // namespace
}  // namespace tfchain::chain
