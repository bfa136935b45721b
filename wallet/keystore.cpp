// Key file format (NAME.json, one JSON object):
//   {
//     "version": 1,
//     "name": NAME,                        equal to the file name without ".json"
//     "scheme": "ed25519" | "secp256k1",
//     "public_key": 0x-hex,                32 (ed25519) or 33 (secp256k1, compressed) bytes
//     "address": SS58 of the account,      derived from public_key
//     "kdf": {"name": "argon2id13", "opslimit": int, "memlimit": int, "salt": 0x-hex(16)},
//     "cipher": {"name": "xsalsa20poly1305", "nonce": 0x-hex(24), "ciphertext": 0x-hex(48)}
//   }
// key        = crypto_pwhash(32 bytes, password, salt, opslimit, memlimit, ARGON2ID13)
// ciphertext = crypto_secretbox_easy(seed[32], nonce, key)    (MAC || encrypted seed)
// Loading accepts opslimit/memlimit only between libsodium's MIN and SENSITIVE values,
// so a tampered file cannot make the wallet hang or exhaust memory.
#include "wallet/keystore.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "chain/account_id.h"
#include "wallet/json_reader.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

constexpr size_t kMaxKeyFileBytes = 64 * 1024;
constexpr size_t kSeedBytes = 32;
constexpr std::string_view kKdfName = "argon2id13";
constexpr std::string_view kCipherName = "xsalsa20poly1305";

static_assert(crypto_secretbox_KEYBYTES == 32);

Status IoError(std::string_view what, const std::string& path) {
  return Status::IoError("keystore-io", std::string(what) + " " + path + ": " + std::strerror(errno));
}

// Wipes a fixed buffer when it goes out of scope.
template <size_t N>
struct WipedBytes {
  std::array<uint8_t, N> bytes{};
  ~WipedBytes() { sodium_memzero(bytes.data(), bytes.size()); }
};

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write", path);
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

// Creates `dir` and missing parents; directories created here get mode 0700.
Status EnsureDirectory(const std::string& dir) {
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string prefix = dir.substr(0, pos);
    if (mkdir(prefix.c_str(), 0700) == 0) {
      if (chmod(prefix.c_str(), 0700) != 0) return IoError("cannot chmod", prefix);
    } else if (errno != EEXIST) {
      return IoError("cannot create directory", prefix);
    }
  }
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return IoError("cannot stat", dir);
  if (!S_ISDIR(st.st_mode)) {
    return Status::IoError("keystore-io", dir + " exists and is not a directory");
  }
  return Status::Ok();
}

Status SyncDirectory(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open", dir);
  int rc = fsync(fd);
  close(fd);
  if (rc != 0) return IoError("cannot fsync", dir);
  return Status::Ok();
}

// Publishes `tmp` as `path` unless `path` exists: renameat2(RENAME_NOREPLACE), or
// link + unlink on file systems without it. Both are atomic and never replace.
Status PublishNoReplace(const std::string& tmp, const std::string& path, std::string_view name) {
  int rc = renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
    rc = link(tmp.c_str(), path.c_str());
    if (rc == 0) unlink(tmp.c_str());
  }
  if (rc == 0) return Status::Ok();
  int saved = errno;
  unlink(tmp.c_str());
  errno = saved;
  if (saved == EEXIST) {
    return Status::InvalidArgument("key-exists",
                                   "a key named '" + std::string(name) + "' already exists (" + path + ")");
  }
  return IoError("cannot create", path);
}

