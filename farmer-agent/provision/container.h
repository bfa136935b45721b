#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chain/bytes.h"
#include "chain/status.h"
#include "farmer-agent/process.h"

namespace tfchain::agent {

// A host directory (typically a volume's mount point) bind-mounted into a container.
struct ContainerMount {
  std::string source;       // absolute host path; must exist
  std::string destination;  // absolute path inside the container
};

// What a container workload is. Value type.
struct ContainerSpec {
  std::string id;           // 1..48 chars of [a-z0-9-]; also the runc container id
  std::string image;  // a .tar / .tar.gz root file system tarball: a local path or an
                      // http(s):// URL (downloaded into the bundle, deleted once unpacked)
  chain::Hash256 image_hash;  // BLAKE2b-256 of the image file's bytes
  uint32_t cpu_millis = 1000;  // CPU quota in millicores (500 = half a core); >= 10
  uint64_t memory_bytes = 0;   // memory limit; 0 = no limit
  std::vector<std::string> entrypoint;  // argv of the container's init; not empty
  std::vector<std::string> env;         // "K=V" entries
  std::vector<ContainerMount> mounts;
  std::string netns_path;  // join this network namespace; empty: a new, empty one
};

// The file in a bundle that receives the container's stdout and stderr.
inline constexpr std::string_view kContainerLogName = "container.log";

enum class ContainerState { kRunning, kPaused, kStopped, kAbsent };

// A running (or paused) container's resource counters, read from the host.
struct ContainerStats {
  uint64_t memory_bytes = 0;  // its cgroup's current memory usage (page cache included)
  uint64_t cpu_ns = 0;        // CPU time used since it started, all cores together
  // rx + tx bytes of its public interface "eth1" since it was made; nullopt when the
  // container's network namespace has no eth1 (no public IP).
  std::optional<uint64_t> public_bytes;
};

// The interface name of a container's public IP (see NetworkProvisioner::AddPublicIp).
inline constexpr std::string_view kPublicInterface = "eth1";

// rx bytes + tx bytes of `iface` in the text of a /proc/<pid>/net/dev file; nullopt when
// the interface is not listed. Errors: "cgroup-read-failed" (IoError) when its line is
// malformed. Pure; thread-safe.
Result<std::optional<uint64_t>> InterfaceBytesFromNetDev(std::string_view net_dev, std::string_view iface);

// "running", "paused", "stopped", "absent".
std::string_view ContainerStateName(ContainerState state);

// Runs containers with runc, one OCI bundle per container under `root_dir`:
//   <root_dir>/<id>/config.json   the OCI runtime spec (see oci_spec.h)
//   <root_dir>/<id>/rootfs/       the unpacked image
//   <root_dir>/<id>/container.log the container's stdout and stderr (and runc's errors)
//   <root_dir>/.runc/             runc's own state (passed as `runc --root`), so that the
//                                 containers of one provisioner are invisible to others.
// Every method is idempotent and a failed Create leaves nothing behind. Errors:
//  - InvalidArgument: "bad-container-id", "bad-container-spec", "image-hash-mismatch",
//    "image-url-unsupported" (a URL without host), "container-spec-mismatch" (an existing
//    container has another spec);
//  - NotFound: "container-not-found", "image-not-found"; Unavailable: "container-paused";
//  - IoError: "runc-failed", "image-fetch-failed", "image-unpack-failed",
//    "bundle-io-failed", "cgroup-read-failed", or RunProcess's errors.
// Thread-compatible: calls for the same id must not overlap, except State/Stats (which
// may run on another thread); distinct ids may run concurrently.
class ContainerProvisioner {
 public:
  // `runc` is the program run (looked up in PATH). The root directory is created on demand.
  explicit ContainerProvisioner(std::string root_dir, std::string runc = "runc");

