// ContainerProvisioner against the real runc, as root: a busybox rootfs built in the test,
// cgroup limits read back from the kernel. Every name carries "tft<pid>" and is removed by
// the fixture even when a test fails.
#include "farmer-agent/provision/container.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "chain/hash.h"
#include "farmer-agent/process.h"
#include "farmer-agent/provision/tarball.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMiB = 1ull << 20;

// Why this machine cannot run the tests, or empty when it can.
std::string MissingCapability() {
  if (geteuid() != 0) return "needs root (runc, cgroups)";
  if (!fs::exists("/usr/bin/busybox")) return "needs /usr/bin/busybox (busybox-static)";
  auto runc = RunProcess({"runc", "--version"});
  if (!runc.ok() || runc->exit_code != 0) return "needs runc in PATH";
  auto tar = RunProcess({"tar", "--version"});
  if (!tar.ok() || tar->exit_code != 0) return "needs tar in PATH";
  return "";
}

class ContainerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string missing = MissingCapability();
    if (!missing.empty()) GTEST_SKIP() << "container tests skipped: " << missing;
    prefix_ = "tft" + std::to_string(getpid());
    char tmpl[] = "/tmp/tft-ct-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    BuildImage();
    provisioner_ = std::make_unique<ContainerProvisioner>(dir_ + "/containers");
  }

  // RAII cleanup: runs whether the test passed or not.
  void TearDown() override {
    if (dir_.empty()) return;
    if (provisioner_) {
      auto ids = provisioner_->List();
      if (ids.ok()) {
        for (const std::string& id : *ids) (void)provisioner_->Remove(id);
      }
      for (const std::string& id : created_) (void)provisioner_->Remove(id);
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // A busybox root file system tarball: bin/busybox and applet symlinks.
  void BuildImage() {
    const std::string img = dir_ + "/img";
    fs::create_directories(img + "/bin");
    fs::create_directories(img + "/tmp");
    fs::copy_file("/usr/bin/busybox", img + "/bin/busybox");
    for (const char* applet : {"sh", "sleep", "cat", "echo", "ping", "dd", "head", "true", "ls"}) {
      fs::create_symlink("busybox", img + "/bin/" + applet);
    }
    image_ = dir_ + "/busybox.tar";
    ASSERT_TRUE(RunChecked({"tar", "-cf", image_, "-C", img, "."}, "tar-failed").ok());
    std::ifstream in(image_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    image_hash_ = chain::Blake2b256(chain::AsBytes(bytes));
  }

  ContainerSpec Spec(std::string_view suffix) {
    ContainerSpec spec;
    spec.id = prefix_ + "-" + std::string(suffix);
    spec.image = image_;
    spec.image_hash = image_hash_;
    spec.cpu_millis = 500;
    spec.memory_bytes = 64 * kMiB;
    spec.entrypoint = {"/bin/sleep", "1000"};
    spec.env = {"GREETING=hello"};
    created_.push_back(spec.id);
    return spec;
  }

  std::string Bundle(std::string_view id) const { return dir_ + "/containers/" + std::string(id); }

  // True when runc (with our state root) still knows the container.
  bool RuncKnows(std::string_view id) const {
    auto r = RunProcess({"runc", "--root", dir_ + "/containers/.runc", "state", std::string(id)});
    return r.ok() && r->exit_code == 0;
  }

  ContainerState StateOf(std::string_view id) const {
    auto s = provisioner_->State(id);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : ContainerState::kAbsent;
  }

  std::string prefix_;
  std::string dir_;
  std::string image_;
  chain::Hash256 image_hash_;
  std::vector<std::string> created_;
  std::unique_ptr<ContainerProvisioner> provisioner_;
};

TEST_F(ContainerTest, LifecycleWithKernelLimits) {
  ContainerSpec spec = Spec("life");
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);

  auto mem = provisioner_->MemoryLimit(spec.id);
  ASSERT_TRUE(mem.ok()) << mem.status().ToString();
  EXPECT_EQ(*mem, 64 * kMiB);
  // The limit is enforced (memory.swap = limit: no swap on top): a process in the
  // container that touches 100 MiB is OOM-killed, 16 MiB is fine.
  auto small = provisioner_->Exec(spec.id, {"/bin/dd", "if=/dev/zero", "of=/dev/null", "bs=16M", "count=1"});
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->exit_code, 0) << small->err;
  auto big = provisioner_->Exec(spec.id, {"/bin/dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1"});
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->exit_code, 128 + 9) << big->err;  // SIGKILL from the OOM killer
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);  // only the offender died

  auto cpu = provisioner_->CpuQuota(spec.id);
  ASSERT_TRUE(cpu.ok()) << cpu.status().ToString();
  EXPECT_EQ(cpu->first, 50000);
  EXPECT_EQ(cpu->second, 100000u);

  auto echo = provisioner_->Exec(spec.id, {"/bin/sh", "-c", "echo $GREETING; hostname"});
  ASSERT_TRUE(echo.ok()) << echo.status().ToString();
  EXPECT_EQ(echo->exit_code, 0) << echo->err;
  EXPECT_EQ(echo->out, "hello\n" + spec.id + "\n");

  ASSERT_TRUE(provisioner_->Pause(spec.id).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kPaused);
  EXPECT_TRUE(provisioner_->Pause(spec.id).ok());  // idempotent
  auto paused_exec = provisioner_->Exec(spec.id, {"/bin/true"});
  ASSERT_FALSE(paused_exec.ok());
  EXPECT_EQ(paused_exec.status().reason(), "container-paused");
  ASSERT_TRUE(provisioner_->Resume(spec.id).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);
  EXPECT_TRUE(provisioner_->Resume(spec.id).ok());  // idempotent

  auto ids = provisioner_->List();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{spec.id});

  ASSERT_TRUE(provisioner_->Remove(spec.id).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kAbsent);
  EXPECT_FALSE(fs::exists(Bundle(spec.id)));
  EXPECT_FALSE(RuncKnows(spec.id));
  EXPECT_TRUE(provisioner_->Remove(spec.id).ok());  // removing the absent is Ok
  EXPECT_TRUE(provisioner_->List()->empty());
  auto gone = provisioner_->MemoryLimit(spec.id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().reason(), "container-not-found");
  EXPECT_EQ(provisioner_->Pause(spec.id).reason(), "container-not-found");
}

