#include "farmer-agent/identity.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "chain/bytes.h"

namespace tfchain::agent {
namespace {

using chain::Result;
using chain::SecretKey;
using chain::Status;

Status IoError(const std::string& what, const std::string& path) {
  return Status::IoError("key-file-io", what + " " + path + ": " + std::strerror(errno));
}

Result<SecretKey> Load(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return IoError("cannot stat", path);
  if ((st.st_mode & 077) != 0) {
    return Status::InvalidArgument("insecure-key-file", path + " is accessible by group or others (chmod 600 it)");
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open", path);
  std::array<char, 130> buf{};
  ssize_t n = ::read(fd, buf.data(), buf.size());
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (n < 0) return IoError("cannot read", path);
  std::string text(buf.data(), static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  auto seed = chain::FromHex("0x" + text);
  if (text.size() != 64 || !seed.ok()) {
    return Status::Corruption("bad-key-file", path + ": expected 64 hex digits (an ed25519 seed)");
  }
  auto key = SecretKey::FromSeed(chain::KeyScheme::kEd25519, *seed);
  std::fill(seed->begin(), seed->end(), 0);
  return key;
}

Result<SecretKey> Create(const std::string& path) {
  std::array<uint8_t, 32> seed{};
  size_t got = 0;
  while (got < seed.size()) {
    ssize_t n = ::getrandom(seed.data() + got, seed.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("key-file-io", std::string("getrandom failed: ") + std::strerror(errno));
    }
    got += static_cast<size_t>(n);
  }
  std::string hex = chain::ToHex(seed);
  if (hex.rfind("0x", 0) == 0) hex.erase(0, 2);
  hex.push_back('\n');
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create", path);
  bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  std::fill(hex.begin(), hex.end(), '\0');
  if (!ok) {
    ::unlink(path.c_str());
    errno = saved;
    return IoError("cannot write", path);
  }
  auto key = SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed);
  seed.fill(0);
  return key;
}

}  // namespace

std::string NodeKeyPath(const std::string& data_dir) { return data_dir + "/node_key"; }

Result<SecretKey> LoadOrCreateNodeKey(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Status::IoError("key-file-io", "cannot create " + data_dir + ": " + ec.message());
  std::string path = NodeKeyPath(data_dir);
  if (::access(path.c_str(), F_OK) == 0) return Load(path);
  return Create(path);
}

}  // namespace tfchain::agent
