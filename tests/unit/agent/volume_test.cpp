#include "farmer-agent/provision/volume.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "farmer-agent/process.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;
constexpr uint64_t kMiB = 1ull << 20;

// Why volumes cannot be tested here, or "" when they can.
std::string MissingCapability() {
  if (::geteuid() != 0) return "needs root (losetup/mount)";
  for (const char* tool : {"losetup", "mkfs.ext4", "mount", "umount"}) {
    auto r = RunProcess({"sh", "-c", std::string("command -v ") + tool});
    if (!r.ok() || r->exit_code != 0) return std::string("missing tool ") + tool;
  }
  if (!fs::exists("/dev/loop-control")) return "no /dev/loop-control";
  return "";
}

// A fresh root dir (unique per test run: pid + mkdtemp) that is torn down at the end,
// even when the test fails: every mount under it is unmounted, every loop device on its
// images detached, then the directory is deleted.
class VolumeRoot {
 public:
  VolumeRoot() {
    std::string tmpl = "/tmp/tft" + std::to_string(::getpid()) + "-vol-XXXXXX";
    char* made = ::mkdtemp(tmpl.data());
    if (made != nullptr) path_ = made;
  }
  ~VolumeRoot() {
    if (path_.empty()) return;
    std::error_code ec;
    if (fs::exists(path_ + "/mnt", ec)) {
      for (const auto& entry : fs::directory_iterator(path_ + "/mnt", ec)) {
        for (int i = 0; i < 4; ++i) {
          auto r = RunProcess({"umount", entry.path().string()});
          if (!r.ok() || r->exit_code != 0) break;
        }
      }
    }
    if (fs::exists(path_ + "/images", ec)) {
      for (const auto& entry : fs::directory_iterator(path_ + "/images", ec)) {
        auto r = RunProcess({"losetup", "-j", entry.path().string()});
        if (!r.ok()) continue;
        std::istringstream lines(r->out);
        std::string line;
        while (std::getline(lines, line)) {
          const size_t colon = line.find(':');
          if (colon != std::string::npos) (void)RunProcess({"losetup", "-d", line.substr(0, colon)});
        }
      }
    }
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool IsMountPoint(const std::string& path) {
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string a, b, c, d, mount_point;
    fields >> a >> b >> c >> d >> mount_point;
    if (mount_point == path) return true;
  }
  return false;
}

bool LoopDeviceAttached(const std::string& device, const std::string& image) {
  auto r = RunProcess({"losetup", "-j", image});
  if (r.ok() && r->out.find(device + ":") != std::string::npos) return true;
  auto all = RunProcess({"losetup", "-a"});
  return all.ok() && all->out.find(image) != std::string::npos;
}

// Writes `bytes` zero bytes to `path`; returns 0 or the errno of the first failure
// (write or fsync).
int WriteBytes(const std::string& path, uint64_t bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return errno;
  std::vector<char> chunk(256 * 1024, 'v');
  uint64_t left = bytes;
  int error = 0;
  while (left > 0 && error == 0) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(left, chunk.size()));
    const ssize_t w = ::write(fd, chunk.data(), n);
    if (w < 0) {
      error = errno;
    } else {
      left -= static_cast<uint64_t>(w);
    }
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  ::close(fd);
  return error;
}

class VolumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = MissingCapability();
    if (!missing.empty()) GTEST_SKIP() << "volume tests skipped: " << missing;
    ASSERT_FALSE(root_.path().empty());
  }
  VolumeRoot root_;
};

TEST_F(VolumeTest, CreateMountsASizeCappedVolumeAndRemoveCleansUp) {
  VolumeProvisioner volumes(root_.path() + "/vols");
  auto created = volumes.Create({"data-1", 16 * kMiB});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const VolumeInfo info = *created;
  EXPECT_EQ(info.id, "data-1");
  EXPECT_EQ(info.size_bytes, 16 * kMiB);
  EXPECT_EQ(fs::file_size(info.image_path), 16 * kMiB);
  EXPECT_EQ(info.loop_device.rfind("/dev/loop", 0), 0u) << info.loop_device;
  EXPECT_TRUE(IsMountPoint(info.mount_point)) << info.mount_point;
  EXPECT_TRUE(LoopDeviceAttached(info.loop_device, info.image_path));

  // 15 MiB fits; going past 16 MiB in total runs out of space.
  EXPECT_EQ(WriteBytes(info.mount_point + "/fits", 15 * kMiB), 0);
  EXPECT_EQ(WriteBytes(info.mount_point + "/overflow", 2 * kMiB), ENOSPC);

  auto listed = volumes.List();
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, "data-1");
  EXPECT_EQ((*listed)[0].loop_device, info.loop_device);
  EXPECT_EQ((*listed)[0].mount_point, info.mount_point);
  EXPECT_EQ((*listed)[0].size_bytes, 16 * kMiB);

  ASSERT_TRUE(volumes.Remove("data-1").ok());
  EXPECT_FALSE(IsMountPoint(info.mount_point));
  EXPECT_FALSE(fs::exists(info.mount_point));
  EXPECT_FALSE(fs::exists(info.image_path));
  EXPECT_FALSE(LoopDeviceAttached(info.loop_device, info.image_path));
  auto after = volumes.List();
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
  // Removing what is absent is Ok.
  EXPECT_TRUE(volumes.Remove("data-1").ok());
}

