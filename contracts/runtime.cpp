#include "contracts/runtime.h"

#include <variant>

#include "contracts/balances.h"
#include "contracts/system_state.h"

namespace tfchain::contracts {

using chain::Receipt;
using chain::Transaction;

Runtime::Runtime(chain::Genesis genesis)
    : genesis_(std::move(genesis)),
      staking_(genesis_.staking, genesis_.chain_id),
      farming_(genesis_.genesis_time_ms),
      governance_(genesis_.genesis_time_ms),
      marketplace_(genesis_, farming_) {}

Status Runtime::InitGenesis(StateOverlay& state, std::vector<chain::Event>* events) const {
  SystemState::PutBlockInfo(state, BlockInfo{0, genesis_.genesis_time_ms});
  TF_RETURN_IF_ERROR(Balances::InitGenesis(state, genesis_.balances, events));
  if (genesis_.staking.pool_balance > 0) {
    const chain::AccountId pool = chain::StakingPoolAccount();
    TF_RETURN_IF_ERROR(Balances::Mint(state, pool, genesis_.staking.pool_balance));
    events->push_back(chain::EndowedEvent{pool, genesis_.staking.pool_balance});
  }
  TF_RETURN_IF_ERROR(directory_.InitGenesis(state, genesis_, events));
  return staking_.InitGenesis(state, genesis_.validators, events);
}

Result<uint64_t> Runtime::Fee(size_t encoded_size, uint64_t tip) const {
  const unsigned __int128 fee = static_cast<unsigned __int128>(genesis_.fees.fee_per_byte) * encoded_size +
                                genesis_.fees.base_fee + tip;
  if (fee > UINT64_MAX) return Status::InvalidArgument("fee-overflow", "fee exceeds 2^64-1 base units");
  return static_cast<uint64_t>(fee);
}

Result<bool> Runtime::IsFeeFree(const StateReader& state, const Transaction& tx) const {
  if (std::holds_alternative<chain::NodeReportUptimeCall>(tx.body.call)) return true;
  return marketplace_.IsFeeFree(state, tx.body.signer, tx.body.call);
}

Result<uint64_t> Runtime::TxFee(const StateReader& state, const Transaction& tx, size_t encoded_size) const {
  TF_ASSIGN_OR_RETURN(bool fee_free, IsFeeFree(state, tx));
  if (fee_free) return tx.body.tip;
  return Fee(encoded_size, tx.body.tip);
}

Status Runtime::CheckFeeFree(const StateReader& state, const Transaction& tx, uint64_t time_ms) const {
  if (std::holds_alternative<chain::NodeReportUptimeCall>(tx.body.call)) {
    return Farming::CheckUptimeReport(state, tx.body.signer, time_ms);
  }
  return marketplace_.CheckFeeFree(state, tx.body.signer, tx.body.call, time_ms);
}

Status Runtime::CheckStateless(const Transaction& tx, size_t encoded_size, uint64_t height) const {
  if (tx.body.chain_id != genesis_.chain_id) {
    return Status::InvalidArgument("wrong-chain",
                                   "signed for chain '" + tx.body.chain_id + "', this is '" + genesis_.chain_id + "'");
  }
  if (encoded_size > genesis_.consensus.max_tx_bytes) {
    return Status::InvalidArgument("tx-too-large", std::to_string(encoded_size) + " bytes exceed the limit of " +
                                                       std::to_string(genesis_.consensus.max_tx_bytes));
  }
  if (tx.body.valid_until < height) {
    return Status::InvalidArgument("expired", "valid until height " + std::to_string(tx.body.valid_until) +
                                                  ", now at " + std::to_string(height));
  }
  return Fee(encoded_size, tx.body.tip).status();
}

Result<TxCheck> Runtime::CheckAgainstState(const StateReader& state, const Transaction& tx,
                                           size_t encoded_size) const {
  TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, tx.body.signer));
  if (tx.body.nonce < account.nonce) {
    return Status::InvalidArgument("bad-nonce", "nonce " + std::to_string(tx.body.nonce) +
                                                    " already used; the next nonce is " + std::to_string(account.nonce));
  }
  TF_ASSIGN_OR_RETURN(bool fee_free, IsFeeFree(state, tx));
  if (fee_free) {
    // Includable in the next block at the earliest: one block time after the head's.
    TF_ASSIGN_OR_RETURN(BlockInfo head, SystemState::GetBlockInfo(state));
    TF_RETURN_IF_ERROR(CheckFeeFree(state, tx, head.time_ms + genesis_.consensus.block_time_ms));
  }
  TF_ASSIGN_OR_RETURN(uint64_t fee, TxFee(state, tx, encoded_size));
  const unsigned __int128 spend = static_cast<unsigned __int128>(fee) + CallSpend(tx.body.call);
  if (spend > account.free) {
    return Status::InvalidArgument("insufficient-balance", "free balance " + std::to_string(account.free) +
                                                               " cannot pay fee + amount = " +
                                                               (spend > UINT64_MAX ? std::string("more than 2^64-1")
                                                                                   : std::to_string(static_cast<uint64_t>(spend))));
  }
  return TxCheck{tx.body.nonce == account.nonce, account.nonce, account.free, fee, static_cast<uint64_t>(spend)};
}

