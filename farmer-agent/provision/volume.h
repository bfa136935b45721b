#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "chain/status.h"
#include "farmer-agent/deployment.h"  // kMinVolumeSize

namespace tfchain::agent {

using chain::Result;
using chain::Status;

// A volume to provision. `id`: 1..48 chars of [a-z0-9-]; `size_bytes` >= 1 MiB (kMinVolumeSize).
struct VolumeSpec {
  std::string id;
  uint64_t size_bytes = 0;
};

// A provisioned (mounted) volume.
struct VolumeInfo {
  std::string id;
  std::string image_path;   // root/images/<id>.img: the sparse ext4 image
  std::string loop_device;  // "/dev/loopN" backing the mount
  std::string mount_point;  // root/mnt/<id>: bind this into containers
  uint64_t size_bytes = 0;  // the image's size: a hard cap on what can be stored
};

// kMinVolumeSize (1 MiB) is deployment.h's: one definition for both (they share a namespace).

// Volumes as size-capped ext4 images on loop devices, mounted under root_dir/mnt/<id>.
// Needs root and the tools losetup, mkfs.ext4, mount, umount (run through RunProcess).
// Every method is idempotent and rolls back what it made when it fails. An image survives
// the loss of its loop device/mount (agent restart, reboot): Create with the same spec
// re-attaches and re-mounts it, keeping its data. Thread-safe (calls are serialised).
class VolumeProvisioner {
 public:
  // `root_dir` is where images and mount points live; created on demand.
  explicit VolumeProvisioner(std::string root_dir);

  // Makes the volume exist and be mounted: a sparse image of size_bytes, formatted ext4
  // (only when new), attached to a loop device and mounted (nodev,nosuid) at root/mnt/<id>.
  // Ok with the existing volume when it already exists with the same size.
  // Errors: "bad-volume-id", "bad-volume-size" (< 1 MiB), "volume-conflict" (exists with
  // another size), "volume-image-failed", "volume-mkfs-failed", "volume-losetup-failed",
  // "volume-mount-failed", "spawn-failed"/"process-timeout".
  Result<VolumeInfo> Create(const VolumeSpec& spec);

  // Unmounts, detaches the loop device(s) and deletes the image and mount point. Ok when
  // absent. Errors: "bad-volume-id", "volume-umount-failed" (e.g. busy: nothing removed),
  // "volume-losetup-failed", "volume-remove-failed".
  Status Remove(std::string_view id);

  // The volumes mounted under root, by id. Errors: "volume-list-failed".
  Result<std::vector<VolumeInfo>> List() const;

  // Where volume `id`'s image and mount point are (whether or not they exist).
  std::string ImagePath(std::string_view id) const;
  std::string MountPoint(std::string_view id) const;

 private:
  // The loop device mounted at `mount_point`, or "" when nothing is mounted there.
  Result<std::string> MountedDevice(const std::string& mount_point) const;
  // Loop devices attached to `image` (losetup -j).
  Result<std::vector<std::string>> LoopDevicesOf(const std::string& image) const;
  Status DetachAll(const std::string& image) const;

  std::string root_;
  mutable std::mutex mu_;
};

}  // namespace tfchain::agent