TEST_F(ContainerTest, CreateIsIdempotentAndRefusesAnotherSpec) {
  ContainerSpec spec = Spec("idem");
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  auto pid_before = RunProcess({"runc", "--root", dir_ + "/containers/.runc", "state", spec.id});
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  auto pid_after = RunProcess({"runc", "--root", dir_ + "/containers/.runc", "state", spec.id});
  ASSERT_TRUE(pid_before.ok() && pid_after.ok());
  EXPECT_EQ(pid_before->out, pid_after->out);  // the same container, not a second one
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);

  ContainerSpec other = spec;
  other.memory_bytes = 32 * kMiB;
  Status s = provisioner_->Create(other);
  EXPECT_EQ(s.reason(), "container-spec-mismatch");
  EXPECT_EQ(*provisioner_->MemoryLimit(spec.id), 64 * kMiB);  // unchanged

  // Also idempotent while paused.
  ASSERT_TRUE(provisioner_->Pause(spec.id).ok());
  EXPECT_TRUE(provisioner_->Create(spec).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kPaused);
  // A paused container can be removed.
  ASSERT_TRUE(provisioner_->Remove(spec.id).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kAbsent);
  EXPECT_FALSE(RuncKnows(spec.id));
}

TEST_F(ContainerTest, StoppedContainerIsRestartedByCreate) {
  ContainerSpec spec = Spec("stop");
  spec.entrypoint = {"/bin/true"};
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  // Its init exits at once.
  ContainerState state = ContainerState::kRunning;
  for (int i = 0; i < 100 && state == ContainerState::kRunning; ++i) {
    state = StateOf(spec.id);
    if (state == ContainerState::kRunning) usleep(20000);
  }
  EXPECT_EQ(state, ContainerState::kStopped);
  EXPECT_TRUE(provisioner_->Create(spec).ok());  // started again from the bundle
  ASSERT_TRUE(provisioner_->Remove(spec.id).ok());
  EXPECT_FALSE(fs::exists(Bundle(spec.id)));
}