Status DeriveKey(std::string_view password, chain::ByteSpan salt, uint64_t opslimit, size_t memlimit,
                 std::array<uint8_t, crypto_secretbox_KEYBYTES>* key) {
  if (crypto_pwhash(key->data(), key->size(), password.data(), password.size(), salt.data(), opslimit, memlimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("kdf-failed", "Argon2id key derivation failed (out of memory?)");
  }
  return Status::Ok();
}

// The parsed encryption part of a key file.
struct SealedSeed {
  uint64_t opslimit = 0;
  size_t memlimit = 0;
  chain::Bytes salt;
  chain::Bytes nonce;
  chain::Bytes ciphertext;
};

Result<SealedSeed> ParseSealedSeed(const JsonReader& file) {
  SealedSeed out;
  TF_ASSIGN_OR_RETURN(const nlohmann::json* kdf_json, file.Field("kdf"));
  JsonReader kdf = file.Nested(*kdf_json, "kdf");
  TF_RETURN_IF_ERROR(kdf.ExpectObject());
  TF_ASSIGN_OR_RETURN(std::string kdf_name, kdf.String("name"));
  if (kdf_name != kKdfName) return kdf.Error("unsupported kdf '" + kdf_name + "'");
  TF_ASSIGN_OR_RETURN(out.opslimit, kdf.U64("opslimit"));
  TF_ASSIGN_OR_RETURN(uint64_t memlimit, kdf.U64("memlimit"));
  if (out.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || out.opslimit > crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE) {
    return kdf.Error("opslimit out of range");
  }
  if (memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || memlimit > crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE) {
    return kdf.Error("memlimit out of range");
  }
  out.memlimit = static_cast<size_t>(memlimit);
  TF_ASSIGN_OR_RETURN(out.salt, kdf.Hex("salt"));
  if (out.salt.size() != crypto_pwhash_SALTBYTES) return kdf.Error("salt must be 16 bytes");

  TF_ASSIGN_OR_RETURN(const nlohmann::json* cipher_json, file.Field("cipher"));
  JsonReader cipher = file.Nested(*cipher_json, "cipher");
  TF_RETURN_IF_ERROR(cipher.ExpectObject());
  TF_ASSIGN_OR_RETURN(std::string cipher_name, cipher.String("name"));
  if (cipher_name != kCipherName) return cipher.Error("unsupported cipher '" + cipher_name + "'");
  TF_ASSIGN_OR_RETURN(out.nonce, cipher.Hex("nonce"));
  if (out.nonce.size() != crypto_secretbox_NONCEBYTES) return cipher.Error("nonce must be 24 bytes");
  TF_ASSIGN_OR_RETURN(out.ciphertext, cipher.Hex("ciphertext"));
  if (out.ciphertext.size() != crypto_secretbox_MACBYTES + kSeedBytes) {
    return cipher.Error("ciphertext must be 48 bytes");
  }
  return out;
}

// Parses and checks the public part of a key file.
Result<KeyInfo> ParseKeyInfo(const JsonReader& file, std::string_view expected_name, const std::string& path) {
  TF_RETURN_IF_ERROR(file.ExpectObject());
  TF_ASSIGN_OR_RETURN(uint64_t version, file.U64("version"));
  if (version != 1) return file.Error("unsupported version " + std::to_string(version));
  TF_ASSIGN_OR_RETURN(std::string name, file.String("name"));
  if (name != expected_name) return file.Error("name '" + name + "' does not match the file name");
  TF_ASSIGN_OR_RETURN(std::string scheme_name, file.String("scheme"));
  auto scheme = chain::ParseScheme(scheme_name);
  if (!scheme.ok()) return file.Error("unknown scheme '" + scheme_name + "'");
  TF_ASSIGN_OR_RETURN(chain::Bytes public_bytes, file.Hex("public_key"));
  auto public_key = chain::PublicKey::Parse(*scheme, public_bytes);
  if (!public_key.ok()) return file.Error("public_key is not a valid " + scheme_name + " key");
  TF_ASSIGN_OR_RETURN(std::string address, file.String("address"));
  if (address != chain::ToSs58(public_key->ToAccountId())) {
    return file.Error("address does not match public_key");
  }
  return KeyInfo{std::move(name), *public_key, std::move(address), path};
}

// Parses a key file's text and its public part; failures are "corrupt-key-file".
Result<KeyInfo> ParseKeyFile(const std::string& text, std::string_view name, const std::string& path,
                             nlohmann::json* doc) {
  *doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc->is_discarded()) return Status::Corruption("corrupt-key-file", path + ": not valid JSON");
  auto info = ParseKeyInfo(JsonReader(*doc, "corrupt-key-file", path), name, path);
  if (!info.ok()) return Status::Corruption("corrupt-key-file", std::string(info.status().detail()));
  return info;
}

}  // namespace

KdfLimits LimitsFor(KdfStrength strength) {
  switch (strength) {
    case KdfStrength::kInteractive:
      return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
    case KdfStrength::kModerate:
      return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
    case KdfStrength::kSensitive:
      return {crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE, crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE};
  }
  CHECK(false);
  return {};
}

Keystore::Keystore(std::string dir, Options options) : dir_(std::move(dir)), options_(options) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

std::string Keystore::PathOf(std::string_view name) const { return dir_ + "/" + std::string(name) + ".json"; }

Status Keystore::ValidateName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  if (ok) return Status::Ok();
  return Status::InvalidArgument("bad-key-name",
                                 "key name '" + std::string(name) + "' must be 1-32 characters of A-Z a-z 0-9 _ -");
}

bool Keystore::Exists(std::string_view name) const {
  struct stat st;
  return IsValidName(name) && lstat(PathOf(name).c_str(), &st) == 0;
}

