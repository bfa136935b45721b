#include "farmer-agent/provision/volume.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "farmer-agent/process.h"
#include "farmer-agent/provision/provision_id.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;

// Volumes below this get no ext4 journal: on a few MiB it would eat a noticeable share.
constexpr uint64_t kJournalMinSize = 128ull << 20;

// Decodes the octal escapes (\040 for a space) that /proc/self/mountinfo uses.
std::string UnescapeMountField(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '7') {
      out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

struct MountEntry {
  std::string mount_point;
  std::string source;
};

// The mount table of our mount namespace.
Result<std::vector<MountEntry>> ReadMounts() {
  std::ifstream in("/proc/self/mountinfo");
  if (!in) return Status::IoError("volume-list-failed", "cannot read /proc/self/mountinfo");
  std::vector<MountEntry> mounts;
  std::string line;
  while (std::getline(in, line)) {
    // id parent major:minor root mount_point options [optional...] - fstype source super
    std::istringstream fields(line);
    std::string id, parent, dev, root, mount_point, word;
    if (!(fields >> id >> parent >> dev >> root >> mount_point)) continue;
    while (fields >> word && word != "-") {
    }
    std::string fstype, source;
    fields >> fstype >> source;
    mounts.push_back(MountEntry{UnescapeMountField(mount_point), UnescapeMountField(source)});
  }
  return mounts;
}

std::string Canonical(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec);
  if (ec) return dir;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal().string() : c.string();
}

Status CheckId(std::string_view id) {
  if (!IsValidProvisionId(id)) {
    return Status::InvalidArgument("bad-volume-id",
                                   "volume id must be 1..48 chars of [a-z0-9-]: '" + std::string(id) + "'");
  }
  return Status::Ok();
}

}  // namespace

VolumeProvisioner::VolumeProvisioner(std::string root_dir) : root_(Canonical(root_dir)) {}

std::string VolumeProvisioner::ImagePath(std::string_view id) const {
  return root_ + "/images/" + std::string(id) + ".img";
}

std::string VolumeProvisioner::MountPoint(std::string_view id) const { return root_ + "/mnt/" + std::string(id); }

Result<std::string> VolumeProvisioner::MountedDevice(const std::string& mount_point) const {
  TF_ASSIGN_OR_RETURN(std::vector<MountEntry> mounts, ReadMounts());
  std::string device;
  for (const MountEntry& m : mounts) {
    if (m.mount_point == mount_point) device = m.source;  // the last (top) mount wins
  }
  return device;
}

Result<std::vector<std::string>> VolumeProvisioner::LoopDevicesOf(const std::string& image) const {
  std::vector<std::string> devices;
  std::error_code ec;
  if (!fs::exists(image, ec)) return devices;
  TF_ASSIGN_OR_RETURN(ProcessResult r, RunProcess({"losetup", "-j", image}));
  if (r.exit_code != 0) {
    return Status::IoError("volume-losetup-failed", "losetup -j " + image + ": " + r.err);
  }
  // Lines: "/dev/loop3: [2049]:1234 (/path/to/image)".
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t colon = line.find(':');
    if (colon != std::string::npos && line.rfind("/dev/", 0) == 0) devices.push_back(line.substr(0, colon));
  }
  return devices;
}

Status VolumeProvisioner::DetachAll(const std::string& image) const {
  TF_ASSIGN_OR_RETURN(std::vector<std::string> devices, LoopDevicesOf(image));
  for (const std::string& device : devices) {
    TF_RETURN_IF_ERROR(RunChecked({"losetup", "-d", device}, "volume-losetup-failed"));
  }
  return Status::Ok();
}

