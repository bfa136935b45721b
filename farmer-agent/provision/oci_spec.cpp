// The OCI runtime spec (config.json) of a container bundle, version 1.0.2, as runc reads it:
//   { "ociVersion", "process": {terminal:false, user, args, env, cwd, capabilities,
//     rlimits, noNewPrivileges}, "root": {path:"rootfs", readonly:false}, "hostname",
//     "mounts": [standard /proc /dev /sys mounts..., volume bind mounts...],
//     "annotations": {"org.tfchain.image-hash": "0x.."},
//     "linux": {resources: {devices, memory: {limit}, cpu: {quota, period}},
//               namespaces: [pid, ipc, uts, mount, network{path}], maskedPaths,
//               readonlyPaths} }
#include "farmer-agent/provision/oci_spec.h"

#include <nlohmann/json.hpp>

namespace tfchain::agent {

namespace {

using nlohmann::json;

constexpr std::string_view kDefaultPath =
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

json Process(const ContainerSpec& spec) {
  json env = json::array({kDefaultPath});
  for (const std::string& e : spec.env) env.push_back(e);
  // The default runc set plus NET_RAW (ping) and the file/ownership ones an image's
  // init commonly needs; no SYS_ADMIN, no NET_ADMIN.
  json caps = json::array({"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW",
                           "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_SETUID",
                           "CAP_SETGID"});
  return json{
      {"terminal", false},
      {"user", {{"uid", 0}, {"gid", 0}}},
      {"args", spec.entrypoint},
      {"env", env},
      {"cwd", "/"},
      {"capabilities",
       {{"bounding", caps}, {"effective", caps}, {"permitted", caps}, {"ambient", caps}}},
      {"rlimits", json::array({{{"type", "RLIMIT_NOFILE"}, {"hard", 1024}, {"soft", 1024}}})},
      {"noNewPrivileges", true},
  };
}

json Mounts(const ContainerSpec& spec) {
  json mounts = json::array({
      {{"destination", "/proc"}, {"type", "proc"}, {"source", "proc"}},
      {{"destination", "/dev"},
       {"type", "tmpfs"},
       {"source", "tmpfs"},
       {"options", {"nosuid", "strictatime", "mode=755", "size=65536k"}}},
      {{"destination", "/dev/pts"},
       {"type", "devpts"},
       {"source", "devpts"},
       {"options", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}}},
      {{"destination", "/dev/shm"},
       {"type", "tmpfs"},
       {"source", "shm"},
       {"options", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}}},
      {{"destination", "/dev/mqueue"},
       {"type", "mqueue"},
       {"source", "mqueue"},
       {"options", {"nosuid", "noexec", "nodev"}}},
      {{"destination", "/sys"},
       {"type", "sysfs"},
       {"source", "sysfs"},
       {"options", {"nosuid", "noexec", "nodev", "ro"}}},
  });
  for (const ContainerMount& m : spec.mounts) {
    mounts.push_back({{"destination", m.destination},
                      {"type", "bind"},
                      {"source", m.source},
                      {"options", {"rbind", "rw"}}});
  }
  return mounts;
}

json Linux(const ContainerSpec& spec) {
  json network = {{"type", "network"}};
  if (!spec.netns_path.empty()) network["path"] = spec.netns_path;
  json resources = {
      {"devices", json::array({{{"allow", false}, {"access", "rwm"}}})},
      {"cpu",
       {{"quota", static_cast<int64_t>(spec.cpu_millis) * 100}, {"period", kCpuPeriodUs}}},
  };
  // swap is the memory+swap limit: equal to the limit, the container gets no swap on top.
  if (spec.memory_bytes > 0) {
    resources["memory"] = {{"limit", spec.memory_bytes}, {"swap", spec.memory_bytes}};
  }
  return json{
      {"resources", resources},
      {"namespaces",
       json::array({{{"type", "pid"}}, {{"type", "ipc"}}, {{"type", "uts"}}, {{"type", "mount"}},
                    network})},
      {"maskedPaths",
       {"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
        "/proc/scsi"}},
      {"readonlyPaths",
       {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}},
  };
}

}  // namespace

std::string BuildOciConfig(const ContainerSpec& spec) {
  json config = {
      {"ociVersion", "1.0.2"},
      {"process", Process(spec)},
      {"root", {{"path", "rootfs"}, {"readonly", false}}},
      {"hostname", spec.id},
      {"mounts", Mounts(spec)},
      {"annotations", {{"org.tfchain.image-hash", spec.image_hash.Hex()}}},
      {"linux", Linux(spec)},
  };
  // Entries come from the caller and may hold invalid UTF-8: replace rather than throw.
  return config.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tfchain::agent