Status Keystore::Store(std::string_view name, const chain::SecretKey& key, std::string_view password) const {
  TF_RETURN_IF_ERROR(ValidateName(name));
  if (password.empty()) return Status::InvalidArgument("empty-password", "the password must not be empty");
  const std::string path = PathOf(name);
  if (Exists(name)) {
    return Status::InvalidArgument("key-exists",
                                   "a key named '" + std::string(name) + "' already exists (" + path + ")");
  }
  TF_RETURN_IF_ERROR(EnsureDirectory(dir_));

  std::array<uint8_t, crypto_pwhash_SALTBYTES> salt;
  std::array<uint8_t, crypto_secretbox_NONCEBYTES> nonce;
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  WipedBytes<crypto_secretbox_KEYBYTES> box_key;
  TF_RETURN_IF_ERROR(DeriveKey(password, salt, options_.kdf.opslimit, options_.kdf.memlimit, &box_key.bytes));
  chain::ByteSpan seed = key.seed();
  CHECK(seed.size() == kSeedBytes);
  std::array<uint8_t, crypto_secretbox_MACBYTES + kSeedBytes> ciphertext;
  crypto_secretbox_easy(ciphertext.data(), seed.data(), seed.size(), nonce.data(), box_key.bytes.data());

  nlohmann::json doc = {
      {"version", 1},
      {"name", std::string(name)},
      {"scheme", std::string(chain::SchemeName(key.scheme()))},
      {"public_key", chain::ToHex(key.public_key().bytes())},
      {"address", chain::ToSs58(key.account_id())},
      {"kdf",
       {{"name", kKdfName},
        {"opslimit", options_.kdf.opslimit},
        {"memlimit", options_.kdf.memlimit},
        {"salt", chain::ToHex(salt)}}},
      {"cipher", {{"name", kCipherName}, {"nonce", chain::ToHex(nonce)}, {"ciphertext", chain::ToHex(ciphertext)}}},
  };
  const std::string text = doc.dump(2) + "\n";

  std::array<uint8_t, 8> suffix;
  randombytes_buf(suffix.data(), suffix.size());
  const std::string tmp = dir_ + "/." + std::string(name) + ".json.tmp-" + chain::ToHex(suffix).substr(2);
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return IoError("cannot create", tmp);
  Status written = Status::Ok();
  if (fchmod(fd, 0600) != 0) written = IoError("cannot chmod", tmp);
  if (written.ok()) written = WriteAll(fd, text, tmp);
  if (written.ok() && fsync(fd) != 0) written = IoError("cannot fsync", tmp);
  if (close(fd) != 0 && written.ok()) written = IoError("cannot close", tmp);
  if (!written.ok()) {
    unlink(tmp.c_str());
    return written;
  }
  TF_RETURN_IF_ERROR(PublishNoReplace(tmp, path, name));
  return SyncDirectory(dir_);
}

Result<std::string> Keystore::ReadKeyFile(std::string_view name) const {
  TF_RETURN_IF_ERROR(ValidateName(name));
  const std::string path = PathOf(name);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) {
      return Status::NotFound("unknown-key", "no key named '" + std::string(name) + "' in " + dir_);
    }
    return IoError("cannot open", path);
  }
  std::string text;
  std::array<char, 4096> buffer;
  while (true) {
    ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status error = IoError("cannot read", path);
      close(fd);
      return error;
    }
    if (n == 0) break;
    text.append(buffer.data(), static_cast<size_t>(n));
    if (text.size() > kMaxKeyFileBytes) {
      close(fd);
      return Status::Corruption("corrupt-key-file", path + ": larger than 64 KiB");
    }
  }
  close(fd);
  return text;
}

Result<KeyInfo> Keystore::Info(std::string_view name) const {
  TF_ASSIGN_OR_RETURN(std::string text, ReadKeyFile(name));
  nlohmann::json doc;
  return ParseKeyFile(text, name, PathOf(name), &doc);
}

Result<chain::SecretKey> Keystore::Load(std::string_view name, std::string_view password) const {
  TF_ASSIGN_OR_RETURN(std::string text, ReadKeyFile(name));
  nlohmann::json doc;
  TF_ASSIGN_OR_RETURN(KeyInfo info, ParseKeyFile(text, name, PathOf(name), &doc));
  auto sealed = ParseSealedSeed(JsonReader(doc, "corrupt-key-file", info.path));
  if (!sealed.ok()) return Status::Corruption("corrupt-key-file", std::string(sealed.status().detail()));

  WipedBytes<crypto_secretbox_KEYBYTES> box_key;
  TF_RETURN_IF_ERROR(DeriveKey(password, sealed->salt, sealed->opslimit, sealed->memlimit, &box_key.bytes));
  WipedBytes<kSeedBytes> seed;
  if (crypto_secretbox_open_easy(seed.bytes.data(), sealed->ciphertext.data(), sealed->ciphertext.size(),
                                 sealed->nonce.data(), box_key.bytes.data()) != 0) {
    return Status::InvalidArgument("wrong-password", "wrong password for key '" + std::string(name) + "'");
  }
  auto key = chain::SecretKey::FromSeed(info.public_key.scheme(), seed.bytes);
  if (!key.ok() || !(key->public_key() == info.public_key)) {
    return Status::Corruption("corrupt-key-file", info.path + ": the encrypted seed does not match public_key");
  }
  return key;
}

Result<Keystore::Listing> Keystore::List() const {
  Listing out;
  DIR* dir = opendir(dir_.c_str());
  if (dir == nullptr) {
    if (errno == ENOENT) return out;
    return IoError("cannot read directory", dir_);
  }
  std::vector<std::string> names;
  while (struct dirent* entry = readdir(dir)) {
    std::string_view file = entry->d_name;
    if (!file.ends_with(".json")) continue;
    std::string_view name = file.substr(0, file.size() - 5);
    if (IsValidName(name)) names.emplace_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    auto info = Info(name);
    if (info.ok()) {
      out.keys.push_back(std::move(info).value());
    } else {
      out.problems.push_back(info.status());
    }
  }
  return out;
}

}  // namespace tfchain::wallet
