// key generate | inspect | import | list.
#include <sodium.h>

#include <array>
#include <ostream>

#include <nlohmann/json.hpp>

#include "chain/bip39.h"
#include "chain/secret_uri.h"
#include "wallet/command_helpers.h"
#include "wallet/output.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

std::string_view TrimSpace(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

// The public description of a key, in JSON (the text form is derived from it).
nlohmann::json PublicKeyJson(const chain::PublicKey& key) {
  chain::AccountId account = key.ToAccountId();
  return {{"scheme", std::string(chain::SchemeName(key.scheme()))},
          {"public_key", chain::ToHex(key.bytes())},
          {"account_id", account.Hex()},
          {"address", chain::ToSs58(account)}};
}

// Prints `doc` as JSON, or its fields (in `labels` order) as text.
void PrintDoc(std::ostream& out, bool json, const nlohmann::json& doc,
              const std::vector<std::pair<std::string, std::string>>& labels) {
  if (json) {
    PrintJson(out, doc);
    return;
  }
  Fields fields;
  for (const auto& [key, label] : labels) {
    if (auto it = doc.find(key); it != doc.end() && it->is_string()) fields.emplace_back(label, it->get<std::string>());
  }
  PrintFields(out, fields);
}

const std::vector<std::pair<std::string, std::string>> kKeyLabels = {
    {"name", "Name"},
    {"phrase", "Secret phrase"},
    {"scheme", "Scheme"},
    {"public_key", "Public key"},
    {"account_id", "Account id"},
    {"address", "SS58 address"},
    {"path", "Key file"},
};

// Fails with "key-exists" before anything expensive or interactive happens.
Result<Keystore> KeystoreForNewKey(const std::string& name, const GlobalOptions& global) {
  TF_RETURN_IF_ERROR(Keystore::ValidateName(name));
  TF_ASSIGN_OR_RETURN(Keystore keystore, OpenKeystore(global));
  if (keystore.Exists(name)) {
    return Status::InvalidArgument("key-exists",
                                   "a key named '" + name + "' already exists (" + keystore.PathOf(name) + ")");
  }
  return keystore;
}

Status StoreNewKey(const Keystore& keystore, const std::string& name, const chain::SecretKey& key,
                   CommandContext& context) {
  TF_ASSIGN_OR_RETURN(SecretString password,
                      context.passwords.Get("New password for key '" + name + "': ", /*confirm=*/true));
  return keystore.Store(name, key, password.view());
}

}  // namespace

Status RunKeyGenerate(const KeyGenerateCommand& command, const GlobalOptions& global, CommandContext& context) {
  std::optional<Keystore> keystore;
  if (command.name) {
    TF_ASSIGN_OR_RETURN(Keystore ks, KeystoreForNewKey(*command.name, global));
    keystore.emplace(std::move(ks));
  }
  std::array<uint8_t, 32> entropy;
  const size_t entropy_size = command.words == 24 ? 32 : 16;
  context.random(std::span<uint8_t>(entropy.data(), entropy_size));
  auto phrase_or = chain::EntropyToMnemonic(chain::ByteSpan(entropy.data(), entropy_size));
  sodium_memzero(entropy.data(), entropy.size());
  if (!phrase_or.ok()) return phrase_or.status();
  SecretString phrase(std::move(phrase_or).value());
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, chain::KeyFromUri(phrase.view(), command.scheme));

  nlohmann::json doc = PublicKeyJson(key.public_key());
  if (keystore) {
    TF_RETURN_IF_ERROR(StoreNewKey(*keystore, *command.name, key, context));
    doc["name"] = *command.name;
    doc["path"] = keystore->PathOf(*command.name);
  }
  doc["phrase"] = std::string(phrase.view());
  PrintDoc(context.out, global.json, doc, kKeyLabels);
  std::string& printed = doc["phrase"].get_ref<std::string&>();
  sodium_memzero(printed.data(), printed.size());
  if (!global.json) {
    context.err << "Write the secret phrase down and keep it safe: whoever has it controls the account.\n";
  }
  return Status::Ok();
}