Result<VolumeInfo> VolumeProvisioner::Create(const VolumeSpec& spec) {
  TF_RETURN_IF_ERROR(CheckId(spec.id));
  if (spec.size_bytes < kMinVolumeSize) {
    return Status::InvalidArgument("bad-volume-size",
                                   "volume size " + std::to_string(spec.size_bytes) + " is below 1 MiB");
  }
  std::lock_guard<std::mutex> lock(mu_);
  const std::string image = ImagePath(spec.id);
  const std::string mount_point = MountPoint(spec.id);
  VolumeInfo info{spec.id, image, "", mount_point, spec.size_bytes};

  std::error_code ec;
  const bool image_exists = fs::exists(image, ec);
  if (image_exists) {
    const uint64_t size = fs::file_size(image, ec);
    if (ec || size != spec.size_bytes) {
      return Status::InvalidArgument("volume-conflict", "volume " + spec.id + " exists with size " +
                                                            std::to_string(size) + ", not " +
                                                            std::to_string(spec.size_bytes));
    }
    TF_ASSIGN_OR_RETURN(std::string device, MountedDevice(mount_point));
    if (!device.empty()) {
      info.loop_device = device;
      return info;  // already there
    }
    // Left over from a restart or a failed Create: detach stale loop devices, re-mount.
    TF_RETURN_IF_ERROR(DetachAll(image));
  } else {
    // A new image: format it under a temporary name, so an existing .img is always complete.
    fs::create_directories(root_ + "/images", ec);
    if (ec) return Status::IoError("volume-image-failed", root_ + "/images: " + ec.message());
    const std::string tmp = image + ".tmp";
    fs::remove(tmp, ec);
    {
      std::ofstream create(tmp, std::ios::binary | std::ios::trunc);
      if (!create) return Status::IoError("volume-image-failed", "cannot create " + tmp);
    }
    fs::resize_file(tmp, spec.size_bytes, ec);  // sparse: takes no space until written
    if (ec) {
      fs::remove(tmp, ec);
      return Status::IoError("volume-image-failed", tmp + ": " + ec.message());
    }
    std::vector<std::string> mkfs = {"mkfs.ext4", "-q", "-F", "-m", "0", "-i", "16384", "-L", spec.id.substr(0, 16)};
    if (spec.size_bytes < kJournalMinSize) {
      mkfs.push_back("-O");
      mkfs.push_back("^has_journal");
    }
    mkfs.push_back(tmp);
    Status formatted = RunChecked(mkfs, "volume-mkfs-failed", std::chrono::minutes(5));
    if (formatted.ok()) {
      fs::rename(tmp, image, ec);
      if (ec) formatted = Status::IoError("volume-image-failed", image + ": " + ec.message());
    }
    if (!formatted.ok()) {
      fs::remove(tmp, ec);
      return formatted;
    }
  }

  // Roll back what this call made when a later step fails.
  auto roll_back = [&](const Status& failure, const std::string& device) -> Status {
    std::error_code ignored;
    if (!device.empty()) (void)RunProcess({"losetup", "-d", device});
    if (!image_exists) fs::remove(image, ignored);
    fs::remove(mount_point, ignored);  // only when empty
    return failure;
  };

  fs::create_directories(mount_point, ec);
  if (ec) return roll_back(Status::IoError("volume-mount-failed", mount_point + ": " + ec.message()), "");
  auto attached = RunProcess({"losetup", "--find", "--show", image});
  if (!attached.ok()) return roll_back(attached.status(), "");
  if (attached->exit_code != 0) {
    return roll_back(Status::IoError("volume-losetup-failed", "losetup --find --show " + image + ": " + attached->err),
                     "");
  }
  std::string device = attached->out;
  while (!device.empty() && (device.back() == '\n' || device.back() == ' ')) device.pop_back();
  if (device.rfind("/dev/", 0) != 0) {
    return roll_back(Status::IoError("volume-losetup-failed", "unexpected losetup output: " + device), "");
  }
  Status mounted =
      RunChecked({"mount", "-t", "ext4", "-o", "nodev,nosuid", device, mount_point}, "volume-mount-failed");
  if (!mounted.ok()) return roll_back(mounted, device);
  info.loop_device = device;
  return info;
}

Status VolumeProvisioner::Remove(std::string_view id) {
  TF_RETURN_IF_ERROR(CheckId(id));
  std::lock_guard<std::mutex> lock(mu_);
  const std::string image = ImagePath(id);
  const std::string mount_point = MountPoint(id);
  // Unmount every layer mounted there (normally one).
  for (;;) {
    TF_ASSIGN_OR_RETURN(std::string device, MountedDevice(mount_point));
    if (device.empty()) break;
    TF_RETURN_IF_ERROR(RunChecked({"umount", mount_point}, "volume-umount-failed"));
  }
  TF_RETURN_IF_ERROR(DetachAll(image));
  std::error_code ec;
  fs::remove(image, ec);
  if (ec) return Status::IoError("volume-remove-failed", image + ": " + ec.message());
  fs::remove(image + ".tmp", ec);
  fs::remove(mount_point, ec);
  if (ec) return Status::IoError("volume-remove-failed", mount_point + ": " + ec.message());
  return Status::Ok();
}

Result<std::vector<VolumeInfo>> VolumeProvisioner::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  TF_ASSIGN_OR_RETURN(std::vector<MountEntry> mounts, ReadMounts());
  const std::string prefix = root_ + "/mnt/";
  std::vector<VolumeInfo> volumes;
  for (const MountEntry& m : mounts) {
    if (m.mount_point.rfind(prefix, 0) != 0) continue;
    const std::string id = m.mount_point.substr(prefix.size());
    if (!IsValidProvisionId(id)) continue;
    VolumeInfo info{id, ImagePath(id), m.source, m.mount_point, 0};
    std::error_code ec;
    const uint64_t size = fs::file_size(info.image_path, ec);
    if (!ec) info.size_bytes = size;
    bool seen = false;
    for (VolumeInfo& v : volumes) {
      if (v.id == id) {
        v = info;  // stacked mounts: keep the top one
        seen = true;
      }
    }
    if (!seen) volumes.push_back(std::move(info));
  }
  return volumes;
}

}  // namespace tfchain::agent
