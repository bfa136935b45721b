#include "farmer-agent/provision/container.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "farmer-agent/provision/oci_spec.h"
#include "farmer-agent/provision/tarball.h"

namespace tfchain::agent {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxIdLength = 48;
// The kernel refuses a CFS quota below 1 ms; with a 100 ms period that is 10 millicores.
constexpr uint32_t kMinCpuMillis = 10;
constexpr std::chrono::seconds kRuncTimeout{30};

Status BadSpec(std::string detail) {
  return Status::InvalidArgument("bad-container-spec", std::move(detail));
}

Status ValidateSpec(const ContainerSpec& spec) {
  TF_RETURN_IF_ERROR(ValidateContainerId(spec.id));
  if (spec.entrypoint.empty() || spec.entrypoint[0].empty()) return BadSpec("empty entrypoint");
  if (spec.cpu_millis < kMinCpuMillis) {
    return BadSpec("cpu_millis must be >= " + std::to_string(kMinCpuMillis));
  }
  for (const std::string& e : spec.env) {
    if (e.find('=') == std::string::npos || e.front() == '=') {
      return BadSpec("env entry is not K=V: " + e);
    }
  }
  for (const ContainerMount& m : spec.mounts) {
    if (!fs::path(m.source).is_absolute() || !fs::path(m.destination).is_absolute()) {
      return BadSpec("mount paths must be absolute: " + m.source + " -> " + m.destination);
    }
    std::error_code ec;
    if (!fs::is_directory(m.source, ec)) return BadSpec("mount source is not a directory: " + m.source);
  }
  if (!spec.netns_path.empty()) {
    std::error_code ec;
    if (!fs::exists(spec.netns_path, ec)) return BadSpec("no network namespace " + spec.netns_path);
  }
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("file-not-found", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError("bundle-io-failed", "reading " + path);
  return text.str();
}

Status WriteFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return Status::IoError("bundle-io-failed", "writing " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError("bundle-io-failed", "renaming " + tmp + ": " + ec.message());
  return Status::Ok();
}

Status RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return Status::IoError("bundle-io-failed", "removing " + path + ": " + ec.message());
  return Status::Ok();
}

Status NotRunning(std::string_view id) {
  return Status::NotFound("container-not-found", "container " + std::string(id) + " does not run");
}

// Parses a whole decimal integer (optionally negative), or nothing.
std::optional<int64_t> ParseInt(std::string_view word) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
  if (ec != std::errc() || end != word.data() + word.size() || word.empty()) return std::nullopt;
  return v;
}

// Reads the first number of a cgroup file; "max" (cgroup v2) maps to `max_value`.
Result<int64_t> ReadCgroupNumber(const std::string& path, int64_t max_value) {
  auto text = ReadFile(path);
  if (!text.ok()) return Status::IoError("cgroup-read-failed", path);
  std::string word;
  std::istringstream(*text) >> word;
  if (word == "max") return max_value;
  std::optional<int64_t> v = ParseInt(word);
  if (!v) return Status::IoError("cgroup-read-failed", path + ": not a number: " + word);
  return *v;
}

