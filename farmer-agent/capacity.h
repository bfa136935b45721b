#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chain/grid_types.h"
#include "chain/status.h"

namespace tfchain::agent {

// The storage pool's disk kind: detected from sysfs (kAuto) or stated by the farmer
// (--disk-type) when sysfs cannot tell reliably (VMs, overlay filesystems).
enum class DiskKind { kAuto, kSsd, kHdd };

// What the machine offers to the grid, detected from the running system.
struct Capacity {
  chain::Resources resources;  // cru cores, mru bytes, sru or hru = the pool's size
  std::string pool_device;     // e.g. "sda" ("" when unknown)
  bool pool_rotational = false;
  // How the SSD/HDD choice was made: "sysfs", "unknown-assumed-ssd" or "farmer-stated".
  std::string disk_kind_source;
};

// Parses /proc/meminfo text: MemTotal in bytes. Error: "bad-meminfo" (no MemTotal line,
// or not "<n> kB").
chain::Result<uint64_t> ParseMemTotal(std::string_view meminfo);

// Parses /proc/uptime text ("12345.67 890.12"): whole seconds since boot. Error:
// "bad-uptime".
chain::Result<uint64_t> ParseUptimeSeconds(std::string_view proc_uptime);

// The DEVNAME of a /sys/dev/block/<major>:<minor>/uevent text
// ("MAJOR=8\nMINOR=1\nDEVNAME=sda1\nDEVTYPE=partition\n"), or "" when absent. Pure.
std::string DevNameFromUevent(std::string_view uevent);

// Parses a /sys/block/<dev>/queue/rotational text ("0\n" / "1\n"). Error: "bad-rotational".
chain::Result<bool> ParseRotational(std::string_view text);

// Detects the machine's capacity: cores (sysconf _SC_NPROCESSORS_ONLN), memory
// (/proc/meminfo MemTotal), the pool's size (statvfs of `storage_pool_dir`, total bytes)
// counted as sru if the disk behind it is not rotational (sysfs), else hru; when the disk
// cannot be found (overlay, tmpfs, containers) it is counted as sru and disk_kind_source
// says "unknown-assumed-ssd". Errors: "capacity-detection-failed" (IoError) when cores,
// memory or the pool's size cannot be read. `disk_kind` kSsd/kHdd overrides the sysfs
// answer (disk_kind_source "farmer-stated"). Thread-safe.
chain::Result<Capacity> DetectCapacity(const std::string& storage_pool_dir, DiskKind disk_kind = DiskKind::kAuto);

// Seconds since boot from /proc/uptime. Errors: "bad-uptime", "uptime-unreadable".
chain::Result<uint64_t> ReadUptimeSeconds();

}  // namespace tfchain::agent
