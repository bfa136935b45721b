#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "chain/account_data.h"
#include "chain/account_id.h"
#include "chain/block.h"
#include "chain/bytes.h"
#include "chain/call.h"
#include "chain/event.h"
#include "chain/receipt.h"
#include "chain/sparse_merkle_tree.h"
#include "chain/status.h"
#include "chain/transaction.h"
#include "chain/vote.h"

namespace tfchain::chain {

// JSON views of chain types, shared by the RPC server (which prints them) and the
// wallet (which reads them). Pure functions; thread-safe. Callers include
// <nlohmann/json.hpp> to use the returned values.
//
// Conventions (docs/rpc.md):
//  - accounts are SS58 strings (prefix 42), hashes and byte strings 0x-hex;
//  - amounts (balances, fees, tips) are JSON strings of decimal base units
//    ("12500000"), so that no client loses precision to floating point;
//  - heights, nonces, rounds and indexes are JSON integers;
//  - field names are snake_case.

// The Status of a JSON-RPC 2.0 error object as tfchaind sends it (docs/rpc.md): the
// reason from error.data.reason ("rpc-error" without one), the detail from
// error.data.detail (else error.message); NotFound for code -32001, Unavailable for
// -32002, InvalidArgument for -32000 and -32600..-32602, Internal otherwise (the code
// appended to the detail). Never fails on a malformed object.
Status RpcErrorStatus(const nlohmann::json& error);

// "12500000".
nlohmann::json AmountToJson(uint64_t amount);
// Accepts a string of decimal digits without leading zeros ("0", "12500000") or a
// non-negative JSON integer, at most 2^64-1. Errors (InvalidArgument): "bad-amount".
Result<uint64_t> AmountFromJson(const nlohmann::json& value);
// Decimal digits only, no sign, no leading zero (except "0"), fits uint64.
// Errors (InvalidArgument): "bad-amount".
Result<uint64_t> ParseAmount(std::string_view text);

// SS58 address string.
nlohmann::json AccountToJson(const AccountId& account);
// A string holding an SS58 address or 0x-hex account id (chain::ParseAccount).
// Errors: "bad-account" when not a string, else ParseAccount's reasons.
Result<AccountId> AccountFromJson(const nlohmann::json& value);
// A string of 32 bytes of 0x-hex. Errors: "bad-hash" when not a string, else
// "bad-hex" / "bad-length".
Result<Hash256> HashFromJson(const nlohmann::json& value);

// {"scheme": "ed25519"|"secp256k1", "hex": "0x..."}.
nlohmann::json ToJson(const Signature& signature);

// {"name": "balances.transfer", "args": {"dest": "5...", "amount": "1000"}}.
nlohmann::json ToJson(const Call& call);
// {"name": "balances.Transfer", "args": {"from": "5...", "to": "5...", "amount": "1"}}.
nlohmann::json ToJson(const Event& event);

// {"chain_id", "signer", "nonce", "tip", "valid_until", "call"}.
nlohmann::json ToJson(const TransactionBody& body);
// The body's fields plus "signature" and "hash" (TxHash of the encoded transaction).
nlohmann::json ToJson(const Transaction& tx);

// {"tx_hash", "success", "fee", "events"} plus "error" and "message" when the call
// failed.
nlohmann::json ToJson(const Receipt& receipt);

// Every header field: {"chain_id", "height", "time_ms", "prev_hash", "txs_root",
// "state_root", "events_root", "validators_hash", "next_validators_hash",
// "proposer", "last_commit_hash", "evidence_hash"}.
nlohmann::json ToJson(const BlockHeader& header);
// {"hash", "header", "transactions": [tx json, hash included], "last_commit",
// "evidence"}.
nlohmann::json ToJson(const Block& block);

// {"type": "prevote"|"precommit", "height", "round", "block_hash" (null for nil),
// "validator", "signature"}.
nlohmann::json ToJson(const Vote& vote);
// {"height", "round", "block_hash", "signatures": [{"validator", "signature"}]}.
nlohmann::json ToJson(const Commit& commit);
// {"first": vote, "second": vote}.
nlohmann::json ToJson(const Evidence& evidence);

// {"free", "reserved", "nonce"}.
nlohmann::json ToJson(const AccountData& account);

// {"siblings": ["0x..."], "leaf": {"key_hash", "value_hash"} | null}.
nlohmann::json ToJson(const SmtProof& proof);
// The inverse of ToJson(SmtProof), strict: exactly those members, at most 256
// siblings, every hash 32 bytes of hex. Errors (InvalidArgument): "bad-proof-json"
// with a detail naming what is wrong.
Result<SmtProof> SmtProofFromJson(const nlohmann::json& value);

}  // namespace tfchain::chain
