#include "node/data_dir.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chain/account_id.h"

namespace tfchain::node {
namespace {
using chain::Result;
using chain::Status;
using nlohmann::json;

Status BadConfig(const std::string& what) { return Status::InvalidArgument("bad-config", what); }

Status CheckKeys(const json& obj, const std::string& where, std::initializer_list<std::string_view> allowed) {
  if (!obj.is_object()) return BadConfig(where + ": must be an object");
  for (const auto& [key, _] : obj.items()) {
    bool known = false;
    for (std::string_view a : allowed) known |= key == a;
    if (!known) return BadConfig((where.empty() ? "" : where + ".") + key + ": unknown field");
  }
  return Status::Ok();
}

Status ReadString(const json& obj, const std::string& field, std::string* out) {
  auto it = obj.find(field);
  if (it == obj.end()) return Status::Ok();  // optional, keeps the default
  if (!it->is_string()) return BadConfig(field + ": must be a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

template <typename T>
Status ReadUint(const json& obj, const std::string& field, uint64_t min, uint64_t max, T* out) {
  auto it = obj.find(field);
  if (it == obj.end()) return Status::Ok();
  if (!it->is_number_unsigned() || it->get<uint64_t>() < min || it->get<uint64_t>() > max) {
    return BadConfig(field + ": must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  *out = static_cast<T>(it->get<uint64_t>());
  return Status::Ok();
}

Status SyncDirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::IoError("cannot-write", dir + ": " + std::strerror(errno));
  const int rc = fsync(fd);
  close(fd);
  if (rc != 0) return Status::IoError("cannot-write", dir + ": fsync: " + std::strerror(errno));
  return Status::Ok();
}
}  // namespace

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot-read", "cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot-read", "error reading " + path);
  return ss.str();
}

Status WriteFileDurably(const std::string& path, const std::string& text, unsigned mode) {
  const std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Status::IoError("cannot-write", tmp + ": " + std::strerror(errno));
  fchmod(fd, mode);  // the umask must not widen or narrow what we ask for
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string err = std::strerror(errno);
      close(fd);
      unlink(tmp.c_str());
      return Status::IoError("cannot-write", tmp + ": " + err);
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) {
    const std::string err = std::strerror(errno);
    close(fd);
    unlink(tmp.c_str());
    return Status::IoError("cannot-write", tmp + ": fsync: " + err);
  }
  close(fd);
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string err = std::strerror(errno);
    unlink(tmp.c_str());
    return Status::IoError("cannot-write", path + ": " + err);
  }
  return SyncDirectoryOf(path);
}

Result<NodeFileConfig> ReadNodeConfig(const std::string& path) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return BadConfig(path + " is not valid JSON");
  TF_RETURN_IF_ERROR(CheckKeys(j, "", {"node_name", "p2p", "rpc"}));
  NodeFileConfig c;
  TF_RETURN_IF_ERROR(ReadString(j, "node_name", &c.node_name));
  if (c.node_name.empty() || c.node_name.size() > 64) return BadConfig("node_name: must be 1..64 characters");
  if (auto p2p = j.find("p2p"); p2p != j.end()) {
    TF_RETURN_IF_ERROR(
        CheckKeys(*p2p, "p2p", {"listen_host", "listen_port", "persistent_peers", "max_inbound", "max_outbound"}));
    TF_RETURN_IF_ERROR(ReadString(*p2p, "listen_host", &c.p2p.listen_host));
    TF_RETURN_IF_ERROR(ReadUint(*p2p, "listen_port", 0, 65535, &c.p2p.listen_port));
    TF_RETURN_IF_ERROR(ReadUint(*p2p, "max_inbound", 0, 1000, &c.p2p.max_inbound));
    TF_RETURN_IF_ERROR(ReadUint(*p2p, "max_outbound", 0, 1000, &c.p2p.max_outbound));
    if (auto peers = p2p->find("persistent_peers"); peers != p2p->end()) {
      if (!peers->is_array()) return BadConfig("p2p.persistent_peers: must be an array of strings");
      for (const json& p : *peers) {
        if (!p.is_string()) return BadConfig("p2p.persistent_peers: must be an array of strings");
        c.p2p.persistent_peers.push_back(p.get<std::string>());
      }
    }
  }
  if (auto rpc = j.find("rpc"); rpc != j.end()) {
    TF_RETURN_IF_ERROR(CheckKeys(*rpc, "rpc", {"host", "port", "admin_token"}));
    TF_RETURN_IF_ERROR(ReadString(*rpc, "host", &c.rpc.host));
    TF_RETURN_IF_ERROR(ReadUint(*rpc, "port", 0, 65535, &c.rpc.port));
    TF_RETURN_IF_ERROR(ReadString(*rpc, "admin_token", &c.rpc.admin_token));
  }
  return c;
}

Status WriteNodeConfig(const std::string& path, const NodeFileConfig& c) {
  json j = {{"node_name", c.node_name},
            {"p2p",
             {{"listen_host", c.p2p.listen_host},
              {"listen_port", c.p2p.listen_port},
              {"persistent_peers", c.p2p.persistent_peers},
              {"max_inbound", c.p2p.max_inbound},
              {"max_outbound", c.p2p.max_outbound}}},
            {"rpc", {{"host", c.rpc.host}, {"port", c.rpc.port}, {"admin_token", c.rpc.admin_token}}}};
  return WriteFileDurably(path, j.dump(2) + "\n", 0644);
}

Result<chain::SecretKey> ReadKeyFile(const std::string& path) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  json j = json::parse(text, nullptr, false);
  auto bad = [&](const std::string& what) { return Status::InvalidArgument("bad-key-file", path + ": " + what); };
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (j.value("scheme", "") != "ed25519") return bad("scheme must be \"ed25519\"");
  if (!j.contains("secret_seed") || !j["secret_seed"].is_string()) return bad("secret_seed missing");
  auto seed = chain::FromHex(j["secret_seed"].get<std::string>());
  if (!seed.ok()) return bad("secret_seed: " + seed.status().ToString());
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, *seed);
  sodium_memzero(seed->data(), seed->size());
  if (!key.ok()) return bad("secret_seed: " + key.status().ToString());
  if (j.contains("public_key") && j["public_key"] != chain::ToHex(key->public_key().bytes())) {
    return bad("public_key does not match secret_seed");
  }
  return key;
}

Status WriteKeyFile(const std::string& path, const chain::SecretKey& key) {
  json j = {{"scheme", "ed25519"},
            {"public_key", chain::ToHex(key.public_key().bytes())},
            {"address", chain::ToSs58(key.account_id())},
            {"secret_seed", chain::ToHex(key.seed())}};
  std::string text = j.dump(2) + "\n";
  Status s = WriteFileDurably(path, text, 0600);
  sodium_memzero(text.data(), text.size());
  return s;
}

chain::SecretKey GenerateKey() {
  std::array<uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed);
  sodium_memzero(seed.data(), seed.size());
  return std::move(key).value();
}

}  // namespace tfchain::node