Status RunKeyInspect(const KeyInspectCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(SecretString input, SecretArgument(command.input, context));
  const std::string_view text = TrimSpace(input.view());
  const bool has_path = text.find('/') != std::string_view::npos;
  const bool has_space = text.find_first_of(" \t\r\n") != std::string_view::npos;

  nlohmann::json doc;
  if (text.starts_with("0x") && !has_path) {
    TF_ASSIGN_OR_RETURN(chain::Bytes raw, chain::FromHex(text));
    if (raw.size() == 33 || (raw.size() == 32 && command.public_only)) {
      chain::KeyScheme scheme = raw.size() == 33 ? chain::KeyScheme::kSecp256k1 : chain::KeyScheme::kEd25519;
      TF_ASSIGN_OR_RETURN(chain::PublicKey key, chain::PublicKey::Parse(scheme, raw));
      doc = PublicKeyJson(key);
    } else if (raw.size() == 32) {
      TF_ASSIGN_OR_RETURN(chain::SecretKey key, chain::KeyFromUri(text, command.scheme));
      doc = PublicKeyJson(key.public_key());
    } else {
      return Status::InvalidArgument("bad-key-input", "a 0x value of " + std::to_string(raw.size()) +
                                                          " bytes is neither a 32-byte seed or ed25519 public key"
                                                          " nor a 33-byte secp256k1 public key");
    }
  } else if (command.public_only) {
    return Status::InvalidArgument("usage", "--public expects a 0x-hex public key");
  } else if (!has_path && !has_space && !text.empty()) {
    TF_ASSIGN_OR_RETURN(chain::AccountId account, chain::ParseSs58(text));
    doc = {{"account_id", account.Hex()}, {"address", chain::ToSs58(account)}};
  } else {
    TF_ASSIGN_OR_RETURN(chain::SecretKey key, chain::KeyFromUri(text, command.scheme));
    doc = PublicKeyJson(key.public_key());
  }
  PrintDoc(context.out, global.json, doc, kKeyLabels);
  return Status::Ok();
}

Status RunKeyImport(const KeyImportCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(Keystore keystore, KeystoreForNewKey(command.name, global));
  TF_ASSIGN_OR_RETURN(SecretString uri, SecretArgument(command.uri, context));
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, chain::KeyFromUri(TrimSpace(uri.view()), command.scheme));
  TF_RETURN_IF_ERROR(StoreNewKey(keystore, command.name, key, context));
  nlohmann::json doc = PublicKeyJson(key.public_key());
  doc["name"] = command.name;
  doc["path"] = keystore.PathOf(command.name);
  PrintDoc(context.out, global.json, doc, kKeyLabels);
  return Status::Ok();
}

Status RunKeyList(const KeyListCommand&, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(Keystore keystore, OpenKeystore(global));
  TF_ASSIGN_OR_RETURN(Keystore::Listing listing, keystore.List());
  for (const Status& problem : listing.problems) context.err << "warning: skipped " << problem.ToString() << "\n";
  if (global.json) {
    nlohmann::json keys = nlohmann::json::array();
    for (const KeyInfo& info : listing.keys) {
      nlohmann::json entry = PublicKeyJson(info.public_key);
      entry["name"] = info.name;
      keys.push_back(std::move(entry));
    }
    PrintJson(context.out, {{"keystore", keystore.dir()}, {"keys", std::move(keys)}});
    return Status::Ok();
  }
  if (listing.keys.empty()) {
    context.out << "No keys in " << keystore.dir() << "\n";
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const KeyInfo& info : listing.keys) {
    rows.push_back({info.name, std::string(chain::SchemeName(info.public_key.scheme())), info.address});
  }
  PrintTable(context.out, {"NAME", "SCHEME", "ADDRESS"}, rows);
  return Status::Ok();
}

}  // namespace tfchain::wallet
