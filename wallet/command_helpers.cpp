#include "wallet/command_helpers.h"

#include <sodium.h>

#include <istream>

#include "chain/secret_uri.h"
#include "wallet/grid_client.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

Result<Keystore> OpenKeystore(const GlobalOptions& global) {
  if (global.keystore_dir.empty()) {
    return Status::InvalidArgument("no-keystore", "no keystore directory: use --keystore DIR or set TFWALLET_KEYSTORE");
  }
  return Keystore(global.keystore_dir, Keystore::Options{LimitsFor(global.kdf)});
}

Result<std::unique_ptr<RpcClient>> ConnectNode(const GlobalOptions& global, const CommandContext& context) {
  return RpcClient::Create(global.rpc_url, context.rpc);
}

Result<chain::AccountId> ResolveAccount(std::string_view text, const GlobalOptions& global) {
  if (Keystore::IsValidName(text)) {
    TF_ASSIGN_OR_RETURN(Keystore keystore, OpenKeystore(global));
    TF_ASSIGN_OR_RETURN(KeyInfo info, keystore.Info(text));
    return info.public_key.ToAccountId();
  }
  if (text.starts_with("/")) {  // a development account such as //Bob (ed25519)
    TF_ASSIGN_OR_RETURN(chain::SecretKey key, chain::KeyFromUri(text, chain::KeyScheme::kEd25519));
    return key.account_id();
  }
  auto account = chain::ParseAccount(text);
  if (!account.ok()) return account.status().WithContext("'" + std::string(text) + "' is not a key name or an address");
  return account;
}

Result<chain::SecretKey> ResolveSigner(std::string_view text, chain::KeyScheme scheme, const GlobalOptions& global,
                                       CommandContext& context) {
  if (Keystore::IsValidName(text)) {
    TF_ASSIGN_OR_RETURN(Keystore keystore, OpenKeystore(global));
    TF_ASSIGN_OR_RETURN(KeyInfo info, keystore.Info(text));  // unknown names fail before the prompt
    TF_ASSIGN_OR_RETURN(SecretString password,
                        context.passwords.Get("Password for key '" + info.name + "': ", /*confirm=*/false));
    return keystore.Load(text, password.view());
  }
  return chain::KeyFromUri(text, scheme);
}

Result<SecretString> SecretArgument(const std::string& arg, CommandContext& context) {
  if (arg != "-") return SecretString::Copy(arg);
  std::string line;
  if (!std::getline(context.in, line)) {
    return Status::InvalidArgument("usage", "'-' reads the secret from stdin, but stdin is empty");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return SecretString(std::move(line));
}

Result<chain::TwinId> ResolveTwin(const TwinSelector& selector, const GlobalOptions& global, RpcClient& rpc) {
  if (selector.twin_id) return *selector.twin_id;
  TF_ASSIGN_OR_RETURN(chain::AccountId account, ResolveAccount(selector.account.value_or(""), global));
  GridClient grid(rpc);
  auto twin = grid.GetTwinByAccount(account);
  if (!twin.ok() && twin.status().code() == Status::Code::kNotFound) {
    return Status::InvalidArgument("no-twin", chain::ToSs58(account) +
                                                  " has no twin: create it first with 'tfwallet twin create'");
  }
  if (!twin.ok()) return twin.status();
  return twin->twin_id;
}

}  // namespace tfchain::wallet