// Regression: the container inherits runc's stdout; if that were a pipe nobody reads after
// `runc run -d` returned, a chatty workload would block on it or die of SIGPIPE.
TEST_F(ContainerTest, OutputGoesToTheLogAndDoesNotStall) {
  ContainerSpec spec = Spec("chatty");
  spec.entrypoint = {"/bin/sh", "-c", "sleep 0.2; head -c 300000 /dev/zero; echo done; sleep 1000"};
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  const std::string log = Bundle(spec.id) + "/container.log";
  std::string text;
  for (int i = 0; i < 150 && text.find("done") == std::string::npos; ++i) {
    usleep(20000);
    std::ifstream in(log, std::ios::binary);
    text.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  EXPECT_NE(text.find("done"), std::string::npos);
  EXPECT_GE(text.size(), 300000u);
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);
}

TEST_F(ContainerTest, LogIsRotatedAndTheContainerGoesOnWritingAtItsStart) {
  ContainerSpec spec = Spec("rot");
  spec.entrypoint = {"/bin/sh", "-c", "head -c 300000 /dev/zero; echo done; while true; do echo tick; sleep 0.1; done"};
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  const std::string log = Bundle(spec.id) + "/container.log";
  for (int i = 0; i < 150 && (!fs::exists(log) || fs::file_size(log) < 300000); ++i) usleep(20000);
  ASSERT_GE(fs::file_size(log), 300000u);
  ASSERT_TRUE(provisioner_->TrimLog(spec.id, 1 << 20).ok());  // small enough: untouched
  EXPECT_FALSE(fs::exists(log + ".1"));
  ASSERT_TRUE(provisioner_->TrimLog(spec.id, 100000).ok());
  EXPECT_GE(fs::file_size(log + ".1"), 300000u);
  usleep(500000);
  // The container appends (O_APPEND), so it writes at the truncated file's end: small,
  // no hole of zeros where the old content was.
  std::ifstream in(log, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_LT(text.size(), 10000u);
  EXPECT_NE(text.find("tick"), std::string::npos);
  EXPECT_EQ(text.find('\0'), std::string::npos);
  EXPECT_EQ(provisioner_->TrimLog("Bad/Id", 1).reason(), "bad-container-id");
  EXPECT_TRUE(provisioner_->TrimLog(prefix_ + "-none", 1).ok());  // no such log
}

// The reconciler and the usage reporter ask for every container's state every few
// seconds: while its init lives, runc is not spawned again; once it dies, it is.
TEST_F(ContainerTest, StateIsRememberedWhileTheInitLives) {
  const std::string count = dir_ + "/runc-states";
  const std::string wrapper = dir_ + "/runc-counting";
  {
    std::ofstream w(wrapper);
    w << "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = state ] && echo x >> " << count << "; done\nexec runc \"$@\"\n";
  }
  fs::permissions(wrapper, fs::perms::owner_all);
  ContainerProvisioner counted(dir_ + "/containers", wrapper);
  auto states = [&] {
    std::ifstream in(count);
    return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
  };
  ContainerSpec spec = Spec("memo");
  ASSERT_TRUE(counted.Create(spec).ok());
  ASSERT_EQ(*counted.State(spec.id), ContainerState::kRunning);
  const int after_first = states();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(*counted.State(spec.id), ContainerState::kRunning);
  ASSERT_TRUE(counted.Stats(spec.id).ok());
  EXPECT_EQ(states(), after_first);
  ASSERT_TRUE(counted.Pause(spec.id).ok());  // forgets: the next answer comes from runc
  EXPECT_EQ(*counted.State(spec.id), ContainerState::kPaused);
  EXPECT_EQ(states(), after_first + 1);  // Pause checked from memory; the new state from runc
  ASSERT_TRUE(counted.Resume(spec.id).ok());
  EXPECT_EQ(*counted.State(spec.id), ContainerState::kRunning);
  // Killed behind the provisioner's back: the dead init is noticed.
  ASSERT_TRUE(RunChecked({"runc", "--root", dir_ + "/containers/.runc", "kill", spec.id, "KILL"}, "kill").ok());
  ContainerState state = ContainerState::kRunning;
  for (int i = 0; i < 100 && state == ContainerState::kRunning; ++i) {
    state = *counted.State(spec.id);
    if (state == ContainerState::kRunning) usleep(20000);
  }
  EXPECT_EQ(state, ContainerState::kStopped);
}

TEST_F(ContainerTest, WrongImageHashIsRefusedWithNothingCreated) {
  ContainerSpec spec = Spec("badhash");
  spec.image_hash.bytes[0] ^= 1;
  Status s = provisioner_->Create(spec);
  EXPECT_EQ(s.reason(), "image-hash-mismatch");
  EXPECT_EQ(StateOf(spec.id), ContainerState::kAbsent);
  EXPECT_FALSE(fs::exists(Bundle(spec.id)));
  EXPECT_FALSE(RuncKnows(spec.id));
  EXPECT_TRUE(provisioner_->List()->empty());

  ContainerSpec missing = Spec("noimage");
  missing.image = dir_ + "/no-such.tar";
  EXPECT_EQ(provisioner_->Create(missing).reason(), "image-not-found");
  EXPECT_FALSE(fs::exists(Bundle(missing.id)));

  ContainerSpec url = Spec("url");
  url.image = "http://";  // no host
  EXPECT_EQ(provisioner_->Create(url).reason(), "image-url-unsupported");
  EXPECT_FALSE(fs::exists(Bundle(url.id)));
}

TEST_F(ContainerTest, GzipImageIsUnpacked) {
  const std::string gz = dir_ + "/busybox.tar.gz";
  ASSERT_TRUE(RunChecked({"tar", "-czf", gz, "-C", dir_ + "/img", "."}, "tar-failed").ok());
  auto hash = HashFile(gz);
  ASSERT_TRUE(hash.ok());
  ContainerSpec spec = Spec("gzip");
  spec.image = gz;
  spec.image_hash = *hash;
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);
  EXPECT_TRUE(fs::exists(Bundle(spec.id) + "/rootfs/bin/busybox"));
}