// The state letter and start time (clock ticks after boot) of process `pid` from
// /proc/<pid>/stat, or nullopt when there is no such process. The comm field may hold
// spaces and parentheses, so fields are counted after its last ')'.
std::optional<std::pair<char, uint64_t>> ProcessStat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  char state = 0;
  for (int i = 3; fields >> field; ++i) {  // field 3 is the state, 22 the start time
    if (i == 3) state = field.empty() ? 0 : field[0];
    if (i == 22) {
      std::optional<int64_t> ticks = ParseInt(field);
      if (!ticks || *ticks < 0) return std::nullopt;
      return std::make_pair(state, static_cast<uint64_t>(*ticks));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view ContainerStateName(ContainerState state) {
  switch (state) {
    case ContainerState::kRunning: return "running";
    case ContainerState::kPaused: return "paused";
    case ContainerState::kStopped: return "stopped";
    case ContainerState::kAbsent: return "absent";
  }
  return "absent";
}

Status ValidateContainerId(std::string_view id) {
  bool ok = !id.empty() && id.size() <= kMaxIdLength &&
            std::all_of(id.begin(), id.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            });
  if (!ok) {
    return Status::InvalidArgument("bad-container-id",
                                   "expected 1..48 chars of [a-z0-9-], got '" + std::string(id) + "'");
  }
  return Status::Ok();
}

ContainerProvisioner::ContainerProvisioner(std::string root_dir, std::string runc)
    : root_dir_(std::move(root_dir)), state_dir_(root_dir_ + "/.runc"), runc_(std::move(runc)) {}

std::string ContainerProvisioner::BundleDir(std::string_view id) const {
  return root_dir_ + "/" + std::string(id);
}

std::vector<std::string> ContainerProvisioner::Runc(
    std::initializer_list<std::string_view> args) const {
  std::vector<std::string> argv = {runc_, "--root", state_dir_};
  for (std::string_view a : args) argv.emplace_back(a);
  return argv;
}

Status ContainerProvisioner::Create(const ContainerSpec& spec) {
  TF_RETURN_IF_ERROR(ValidateSpec(spec));
  const std::string bundle = BundleDir(spec.id);
  const std::string config_path = bundle + "/config.json";
  const std::string config = BuildOciConfig(spec);

  std::error_code ec;
  if (fs::exists(bundle, ec)) {
    auto existing = ReadFile(config_path);
    if (existing.ok()) {
      if (*existing != config) {
        return Status::InvalidArgument("container-spec-mismatch",
                                       "container " + spec.id + " exists with another spec");
      }
      TF_ASSIGN_OR_RETURN(ContainerState state, State(spec.id));
      if (state == ContainerState::kRunning || state == ContainerState::kPaused) {
        return Status::Ok();
      }
      // Stopped (its init exited, or the host rebooted): start it again from its bundle.
      DeleteRuncState(spec.id);
      return Start(spec.id);
    }
    // A bundle without config.json is the remains of an interrupted Create: redo it.
    DeleteRuncState(spec.id);
    TF_RETURN_IF_ERROR(RemoveTree(bundle));
  }

  // Check a local image before anything is created; a URL is checked as it downloads.
  const bool download = IsImageUrl(spec.image);
  if (!download) TF_RETURN_IF_ERROR(VerifyImage(spec.image, spec.image_hash));

  fs::create_directories(bundle + "/rootfs", ec);
  if (ec) {
    (void)RemoveTree(bundle);
    return Status::IoError("bundle-io-failed", "creating " + bundle + ": " + ec.message());
  }
  const std::string local_image = download ? bundle + "/image.download" : spec.image;
  Status s = download ? FetchImage(spec.image, spec.image_hash, local_image) : Status::Ok();
  if (s.ok()) s = UnpackTarball(local_image, bundle + "/rootfs");
  if (s.ok() && download && !fs::remove(local_image, ec)) {
    s = Status::IoError("bundle-io-failed", "removing " + local_image + ": " + ec.message());
  }
  // config.json is written last: its presence marks a complete bundle.
  if (s.ok()) s = WriteFileAtomically(config_path, config);
  if (s.ok()) s = Start(spec.id);
  if (!s.ok()) {
    (void)RemoveTree(bundle);
    return s;
  }
  return Status::Ok();
}

Status ContainerProvisioner::Start(std::string_view id) {
  Forget(id);
  std::error_code ec;
  fs::create_directories(state_dir_, ec);
  if (ec) return Status::IoError("bundle-io-failed", "creating " + state_dir_ + ": " + ec.message());
  const std::string bundle = BundleDir(id);
  // The container inherits runc's stdout/stderr: a file, never a pipe nobody reads later.
  const std::string log = bundle + "/" + std::string(kContainerLogName);
  auto r = RunProcessToFile(Runc({"run", "-d", "--bundle", bundle, id}), log, kRuncTimeout);
  if (!r.ok() || r->exit_code != 0) {
    DeleteRuncState(id);
    if (!r.ok()) return r.status().WithContext("starting container " + std::string(id));
    auto log_text = ReadFile(log);
    std::string tail = log_text.ok() ? *log_text : std::string();
    if (tail.size() > 512) tail = tail.substr(tail.size() - 512);
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
    return Status::IoError("runc-failed", "starting container " + std::string(id) + ": runc exited " +
                                              std::to_string(r->exit_code) + ": " + tail);
  }
  return Status::Ok();
}

void ContainerProvisioner::DeleteRuncState(std::string_view id) {
  Forget(id);
  // Both fail harmlessly when there is no such container.
  (void)RunProcess(Runc({"kill", id, "KILL"}), {}, kRuncTimeout);
  (void)RunProcess(Runc({"delete", "--force", id}), {}, kRuncTimeout);
}

Status ContainerProvisioner::Pause(std::string_view id) {
  TF_RETURN_IF_ERROR(ValidateContainerId(id));
  TF_ASSIGN_OR_RETURN(ContainerState state, State(id));
  if (state == ContainerState::kPaused) return Status::Ok();
  if (state != ContainerState::kRunning) return NotRunning(id);
  Forget(id);
  return RunChecked(Runc({"pause", id}), "runc-failed", kRuncTimeout);
}

Status ContainerProvisioner::Resume(std::string_view id) {
  TF_RETURN_IF_ERROR(ValidateContainerId(id));
  TF_ASSIGN_OR_RETURN(ContainerState state, State(id));
  if (state == ContainerState::kRunning) return Status::Ok();
  if (state != ContainerState::kPaused) return NotRunning(id);
  Forget(id);
  return RunChecked(Runc({"resume", id}), "runc-failed", kRuncTimeout);
}

Status ContainerProvisioner::Remove(std::string_view id) {
  TF_RETURN_IF_ERROR(ValidateContainerId(id));
  DeleteRuncState(id);
  TF_ASSIGN_OR_RETURN(ProcessResult still, RunProcess(Runc({"state", id}), {}, kRuncTimeout));
  if (still.exit_code == 0) {
    return Status::IoError("runc-failed", "container " + std::string(id) + " survived delete: " +
                                              still.err);
  }
  return RemoveTree(BundleDir(id));
}

void ContainerProvisioner::Forget(std::string_view id) const {
  std::lock_guard<std::mutex> lock(observed_mu_);
  auto it = observed_.find(id);
  if (it != observed_.end()) observed_.erase(it);
}

Result<ContainerState> ContainerProvisioner::State(std::string_view id) const {
  TF_RETURN_IF_ERROR(ValidateContainerId(id));
  {
    std::lock_guard<std::mutex> lock(observed_mu_);
    auto it = observed_.find(id);
    if (it != observed_.end()) {
      auto stat = ProcessStat(it->second.pid);
      if (stat && stat->first != 'Z' && stat->first != 'X' && stat->second == it->second.start_ticks) {
        return it->second.state;
      }
      observed_.erase(it);  // its init is gone: ask runc
    }
  }
  TF_ASSIGN_OR_RETURN(ProcessResult r, RunProcess(Runc({"state", id}), {}, kRuncTimeout));
  if (r.exit_code == 0) {
    auto doc = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("status") || !doc["status"].is_string()) {
      return Status::IoError("runc-failed", "unexpected `runc state` output: " + r.out);
    }
    const std::string status = doc["status"].get<std::string>();
    ContainerState state = ContainerState::kStopped;  // "created", "stopped"
    if (status == "running") state = ContainerState::kRunning;
    if (status == "paused" || status == "pausing") state = ContainerState::kPaused;
    // Remembered only when settled ("pausing" is on its way to "paused").
    const int pid = doc.contains("pid") && doc["pid"].is_number_integer() ? doc["pid"].get<int>() : 0;
    if ((status == "running" || status == "paused") && pid > 0) {
      if (auto stat = ProcessStat(pid)) {
        std::lock_guard<std::mutex> lock(observed_mu_);
        observed_[std::string(id)] = Observed{pid, stat->second, state};
      }
    }
    return state;
  }
  std::error_code ec;
  return fs::exists(BundleDir(id), ec) ? ContainerState::kStopped : ContainerState::kAbsent;
}