  // Verifies the image hash, unpacks the rootfs into <root>/<id>/rootfs, writes config.json
  // and starts it (`runc run -d`). An existing container with the same spec: Ok when it is
  // running or paused, restarted from its bundle when it has stopped; with a different spec:
  // "container-spec-mismatch" (nothing changed).
  Status Create(const ContainerSpec& spec);
  // Freezes all processes of the container (cgroup freezer). "container-not-found" when it
  // does not run; Ok when already paused.
  Status Pause(std::string_view id);
  // Thaws a paused container. "container-not-found" when it does not run; Ok when running.
  Status Resume(std::string_view id);
  // Kills the container, deletes its runc state and removes the bundle. Ok when absent.
  Status Remove(std::string_view id);
  // The container's state as runc reports it; kStopped when only the bundle (or a stopped
  // runc container) exists, kAbsent when neither does. A running or paused answer is
  // remembered with the init process's pid and start time: while /proc/<pid>/stat still
  // shows that process alive with that start time, the remembered state is returned
  // without spawning runc (the reconciler and usage reporter ask every few seconds for
  // every container). Pause, Resume, Start and Remove forget it.
  Result<ContainerState> State(std::string_view id) const;
  // The ids of all bundles under the root, sorted.
  Result<std::vector<std::string>> List() const;

  // The container's cgroup memory limit in bytes as the kernel has it (cgroup v1
  // memory.limit_in_bytes, or v2 memory.max). "container-not-found" unless running/paused.
  Result<uint64_t> MemoryLimit(std::string_view id) const;
  // The container's CPU bandwidth (quota_us, period_us); quota -1 means unlimited.
  Result<std::pair<int64_t, uint64_t>> CpuQuota(std::string_view id) const;
  // The container's counters: memory from cgroup v1 memory.usage_in_bytes (v2
  // memory.current), CPU from cgroup v1 cpuacct.usage (v2 cpu.stat usage_usec), the
  // public interface from /proc/<init pid>/net/dev. Errors: "container-not-found" unless
  // running or paused, "cgroup-read-failed".
  Result<ContainerStats> Stats(std::string_view id) const;
  // Keeps container.log at most about 2 × `max_bytes`: when it is larger, copies it to
  // container.log.1 (replacing the previous one) and truncates it (the container appends
  // to it, so it goes on writing at the new end; lines written between the copy and the
  // truncation are lost). Ok when there is no log or it is small. Errors:
  // "bad-container-id", "bundle-io-failed".
  Status TrimLog(std::string_view id, uint64_t max_bytes) const;
  // Runs argv inside the running container (`runc exec`) and returns what it did (a
  // non-zero exit is not an error).
  Result<ProcessResult> Exec(std::string_view id, const std::vector<std::string>& argv,
                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  std::string BundleDir(std::string_view id) const;
  std::vector<std::string> Runc(std::initializer_list<std::string_view> args) const;
  // The pid of the container's init from `runc state`, or "container-not-found".
  Result<int> InitPid(std::string_view id) const;
  // The host path of controller `controller`'s cgroup directory of process `pid`.
  Result<std::string> CgroupDir(int pid, std::string_view controller) const;
  // Starts the bundle of `id` with runc; on failure deletes the runc state again.
  Status Start(std::string_view id);
  // Best-effort: kill and delete the runc container (no bundle change).
  void DeleteRuncState(std::string_view id);

  // What State() remembers of a running or paused container (see State()).
  struct Observed {
    int pid = 0;
    uint64_t start_ticks = 0;
    ContainerState state = ContainerState::kAbsent;
  };
  void Forget(std::string_view id) const;

  std::string root_dir_;
  std::string state_dir_;
  std::string runc_;
  mutable std::mutex observed_mu_;
  mutable std::map<std::string, Observed, std::less<>> observed_;  // GUARDED_BY(observed_mu_)
};

// Ok when `id` is 1..48 chars of [a-z0-9-]; otherwise "bad-container-id".
Status ValidateContainerId(std::string_view id);

}  // namespace tfchain::agent
