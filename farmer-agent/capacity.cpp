#include "farmer-agent/capacity.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

namespace tfchain::agent {
namespace {

using chain::Result;
using chain::Status;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool ParseU64(std::string_view s, uint64_t* out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

// The whole file, or nullopt when it cannot be opened.
std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<uint64_t> ParseMemTotal(std::string_view meminfo) {
  while (!meminfo.empty()) {
    size_t eol = meminfo.find('\n');
    std::string_view line = meminfo.substr(0, eol);
    meminfo = eol == std::string_view::npos ? std::string_view() : meminfo.substr(eol + 1);
    if (!line.starts_with("MemTotal:")) continue;
    std::string_view value = Trim(line.substr(9));
    if (!value.ends_with(" kB")) break;
    uint64_t kib = 0;
    if (!ParseU64(Trim(value.substr(0, value.size() - 3)), &kib) || kib == 0 || kib > (UINT64_MAX >> 10)) break;
    return kib * 1024;
  }
  return Status::InvalidArgument("bad-meminfo", "no \"MemTotal: <n> kB\" line in /proc/meminfo");
}

Result<uint64_t> ParseUptimeSeconds(std::string_view proc_uptime) {
  std::string_view first = proc_uptime.substr(0, proc_uptime.find_first_of(" \n"));
  std::string_view whole = first.substr(0, first.find('.'));
  uint64_t seconds = 0;
  if (!ParseU64(whole, &seconds)) {
    return Status::InvalidArgument("bad-uptime", "cannot parse /proc/uptime: \"" + std::string(Trim(proc_uptime)) + "\"");
  }
  return seconds;
}

std::string DevNameFromUevent(std::string_view uevent) {
  while (!uevent.empty()) {
    size_t eol = uevent.find('\n');
    std::string_view line = uevent.substr(0, eol);
    uevent = eol == std::string_view::npos ? std::string_view() : uevent.substr(eol + 1);
    if (line.starts_with("DEVNAME=")) return std::string(Trim(line.substr(8)));
  }
  return "";
}

Result<bool> ParseRotational(std::string_view text) {
  std::string_view v = Trim(text);
  if (v == "0") return false;
  if (v == "1") return true;
  return Status::InvalidArgument("bad-rotational", "expected 0 or 1, got \"" + std::string(v) + "\"");
}

Result<uint64_t> ReadUptimeSeconds() {
  auto text = ReadFile("/proc/uptime");
  if (!text) return Status::IoError("uptime-unreadable", "cannot read /proc/uptime");
  return ParseUptimeSeconds(*text);
}

Result<Capacity> DetectCapacity(const std::string& storage_pool_dir, DiskKind disk_kind) {
  Capacity cap;
  long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (cores < 1) return Status::IoError("capacity-detection-failed", "sysconf(_SC_NPROCESSORS_ONLN) failed");
  cap.resources.cru = static_cast<uint64_t>(cores);

  auto meminfo = ReadFile("/proc/meminfo");
  if (!meminfo) return Status::IoError("capacity-detection-failed", "cannot read /proc/meminfo");
  auto mem = ParseMemTotal(*meminfo);
  if (!mem.ok()) return Status::IoError("capacity-detection-failed", std::string(mem.status().detail()));
  cap.resources.mru = *mem;

  struct statvfs vfs {};
  struct stat st {};
  if (::statvfs(storage_pool_dir.c_str(), &vfs) != 0 || ::stat(storage_pool_dir.c_str(), &st) != 0) {
    return Status::IoError("capacity-detection-failed", "cannot statvfs the storage pool " + storage_pool_dir);
  }
  uint64_t pool_bytes = static_cast<uint64_t>(vfs.f_blocks) * vfs.f_frsize;

  // /sys/dev/block/<maj>:<min> is the partition or the disk; a partition's queue/ is
  // its parent's.
  std::string sys = "/sys/dev/block/" + std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev));
  cap.disk_kind_source = "unknown-assumed-ssd";
  if (auto uevent = ReadFile(sys + "/uevent")) {
    cap.pool_device = DevNameFromUevent(*uevent);
    auto rot = ReadFile(sys + "/queue/rotational");
    if (!rot) rot = ReadFile(sys + "/../queue/rotational");
    if (rot) {
      if (auto parsed = ParseRotational(*rot); parsed.ok()) {
        cap.pool_rotational = *parsed;
        cap.disk_kind_source = "sysfs";
      }
    }
  }
  if (disk_kind != DiskKind::kAuto) {
    cap.pool_rotational = disk_kind == DiskKind::kHdd;
    cap.disk_kind_source = "farmer-stated";
  }
  if (cap.pool_rotational) {
    cap.resources.hru = pool_bytes;
  } else {
    cap.resources.sru = pool_bytes;
  }
  return cap;
}

}  // namespace tfchain::agent