Result<std::vector<std::string>> ContainerProvisioner::List() const {
  std::vector<std::string> ids;
  std::error_code ec;
  if (!fs::exists(root_dir_, ec)) return ids;
  for (fs::directory_iterator it(root_dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory() && ValidateContainerId(name).ok()) ids.push_back(std::move(name));
  }
  if (ec) return Status::IoError("bundle-io-failed", "listing " + root_dir_ + ": " + ec.message());
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<int> ContainerProvisioner::InitPid(std::string_view id) const {
  TF_ASSIGN_OR_RETURN(ContainerState state, State(id));
  if (state != ContainerState::kRunning && state != ContainerState::kPaused) return NotRunning(id);
  {
    std::lock_guard<std::mutex> lock(observed_mu_);
    auto it = observed_.find(id);
    if (it != observed_.end()) return it->second.pid;  // State() just validated it
  }
  TF_ASSIGN_OR_RETURN(ProcessResult r, RunProcess(Runc({"state", id}), {}, kRuncTimeout));
  auto doc = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  if (r.exit_code != 0 || !doc.is_object() || !doc.contains("pid") ||
      !doc["pid"].is_number_integer() || doc["pid"].get<int>() <= 0) {
    return NotRunning(id);
  }
  return doc["pid"].get<int>();
}

Result<std::string> ContainerProvisioner::CgroupDir(int pid, std::string_view controller) const {
  const std::string proc = "/proc/" + std::to_string(pid) + "/cgroup";
  auto text = ReadFile(proc);
  if (!text.ok()) return Status::IoError("cgroup-read-failed", proc);
  // Lines are "<hierarchy id>:<controller,controller>:<path>"; cgroup v2 is "0::<path>".
  std::istringstream lines(*text);
  std::string line;
  std::string unified;
  while (std::getline(lines, line)) {
    size_t a = line.find(':');
    size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    std::string controllers = line.substr(a + 1, b - a - 1);
    std::string path = line.substr(b + 1);
    if (controllers.empty()) {
      unified = path;
      continue;
    }
    std::istringstream names(controllers);
    std::string name;
    while (std::getline(names, name, ',')) {
      if (name == controller) return "/sys/fs/cgroup/" + controllers + path;
    }
  }
  if (!unified.empty()) return "/sys/fs/cgroup" + unified;
  return Status::IoError("cgroup-read-failed", "no " + std::string(controller) + " cgroup in " + proc);
}

Result<uint64_t> ContainerProvisioner::MemoryLimit(std::string_view id) const {
  TF_ASSIGN_OR_RETURN(int pid, InitPid(id));
  TF_ASSIGN_OR_RETURN(std::string dir, CgroupDir(pid, "memory"));
  std::error_code ec;
  bool v1 = fs::exists(dir + "/memory.limit_in_bytes", ec);
  TF_ASSIGN_OR_RETURN(int64_t limit,
                      ReadCgroupNumber(dir + (v1 ? "/memory.limit_in_bytes" : "/memory.max"), -1));
  return limit < 0 ? UINT64_MAX : static_cast<uint64_t>(limit);
}

Result<std::pair<int64_t, uint64_t>> ContainerProvisioner::CpuQuota(std::string_view id) const {
  TF_ASSIGN_OR_RETURN(int pid, InitPid(id));
  TF_ASSIGN_OR_RETURN(std::string dir, CgroupDir(pid, "cpu"));
  std::error_code ec;
  if (fs::exists(dir + "/cpu.cfs_quota_us", ec)) {
    TF_ASSIGN_OR_RETURN(int64_t quota, ReadCgroupNumber(dir + "/cpu.cfs_quota_us", -1));
    TF_ASSIGN_OR_RETURN(int64_t period, ReadCgroupNumber(dir + "/cpu.cfs_period_us", -1));
    return std::make_pair(quota, static_cast<uint64_t>(period));
  }
  // cgroup v2: cpu.max is "<quota|max> <period>".
  auto text = ReadFile(dir + "/cpu.max");
  if (!text.ok()) return Status::IoError("cgroup-read-failed", dir + "/cpu.max");
  std::istringstream in(*text);
  std::string quota;
  uint64_t period = 0;
  in >> quota >> period;
  if (!in) return Status::IoError("cgroup-read-failed", dir + "/cpu.max: " + *text);
  if (quota == "max") return std::make_pair(int64_t{-1}, period);
  std::optional<int64_t> q = ParseInt(quota);
  if (!q) return Status::IoError("cgroup-read-failed", dir + "/cpu.max: " + *text);
  return std::make_pair(*q, period);
}

Result<std::optional<uint64_t>> InterfaceBytesFromNetDev(std::string_view net_dev, std::string_view iface) {
  // After two header lines: "<iface>: <8 receive counters> <8 transmit counters>", the
  // first of each group being bytes.
  std::istringstream lines{std::string(net_dev)};
  std::string line;
  while (std::getline(lines, line)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    name.erase(0, name.find_first_not_of(' '));
    if (name != iface) continue;
    std::istringstream fields(line.substr(colon + 1));
    std::vector<std::string> words;
    std::string word;
    while (fields >> word) words.push_back(word);
    std::optional<int64_t> rx = words.size() >= 16 ? ParseInt(words[0]) : std::nullopt;
    std::optional<int64_t> tx = words.size() >= 16 ? ParseInt(words[8]) : std::nullopt;
    if (!rx || !tx || *rx < 0 || *tx < 0) {
      return Status::IoError("cgroup-read-failed", "bad net/dev line: " + line);
    }
    return std::optional<uint64_t>(static_cast<uint64_t>(*rx) + static_cast<uint64_t>(*tx));
  }
  return std::optional<uint64_t>();
}

Result<ContainerStats> ContainerProvisioner::Stats(std::string_view id) const {
  TF_ASSIGN_OR_RETURN(int pid, InitPid(id));
  ContainerStats stats;
  std::error_code ec;
  TF_ASSIGN_OR_RETURN(std::string mem_dir, CgroupDir(pid, "memory"));
  bool v1 = fs::exists(mem_dir + "/memory.usage_in_bytes", ec);
  TF_ASSIGN_OR_RETURN(int64_t memory,
                      ReadCgroupNumber(mem_dir + (v1 ? "/memory.usage_in_bytes" : "/memory.current"), 0));
  stats.memory_bytes = memory < 0 ? 0 : static_cast<uint64_t>(memory);
  TF_ASSIGN_OR_RETURN(std::string cpu_dir, CgroupDir(pid, "cpuacct"));
  if (fs::exists(cpu_dir + "/cpuacct.usage", ec)) {
    TF_ASSIGN_OR_RETURN(int64_t ns, ReadCgroupNumber(cpu_dir + "/cpuacct.usage", 0));
    stats.cpu_ns = ns < 0 ? 0 : static_cast<uint64_t>(ns);
  } else {  // cgroup v2: cpu.stat has a "usage_usec N" line.
    auto text = ReadFile(cpu_dir + "/cpu.stat");
    if (!text.ok()) return Status::IoError("cgroup-read-failed", cpu_dir + "/cpu.stat");
    std::istringstream in(*text);
    std::string key;
    std::string value;
    bool found = false;
    while (in >> key >> value) {
      if (key != "usage_usec") continue;
      std::optional<int64_t> us = ParseInt(value);
      if (!us || *us < 0) return Status::IoError("cgroup-read-failed", cpu_dir + "/cpu.stat: " + value);
      stats.cpu_ns = static_cast<uint64_t>(*us) * 1000;
      found = true;
    }
    if (!found) return Status::IoError("cgroup-read-failed", cpu_dir + "/cpu.stat: no usage_usec");
  }
  const std::string net_dev = "/proc/" + std::to_string(pid) + "/net/dev";
  auto text = ReadFile(net_dev);
  if (!text.ok()) return Status::IoError("cgroup-read-failed", net_dev);
  TF_ASSIGN_OR_RETURN(stats.public_bytes, InterfaceBytesFromNetDev(*text, kPublicInterface));
  return stats;
}

Status ContainerProvisioner::TrimLog(std::string_view id, uint64_t max_bytes) const {
  TF_RETURN_IF_ERROR(ValidateContainerId(id));
  const std::string log = BundleDir(id) + "/" + std::string(kContainerLogName);
  std::error_code ec;
  const uintmax_t size = fs::file_size(log, ec);
  if (ec || size <= max_bytes) return Status::Ok();  // no log (yet), or small
  const std::string old = log + ".1";
  fs::copy_file(log, old, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::resize_file(log, 0, ec);
  if (ec) return Status::IoError("bundle-io-failed", "rotating " + log + ": " + ec.message());
  return Status::Ok();
}

Result<ProcessResult> ContainerProvisioner::Exec(std::string_view id,
                                                 const std::vector<std::string>& argv,
                                                 std::chrono::milliseconds timeout) {
  TF_ASSIGN_OR_RETURN(ContainerState state, State(id));
  if (state == ContainerState::kPaused) {
    return Status::Unavailable("container-paused", "container " + std::string(id) + " is paused");
  }
  if (state != ContainerState::kRunning) return NotRunning(id);
  if (argv.empty()) return BadSpec("empty exec argv");
  std::vector<std::string> full = Runc({"exec", id});
  full.insert(full.end(), argv.begin(), argv.end());
  return RunProcess(full, {}, timeout);
}

}  // namespace tfchain::agent