// Serves the test image over HTTP on loopback: /busybox.tar, 404 otherwise.
class ImageServer {
 public:
  explicit ImageServer(std::string body) : body_(std::move(body)) {
    server_.Get("/busybox.tar", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(body_, "application/x-tar");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) usleep(2000);
  }
  ~ImageServer() {
    server_.stop();
    thread_.join();
  }
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  int port() const { return port_; }

 private:
  std::string body_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
};

TEST_F(ContainerTest, ImageFromHttpUrl) {
  std::ifstream in(image_, std::ios::binary);
  ImageServer server(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  ASSERT_GT(server.port(), 0);

  ContainerSpec spec = Spec("http");
  spec.image = server.Url("/busybox.tar");
  Status created = provisioner_->Create(spec);
  ASSERT_TRUE(created.ok()) << created.ToString();
  EXPECT_EQ(StateOf(spec.id), ContainerState::kRunning);
  EXPECT_FALSE(fs::exists(Bundle(spec.id) + "/image.download"));  // deleted once unpacked
  auto echo = provisioner_->Exec(spec.id, {"/bin/echo", "ok"});
  ASSERT_TRUE(echo.ok());
  EXPECT_EQ(echo->out, "ok\n");

  ContainerSpec bad_hash = Spec("httpbadhash");
  bad_hash.image = server.Url("/busybox.tar");
  bad_hash.image_hash.bytes[31] ^= 1;
  EXPECT_EQ(provisioner_->Create(bad_hash).reason(), "image-hash-mismatch");
  EXPECT_FALSE(fs::exists(Bundle(bad_hash.id)));

  ContainerSpec missing = Spec("http404");
  missing.image = server.Url("/missing.tar");
  Status not_found = provisioner_->Create(missing);
  EXPECT_EQ(not_found.reason(), "image-fetch-failed");
  EXPECT_NE(not_found.detail().find("404"), std::string::npos) << not_found.ToString();
  EXPECT_FALSE(fs::exists(Bundle(missing.id)));
  EXPECT_EQ(*provisioner_->List(), std::vector<std::string>{spec.id});
}

TEST_F(ContainerTest, BadIdsAndSpecsAreRefused) {
  for (std::string id : {std::string(), std::string("Upper"), std::string("../x"),
                         std::string("a_b"), std::string(49, 'a'), std::string("a/b")}) {
    ContainerSpec spec = Spec("x");
    spec.id = id;
    EXPECT_EQ(provisioner_->Create(spec).reason(), "bad-container-id") << id;
    EXPECT_EQ(provisioner_->State(id).status().reason(), "bad-container-id") << id;
    EXPECT_EQ(provisioner_->Remove(id).reason(), "bad-container-id") << id;
  }
  EXPECT_TRUE(ValidateContainerId(std::string(48, 'a')).ok());

  ContainerSpec no_entry = Spec("noentry");
  no_entry.entrypoint.clear();
  EXPECT_EQ(provisioner_->Create(no_entry).reason(), "bad-container-spec");
  ContainerSpec bad_env = Spec("badenv");
  bad_env.env = {"NOEQUALS"};
  EXPECT_EQ(provisioner_->Create(bad_env).reason(), "bad-container-spec");
  ContainerSpec tiny_cpu = Spec("tinycpu");
  tiny_cpu.cpu_millis = 5;
  EXPECT_EQ(provisioner_->Create(tiny_cpu).reason(), "bad-container-spec");
  ContainerSpec bad_mount = Spec("badmount");
  bad_mount.mounts = {{dir_ + "/absent", "/data"}};
  EXPECT_EQ(provisioner_->Create(bad_mount).reason(), "bad-container-spec");
  ContainerSpec bad_netns = Spec("badnetns");
  bad_netns.netns_path = "/var/run/netns/" + prefix_ + "-absent";
  EXPECT_EQ(provisioner_->Create(bad_netns).reason(), "bad-container-spec");
  EXPECT_TRUE(provisioner_->List()->empty());
}

TEST_F(ContainerTest, FailedStartLeavesNothing) {
  ContainerSpec spec = Spec("nostart");
  spec.entrypoint = {"/bin/no-such-program"};
  Status s = provisioner_->Create(spec);
  EXPECT_EQ(s.reason(), "runc-failed");
  EXPECT_FALSE(fs::exists(Bundle(spec.id)));
  EXPECT_FALSE(RuncKnows(spec.id));
  EXPECT_EQ(StateOf(spec.id), ContainerState::kAbsent);
}

TEST_F(ContainerTest, VolumeMountIsWritableFromInside) {
  const std::string vol = dir_ + "/vol";
  fs::create_directories(vol);
  ContainerSpec spec = Spec("vol");
  spec.mounts = {{vol, "/data"}};
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  auto w = provisioner_->Exec(spec.id, {"/bin/sh", "-c", "echo written > /data/f"});
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->exit_code, 0) << w->err;
  std::ifstream in(vol + "/f");
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "written");
  ASSERT_TRUE(provisioner_->Remove(spec.id).ok());
  EXPECT_TRUE(fs::exists(vol + "/f"));  // removing the container keeps the volume's data
}

