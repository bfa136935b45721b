#pragma once

#include <string>
#include <string_view>

#include "farmer-agent/provision/container.h"

namespace tfchain::agent {

// The CPU bandwidth period the agent gives every container, in microseconds.
inline constexpr uint64_t kCpuPeriodUs = 100000;

// Builds the OCI runtime spec (config.json, spec version 1.0.2) for `spec`:
//  - process: args = entrypoint, env = PATH default + spec.env, cwd "/", uid/gid 0,
//    no terminal, a small capability set (incl. NET_RAW for ping), noNewPrivileges;
//  - root: "rootfs" (relative to the bundle), writable; hostname = id;
//  - mounts: proc, /dev tmpfs, devpts, shm, mqueue, sysfs (ro), then every
//    ContainerMount as a read-write recursive bind mount;
//  - linux.namespaces: pid, ipc, uts, mount and network (with netns_path when set);
//  - linux.resources: memory.limit = memory.swap = memory_bytes (when > 0: no swap on
//    top of the limit), cpu.period = kCpuPeriodUs,
//    cpu.quota = cpu_millis * 100; all devices denied except the standard ones;
//  - annotations: "org.tfchain.image-hash" = the image hash (so that a changed image
//    makes a different spec).
// Returns the JSON text (pretty-printed, deterministic for equal specs). Does not validate
// the spec (ContainerProvisioner does). Thread-safe.
std::string BuildOciConfig(const ContainerSpec& spec);

}  // namespace tfchain::agent