TEST_F(VolumeTest, CreateIsIdempotentAndKeepsData) {
  VolumeProvisioner volumes(root_.path());
  auto first = volumes.Create({"v", 4 * kMiB});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  { std::ofstream(first->mount_point + "/keep") << "kept"; }
  auto again = volumes.Create({"v", 4 * kMiB});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->loop_device, first->loop_device);
  EXPECT_EQ(again->mount_point, first->mount_point);

  // Same id, another size: refused, the volume is untouched.
  auto conflict = volumes.Create({"v", 8 * kMiB});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().reason(), "volume-conflict");
  EXPECT_TRUE(IsMountPoint(first->mount_point));

  // After losing its mount and loop device (a restart), Create re-mounts the same data.
  ASSERT_TRUE(RunChecked({"umount", first->mount_point}, "test").ok());
  ASSERT_TRUE(RunChecked({"losetup", "-d", first->loop_device}, "test").ok());
  auto remounted = volumes.Create({"v", 4 * kMiB});
  ASSERT_TRUE(remounted.ok()) << remounted.status().ToString();
  EXPECT_TRUE(IsMountPoint(remounted->mount_point));
  std::string content;
  std::ifstream(remounted->mount_point + "/keep") >> content;
  EXPECT_EQ(content, "kept");
  EXPECT_TRUE(volumes.Remove("v").ok());
}

TEST_F(VolumeTest, BadIdAndTooSmallSizeAreRefusedAndMakeNothing) {
  VolumeProvisioner volumes(root_.path());
  for (const std::string& bad : std::vector<std::string>{"", "Data", "a_b", "a/b", "..", std::string(49, 'a')}) {
    auto r = volumes.Create({bad, 16 * kMiB});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "bad-volume-id") << bad;
    EXPECT_EQ(volumes.Remove(bad).reason(), "bad-volume-id") << bad;
  }
  auto small = volumes.Create({"small", kMiB - 1});
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().reason(), "bad-volume-size");
  EXPECT_FALSE(fs::exists(volumes.ImagePath("small")));
  EXPECT_FALSE(fs::exists(volumes.MountPoint("small")));
  auto listed = volumes.List();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  // The smallest allowed size works.
  auto min = volumes.Create({"min", kMiB});
  ASSERT_TRUE(min.ok()) << min.status().ToString();
  EXPECT_TRUE(volumes.Remove("min").ok());
}

TEST_F(VolumeTest, FailedCreateLeavesNothingBehind) {
  // "images" is a file, so no image can be made there.
  { std::ofstream(root_.path() + "/images") << "not a directory"; }
  VolumeProvisioner volumes(root_.path());
  auto r = volumes.Create({"x", 2 * kMiB});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "volume-image-failed");
  EXPECT_FALSE(fs::exists(volumes.MountPoint("x")));
  auto all = RunProcess({"losetup", "-a"});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->out.find(root_.path()), std::string::npos);
}

TEST_F(VolumeTest, RemoveOfBusyVolumeFailsAndKeepsIt) {
  VolumeProvisioner volumes(root_.path());
  auto created = volumes.Create({"busy", 2 * kMiB});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  {
    const int fd = ::open((created->mount_point + "/open").c_str(), O_WRONLY | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    Status s = volumes.Remove("busy");
    ::close(fd);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.reason(), "volume-umount-failed");
    EXPECT_TRUE(fs::exists(created->image_path));
  }
  EXPECT_TRUE(volumes.Remove("busy").ok());
  EXPECT_FALSE(fs::exists(created->image_path));
}

}  // namespace
}  // namespace tfchain::agent