TEST_F(ContainerTest, JoinsTheGivenNetworkNamespace) {
  const std::string netns = prefix_ + "-ns";
  ASSERT_TRUE(RunChecked({"ip", "netns", "add", netns}, "ip-failed").ok());
  struct NetnsGuard {
    std::string name;
    ~NetnsGuard() { (void)RunProcess({"ip", "netns", "del", name}); }
  } guard{netns};
  const std::string link = "tft" + std::to_string(getpid() % 100000) + "d";
  // A veth pair inside the namespace (it goes away with the namespace).
  Status added = RunChecked(
      {"ip", "-n", netns, "link", "add", link, "type", "veth", "peer", "name", link + "p"},
      "ip-failed");
  ASSERT_TRUE(added.ok()) << added.ToString();

  ContainerSpec spec = Spec("netns");
  spec.netns_path = "/var/run/netns/" + netns;
  ASSERT_TRUE(provisioner_->Create(spec).ok());
  auto r = provisioner_->Exec(spec.id, {"/bin/cat", "/proc/net/dev"});
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->out.find(link), std::string::npos) << r->out;

  // Without a path the container gets a fresh namespace with only lo.
  ContainerSpec fresh = Spec("freshns");
  ASSERT_TRUE(provisioner_->Create(fresh).ok());
  auto f = provisioner_->Exec(fresh.id, {"/bin/cat", "/proc/net/dev"});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->out.find(link), std::string::npos);
  EXPECT_NE(f->out.find("lo:"), std::string::npos);
  ASSERT_TRUE(provisioner_->Remove(spec.id).ok());
  ASSERT_TRUE(provisioner_->Remove(fresh.id).ok());
}

}  // namespace
}  // namespace tfchain::agent