Status Runtime::PayFee(StateOverlay& state, const BlockEnv& env, const chain::AccountId& payer, uint64_t fee,
                       std::vector<chain::Event>* events) const {
  uint64_t to_proposer =
      static_cast<uint64_t>(static_cast<unsigned __int128>(fee) * genesis_.fees.proposer_share_percent / 100);
  const uint64_t to_pool =
      static_cast<uint64_t>(static_cast<unsigned __int128>(fee) * genesis_.fees.pool_share_percent / 100);
  // The proposer's share goes to its operator account; a proposer key that belongs
  // to no validator (only outside consensus, e.g. in tests) gets nothing: burned.
  TF_ASSIGN_OR_RETURN(std::optional<chain::AccountId> proposer_account, Staking::OperatorOf(state, env.proposer));
  if (!proposer_account) to_proposer = 0;
  const uint64_t burned = fee - to_proposer - to_pool;
  TF_RETURN_IF_ERROR(Balances::Transfer(state, payer, proposer_account.value_or(env.proposer), to_proposer, nullptr));
  TF_RETURN_IF_ERROR(Balances::Transfer(state, payer, chain::StakingPoolAccount(), to_pool, nullptr));
  TF_RETURN_IF_ERROR(Balances::Burn(state, payer, burned));
  events->push_back(chain::FeePaidEvent{payer, fee, proposer_account.value_or(env.proposer), to_proposer, to_pool,
                                        burned});
  return Status::Ok();
}

Result<Receipt> Runtime::ApplyTransaction(StateOverlay& state, const BlockEnv& env, const Transaction& tx,
                                          const chain::Hash256& tx_hash, size_t encoded_size) const {
  TF_RETURN_IF_ERROR(CheckStateless(tx, encoded_size, env.height));
  TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, tx.body.signer));
  if (tx.body.nonce != account.nonce) {
    return Status::InvalidArgument(tx.body.nonce < account.nonce ? "bad-nonce" : "future-nonce",
                                   "nonce " + std::to_string(tx.body.nonce) + ", the account's next nonce is " +
                                       std::to_string(account.nonce));
  }
  TF_ASSIGN_OR_RETURN(bool fee_free, IsFeeFree(state, tx));
  if (fee_free) TF_RETURN_IF_ERROR(CheckFeeFree(state, tx, env.time_ms));
  TF_ASSIGN_OR_RETURN(uint64_t fee, TxFee(state, tx, encoded_size));
  if (account.free < fee) {
    return Status::InvalidArgument("insufficient-balance", "free balance " + std::to_string(account.free) +
                                                               " cannot pay the fee " + std::to_string(fee));
  }

  // Included from here on: the nonce is used and the fee paid whatever the call does.
  const size_t before_fee = state.Checkpoint();
  account.nonce += 1;
  Balances::PutAccount(state, tx.body.signer, account);
  Receipt receipt;
  receipt.tx_hash = tx_hash;
  receipt.fee = fee;
  // A fee-free call with no tip pays nothing and records no FeePaid event.
  Status paid = fee == 0 ? Status::Ok() : PayFee(state, env, tx.body.signer, fee, &receipt.events);
  if (!paid.ok()) {
    state.RollbackTo(before_fee);
    return paid;
  }

  const size_t before_call = state.Checkpoint();
  std::vector<chain::Event> call_events;
  Status result = Dispatch(state, env, tx.body.signer, tx.body.call, &call_events);
  if (result.ok()) {
    receipt.events.insert(receipt.events.end(), call_events.begin(), call_events.end());
  } else {
    if (result.code() != Status::Code::kInvalidArgument) {
      // A state read failure, not a rule: the block cannot be built on this state.
      state.RollbackTo(before_fee);
      return result;
    }
    state.RollbackTo(before_call);
    receipt.success = false;
    receipt.error = std::string(result.reason());
    receipt.message = std::string(result.detail()).substr(0, chain::kMaxErrorLength);
  }
  return receipt;
}

Status Runtime::BeginBlock(StateOverlay& state, const BlockEnv& env, std::vector<chain::Event>* events) const {
  SystemState::PutBlockInfo(state, BlockInfo{env.height, env.time_ms});
  return staking_.BeginBlock(state, env.height, env.last_commit, env.evidence, events);
}

Status Runtime::EndBlock(StateOverlay& state, const BlockEnv& env, std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(farming_.EndBlock(state, env.height, env.time_ms, events));
  TF_RETURN_IF_ERROR(marketplace_.EndBlock(state, env.height, env.time_ms, events));
  TF_RETURN_IF_ERROR(governance_.EndBlock(state, env.height, env.time_ms, events));
  return staking_.EndBlock(state, env.height, events);
}

Result<ValidatorSets> Runtime::GetValidatorSets(const StateReader& state) const {
  return Staking::GetValidatorSets(state);
}

Result<std::optional<chain::AccountId>> Runtime::OperatorOf(const StateReader& state,
                                                            const chain::AccountId& consensus_key) const {
  return Staking::OperatorOf(state, consensus_key);
}

Status Runtime::CheckEvidence(const StateReader& state, const chain::Evidence& evidence, uint64_t height) const {
  return staking_.CheckEvidence(state, evidence, height);
}

uint64_t CallSpend(const chain::Call& call) {
  return std::visit(
      [](const auto& c) -> uint64_t {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, chain::TransferCall> || std::is_same_v<T, chain::BondCall>) return c.amount;
        return 0;
      },
      call);
}

}  // namespace tfchain::contracts
