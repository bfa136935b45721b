#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chain/keys.h"
#include "chain/status.h"
#include "wallet/cli.h"

namespace tfchain::wallet {

// Argon2id cost parameters (libsodium crypto_pwhash).
struct KdfLimits {
  uint64_t opslimit = 0;
  size_t memlimit = 0;
};
KdfLimits LimitsFor(KdfStrength strength);

// The public part of a key file (stored unencrypted, so listing needs no password).
struct KeyInfo {
  std::string name;
  chain::PublicKey public_key;  // its scheme is the key's scheme
  std::string address;          // SS58 of the account
  std::string path;             // the key file
};

// A directory of password-encrypted keys, one JSON file per key: NAME.json, mode
// 0600, in a directory of mode 0700 (created on first store). Format in keystore.cpp.
// The file holds the key's public data in clear and its 32-byte seed
// (chain::SecretKey::seed()) encrypted with XSalsa20-Poly1305 (crypto_secretbox) under
// an Argon2id13 key derived from the password.
//
// Errors common to the methods:
//   "bad-key-name"      NAME is not 1-32 characters of [A-Za-z0-9_-]
//   "unknown-key"       (NotFound) no such key file
//   "corrupt-key-file"  (Corruption) the file is not a valid key file (names the file)
//   "keystore-io"       (IoError) a file system call failed (names the path and errno)
// Thread-compatible; concurrent processes are safe: a key file appears atomically and
// never replaces an existing one.
class Keystore {
 public:
  struct Options {
    // Cost of the key derivation for newly stored keys; loading uses the file's own.
    KdfLimits kdf = LimitsFor(KdfStrength::kModerate);
  };
  Keystore(std::string dir, Options options);

  const std::string& dir() const { return dir_; }
  std::string PathOf(std::string_view name) const;

  // Ok iff `name` is 1-32 characters of [A-Za-z0-9_-]; else "bad-key-name".
  static chain::Status ValidateName(std::string_view name);
  static bool IsValidName(std::string_view name) { return ValidateName(name).ok(); }

  // True iff a file for `name` exists (the name must be valid).
  bool Exists(std::string_view name) const;

  // Encrypts `key` under `password` and writes NAME.json (tmp file, fsync, rename
  // without replacing, fsync of the directory). Errors: "key-exists" if NAME is taken,
  // "empty-password", "bad-key-name", "keystore-io", "kdf-failed" (out of memory).
  chain::Status Store(std::string_view name, const chain::SecretKey& key, std::string_view password) const;

  // The public data of NAME, checked for consistency (address matches public key,
  // name matches file name). No password needed.
  chain::Result<KeyInfo> Info(std::string_view name) const;

  // Decrypts NAME. Errors: "wrong-password" ("wrong password for key 'NAME'"; also
  // what a modified ciphertext, nonce or salt gives, since they cannot be told apart),
  // "corrupt-key-file" when the decrypted seed does not give the stored public key,
  // plus the common errors. The password and derived key are wiped after use.
  chain::Result<chain::SecretKey> Load(std::string_view name, std::string_view password) const;

  struct Listing {
    std::vector<KeyInfo> keys;            // sorted by name
    std::vector<chain::Status> problems;  // files that could not be read (skipped)
  };
  // Every NAME.json in the directory; an absent directory lists nothing.
  // Error: "keystore-io" if the directory cannot be read.
  chain::Result<Listing> List() const;

 private:
  chain::Result<std::string> ReadKeyFile(std::string_view name) const;
  std::string dir_;
  Options options_;
};

}  // namespace tfchain::wallet
