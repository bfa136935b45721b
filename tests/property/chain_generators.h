#pragma once

// RapidCheck generators (rc::Arbitrary specialisations) for the chain/ protocol types,
// for every property test that needs random transactions, blocks, votes, receipts,
// events or state-tree nodes. Generated values are always encodable: strings are valid
// UTF-8 without NUL and within their codec limits, signatures have the right length
// for their scheme (but are not valid signatures), collections are small.
//
// Adding an alternative to Call or Event needs a generator here; the build fails
// otherwise (rapidcheck has no default generator for a struct), which keeps the codec
// property test covering every call and event.

#include <rapidcheck.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "chain/account_data.h"
#include "chain/block.h"
#include "chain/call.h"
#include "chain/event.h"
#include "chain/keys.h"
#include "chain/receipt.h"
#include "chain/sparse_merkle_tree.h"
#include "chain/transaction.h"
#include "chain/validator_set.h"
#include "chain/vote.h"

namespace tfchain::chain::testing {

// UTF-8 text without NUL of at most `max_pieces` pieces, each 1..4 bytes, mixing ASCII
// with 2-, 3- and 4-byte characters.
inline rc::Gen<std::string> GenText(int max_pieces) {
  return rc::gen::mapcat(rc::gen::inRange(0, max_pieces + 1), [](int n) {
    return rc::gen::map(
        rc::gen::container<std::vector<std::string>>(
            static_cast<size_t>(n), rc::gen::element<std::string>("a", "z", "0", "-", "_", " ", "~", "\x7f", "\xc3\xa9",
                                                                  "\xe2\x82\xac", "\xf0\x9f\x98\x80")),
        [](const std::vector<std::string>& pieces) {
          std::string out;
          for (const std::string& p : pieces) out += p;
          return out;
        });
  });
}

// A chain id: at most 16 pieces of at most 4 bytes, so within kMaxChainIdLength.
inline rc::Gen<std::string> GenChainId() {
  return rc::gen::weightedOneOf<std::string>(
      {{3, rc::gen::element<std::string>("tfchain-dev", "tfchain-main", "")}, {1, GenText(16)}});
}

// A u64 that often sits on an interesting boundary.
inline rc::Gen<uint64_t> GenU64() {
  return rc::gen::weightedOneOf<uint64_t>(
      {{4, rc::gen::arbitrary<uint64_t>()},
       {1, rc::gen::element<uint64_t>(0, 1, 63, 64, 16383, 16384, (1u << 30) - 1, 1u << 30, UINT32_MAX,
                                      uint64_t{1} << 32, UINT64_MAX)}});
}

// Up to `max` elements of T.
template <typename T>
rc::Gen<std::vector<T>> GenSmallVector(int max) {
  return rc::gen::mapcat(rc::gen::inRange(0, max + 1), [](int n) {
    return rc::gen::container<std::vector<T>>(static_cast<size_t>(n), rc::gen::arbitrary<T>());
  });
}

// One of the variant's alternatives, each from its own generator.
template <typename Variant, size_t... I>
rc::Gen<Variant> GenVariantImpl(std::index_sequence<I...>) {
  return rc::gen::oneOf(rc::gen::cast<Variant>(rc::gen::arbitrary<std::variant_alternative_t<I, Variant>>())...);
}
template <typename Variant>
rc::Gen<Variant> GenVariant() {
  return GenVariantImpl<Variant>(std::make_index_sequence<std::variant_size_v<Variant>>());
}

}  // namespace tfchain::chain::testing

namespace rc {

template <size_t N, typename Tag>
struct Arbitrary<tfchain::chain::FixedBytes<N, Tag>> {
  using Type = tfchain::chain::FixedBytes<N, Tag>;
  static Gen<Type> arbitrary() {
    // Mostly random; sometimes all zero (the "empty"/"nil" value of hashes).
    return gen::weightedOneOf<Type>({{9, gen::map(gen::arbitrary<std::array<uint8_t, N>>(),
                                                  [](const std::array<uint8_t, N>& a) {
                                                    Type out;
                                                    out.bytes = a;
                                                    return out;
                                                  })},
                                     {1, gen::just(Type{})}});
  }
};

template <>
struct Arbitrary<tfchain::chain::KeyScheme> {
  static Gen<tfchain::chain::KeyScheme> arbitrary() {
    return gen::element(tfchain::chain::KeyScheme::kEd25519, tfchain::chain::KeyScheme::kSecp256k1);
  }
};

// Right length for its scheme; random bytes (not a valid signature).
template <>
struct Arbitrary<tfchain::chain::Signature> {
  static Gen<tfchain::chain::Signature> arbitrary() {
    using tfchain::chain::KeyScheme;
    using tfchain::chain::Signature;
    return gen::mapcat(gen::arbitrary<KeyScheme>(), [](KeyScheme scheme) {
      const size_t size = scheme == KeyScheme::kEd25519 ? Signature::kEd25519Size : Signature::kSecp256k1Size;
      return gen::map(gen::container<std::vector<uint8_t>>(size, gen::arbitrary<uint8_t>()),
                      [scheme](const std::vector<uint8_t>& bytes) { return Signature::Parse(scheme, bytes).value(); });
    });
  }
};

template <>
struct Arbitrary<tfchain::chain::TransferCall> {
  static Gen<tfchain::chain::TransferCall> arbitrary() {
    using T = tfchain::chain::TransferCall;
    return gen::build<T>(gen::set(&T::dest), gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::RegisterValidatorCall> {
  static Gen<tfchain::chain::RegisterValidatorCall> arbitrary() {
    using T = tfchain::chain::RegisterValidatorCall;
    return gen::build<T>(gen::set(&T::consensus_key), gen::set(&T::commission_permill));
  }
};

template <>
struct Arbitrary<tfchain::chain::SetCommissionCall> {
  static Gen<tfchain::chain::SetCommissionCall> arbitrary() {
    using T = tfchain::chain::SetCommissionCall;
    return gen::build<T>(gen::set(&T::commission_permill));
  }
};

template <>
struct Arbitrary<tfchain::chain::BondCall> {
  static Gen<tfchain::chain::BondCall> arbitrary() {
    using T = tfchain::chain::BondCall;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::UnbondCall> {
  static Gen<tfchain::chain::UnbondCall> arbitrary() {
    using T = tfchain::chain::UnbondCall;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::WithdrawUnbondedCall> {
  static Gen<tfchain::chain::WithdrawUnbondedCall> arbitrary() {
    return gen::just(tfchain::chain::WithdrawUnbondedCall{});
  }
};

template <>
struct Arbitrary<tfchain::chain::UnjailCall> {
  static Gen<tfchain::chain::UnjailCall> arbitrary() { return gen::just(tfchain::chain::UnjailCall{}); }
};

}  // namespace rc

// The grid modules' types, calls and events (uses the helpers above).
#include "tests/property/grid_generators.h"
// The marketplace's types, calls and events (uses the helpers above and the grid ones).
#include "tests/property/market_generators.h"

namespace rc {

template <>
struct Arbitrary<tfchain::chain::Call> {
  static Gen<tfchain::chain::Call> arbitrary() { return tfchain::chain::testing::GenVariant<tfchain::chain::Call>(); }
};

template <>
struct Arbitrary<tfchain::chain::TransactionBody> {
  static Gen<tfchain::chain::TransactionBody> arbitrary() {
    using T = tfchain::chain::TransactionBody;
    using tfchain::chain::testing::GenU64;
    return gen::build<T>(gen::set(&T::chain_id, tfchain::chain::testing::GenChainId()), gen::set(&T::signer),
                         gen::set(&T::nonce, GenU64()), gen::set(&T::tip, GenU64()),
                         gen::set(&T::valid_until, GenU64()), gen::set(&T::call));
  }
};

template <>
struct Arbitrary<tfchain::chain::Transaction> {
  static Gen<tfchain::chain::Transaction> arbitrary() {
    using T = tfchain::chain::Transaction;
    return gen::build<T>(gen::set(&T::body), gen::set(&T::signature));
  }
};

template <>
struct Arbitrary<tfchain::chain::VoteType> {
  static Gen<tfchain::chain::VoteType> arbitrary() {
    return gen::element(tfchain::chain::VoteType::kPrevote, tfchain::chain::VoteType::kPrecommit);
  }
};

template <>
struct Arbitrary<tfchain::chain::Vote> {
  static Gen<tfchain::chain::Vote> arbitrary() {
    using T = tfchain::chain::Vote;
    return gen::build<T>(gen::set(&T::type), gen::set(&T::height, tfchain::chain::testing::GenU64()),
                         gen::set(&T::round), gen::set(&T::block_hash), gen::set(&T::validator),
                         gen::set(&T::signature));
  }
};

template <>
struct Arbitrary<tfchain::chain::CommitSig> {
  static Gen<tfchain::chain::CommitSig> arbitrary() {
    using T = tfchain::chain::CommitSig;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::signature));
  }
};

template <>
struct Arbitrary<tfchain::chain::Commit> {
  static Gen<tfchain::chain::Commit> arbitrary() {
    using T = tfchain::chain::Commit;
    return gen::build<T>(
        gen::set(&T::height, tfchain::chain::testing::GenU64()), gen::set(&T::round), gen::set(&T::block_hash),
        gen::set(&T::signatures, tfchain::chain::testing::GenSmallVector<tfchain::chain::CommitSig>(5)));
  }
};

template <>
struct Arbitrary<tfchain::chain::Evidence> {
  static Gen<tfchain::chain::Evidence> arbitrary() {
    using T = tfchain::chain::Evidence;
    return gen::build<T>(gen::set(&T::first), gen::set(&T::second));
  }
};

template <>
struct Arbitrary<tfchain::chain::BlockHeader> {
  static Gen<tfchain::chain::BlockHeader> arbitrary() {
    using T = tfchain::chain::BlockHeader;
    using tfchain::chain::testing::GenU64;
    return gen::build<T>(gen::set(&T::chain_id, tfchain::chain::testing::GenChainId()), gen::set(&T::height, GenU64()),
                         gen::set(&T::time_ms, GenU64()), gen::set(&T::prev_hash), gen::set(&T::txs_root),
                         gen::set(&T::state_root), gen::set(&T::events_root), gen::set(&T::validators_hash),
                         gen::set(&T::next_validators_hash), gen::set(&T::proposer), gen::set(&T::last_commit_hash),
                         gen::set(&T::evidence_hash));
  }
};

// Small: at most 3 transactions and 2 pieces of evidence.
template <>
struct Arbitrary<tfchain::chain::Block> {
  static Gen<tfchain::chain::Block> arbitrary() {
    using T = tfchain::chain::Block;
    using tfchain::chain::testing::GenSmallVector;
    return gen::build<T>(gen::set(&T::header), gen::set(&T::txs, GenSmallVector<tfchain::chain::Transaction>(3)),
                         gen::set(&T::last_commit),
                         gen::set(&T::evidence, GenSmallVector<tfchain::chain::Evidence>(2)));
  }
};

template <>
struct Arbitrary<tfchain::chain::TransferEvent> {
  static Gen<tfchain::chain::TransferEvent> arbitrary() {
    using T = tfchain::chain::TransferEvent;
    return gen::build<T>(gen::set(&T::from), gen::set(&T::to), gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::FeePaidEvent> {
  static Gen<tfchain::chain::FeePaidEvent> arbitrary() {
    using T = tfchain::chain::FeePaidEvent;
    using tfchain::chain::testing::GenU64;
    return gen::build<T>(gen::set(&T::payer), gen::set(&T::fee, GenU64()), gen::set(&T::proposer),
                         gen::set(&T::to_proposer, GenU64()), gen::set(&T::to_pool, GenU64()),
                         gen::set(&T::burned, GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::EndowedEvent> {
  static Gen<tfchain::chain::EndowedEvent> arbitrary() {
    using T = tfchain::chain::EndowedEvent;
    return gen::build<T>(gen::set(&T::account), gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::ValidatorRegisteredEvent> {
  static Gen<tfchain::chain::ValidatorRegisteredEvent> arbitrary() {
    using T = tfchain::chain::ValidatorRegisteredEvent;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::consensus_key), gen::set(&T::commission_permill));
  }
};

template <>
struct Arbitrary<tfchain::chain::BondedEvent> {
  static Gen<tfchain::chain::BondedEvent> arbitrary() {
    using T = tfchain::chain::BondedEvent;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::account),
                         gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::UnbondedEvent> {
  static Gen<tfchain::chain::UnbondedEvent> arbitrary() {
    using T = tfchain::chain::UnbondedEvent;
    using tfchain::chain::testing::GenU64;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::account), gen::set(&T::amount, GenU64()),
                         gen::set(&T::release_height, GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::WithdrawnEvent> {
  static Gen<tfchain::chain::WithdrawnEvent> arbitrary() {
    using T = tfchain::chain::WithdrawnEvent;
    return gen::build<T>(gen::set(&T::account), gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::CommissionChangedEvent> {
  static Gen<tfchain::chain::CommissionChangedEvent> arbitrary() {
    using T = tfchain::chain::CommissionChangedEvent;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::commission_permill));
  }
};

// At most 5 members.
template <>
struct Arbitrary<tfchain::chain::ActiveSetChangedEvent> {
  static Gen<tfchain::chain::ActiveSetChangedEvent> arbitrary() {
    using T = tfchain::chain::ActiveSetChangedEvent;
    using tfchain::chain::testing::GenU64;
    return gen::build<T>(gen::set(&T::epoch, GenU64()), gen::set(&T::effective_height, GenU64()),
                         gen::set(&T::members, tfchain::chain::testing::GenSmallVector<tfchain::chain::AccountId>(5)));
  }
};

template <>
struct Arbitrary<tfchain::chain::RewardPaidEvent> {
  static Gen<tfchain::chain::RewardPaidEvent> arbitrary() {
    using T = tfchain::chain::RewardPaidEvent;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::account),
                         gen::set(&T::amount, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::SlashReason> {
  static Gen<tfchain::chain::SlashReason> arbitrary() {
    return gen::element(tfchain::chain::SlashReason::kDoubleSign, tfchain::chain::SlashReason::kDowntime);
  }
};

template <>
struct Arbitrary<tfchain::chain::SlashedEvent> {
  static Gen<tfchain::chain::SlashedEvent> arbitrary() {
    using T = tfchain::chain::SlashedEvent;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::amount, tfchain::chain::testing::GenU64()),
                         gen::set(&T::reason));
  }
};

template <>
struct Arbitrary<tfchain::chain::JailedEvent> {
  static Gen<tfchain::chain::JailedEvent> arbitrary() {
    using T = tfchain::chain::JailedEvent;
    return gen::build<T>(gen::set(&T::validator), gen::set(&T::until_height, tfchain::chain::testing::GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::UnjailedEvent> {
  static Gen<tfchain::chain::UnjailedEvent> arbitrary() {
    using T = tfchain::chain::UnjailedEvent;
    return gen::build<T>(gen::set(&T::validator));
  }
};

template <>
struct Arbitrary<tfchain::chain::TombstonedEvent> {
  static Gen<tfchain::chain::TombstonedEvent> arbitrary() {
    using T = tfchain::chain::TombstonedEvent;
    return gen::build<T>(gen::set(&T::validator));
  }
};

template <>
struct Arbitrary<tfchain::chain::Event> {
  static Gen<tfchain::chain::Event> arbitrary() { return tfchain::chain::testing::GenVariant<tfchain::chain::Event>(); }
};

template <>
struct Arbitrary<tfchain::chain::Receipt> {
  static Gen<tfchain::chain::Receipt> arbitrary() {
    using T = tfchain::chain::Receipt;
    using tfchain::chain::testing::GenText;
    // Error texts of at most 64 pieces of at most 4 bytes: within kMaxErrorLength.
    return gen::build<T>(gen::set(&T::tx_hash), gen::set(&T::success), gen::set(&T::error, GenText(64)),
                         gen::set(&T::message, GenText(64)), gen::set(&T::fee, tfchain::chain::testing::GenU64()),
                         gen::set(&T::events, tfchain::chain::testing::GenSmallVector<tfchain::chain::Event>(4)));
  }
};

template <>
struct Arbitrary<tfchain::chain::BlockResults> {
  static Gen<tfchain::chain::BlockResults> arbitrary() {
    using T = tfchain::chain::BlockResults;
    using tfchain::chain::testing::GenSmallVector;
    return gen::build<T>(gen::set(&T::begin_events, GenSmallVector<tfchain::chain::Event>(3)),
                         gen::set(&T::receipts, GenSmallVector<tfchain::chain::Receipt>(3)),
                         gen::set(&T::end_events, GenSmallVector<tfchain::chain::Event>(3)));
  }
};

template <>
struct Arbitrary<tfchain::chain::AccountData> {
  static Gen<tfchain::chain::AccountData> arbitrary() {
    using T = tfchain::chain::AccountData;
    using tfchain::chain::testing::GenU64;
    return gen::build<T>(gen::set(&T::free, GenU64()), gen::set(&T::reserved, GenU64()), gen::set(&T::nonce, GenU64()));
  }
};

template <>
struct Arbitrary<tfchain::chain::Validator> {
  static Gen<tfchain::chain::Validator> arbitrary() {
    using T = tfchain::chain::Validator;
    return gen::build<T>(gen::set(&T::id), gen::set(&T::power, tfchain::chain::testing::GenU64()));
  }
};

// State-tree nodes and proofs (values and sibling lists kept small).
template <>
struct Arbitrary<tfchain::chain::SmtNode> {
  static Gen<tfchain::chain::SmtNode> arbitrary() {
    using tfchain::chain::SmtInner;
    using tfchain::chain::SmtLeaf;
    using tfchain::chain::SmtNode;
    return gen::oneOf(gen::cast<SmtNode>(gen::build<SmtLeaf>(
                          gen::set(&SmtLeaf::key_hash),
                          gen::set(&SmtLeaf::value, tfchain::chain::testing::GenSmallVector<uint8_t>(80)))),
                      gen::cast<SmtNode>(gen::build<SmtInner>(gen::set(&SmtInner::left), gen::set(&SmtInner::right))));
  }
};

template <>
struct Arbitrary<tfchain::chain::SmtProof> {
  static Gen<tfchain::chain::SmtProof> arbitrary() {
    using tfchain::chain::Hash256;
    using tfchain::chain::SmtProof;
    return gen::build<SmtProof>(
        gen::set(&SmtProof::siblings, tfchain::chain::testing::GenSmallVector<Hash256>(8)),
        gen::set(&SmtProof::leaf, gen::map(gen::maybe(gen::arbitrary<std::pair<Hash256, Hash256>>()),
                                           [](const Maybe<std::pair<Hash256, Hash256>>& m) {
                                             return m ? std::optional(*m) : std::nullopt;
                                           })));
  }
};

}  // namespace rc
