#include "tests/integration/node_process_util.h"

#include "tests/support/ports.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "chain/codec.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "node/config.h"

namespace tfchain::testing {
namespace fs = std::filesystem;

uint64_t NowMs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

uint64_t Amount(const nlohmann::json& j) {
  return j.is_string() ? std::stoull(j.get<std::string>()) : j.get<uint64_t>();
}

chain::SecretKey DevKey(const std::string& uri) {
  return std::move(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)).value();
}

std::string WriteDevGenesis(const std::string& dir, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json g = nlohmann::json::parse(node::kDevnetGenesisJson);
  g["genesis_time_ms"] = NowMs();
  edit(g);
  const std::string path = dir + "/genesis.json";
  std::ofstream(path) << g.dump(2);
  return path;
}

std::string BinPath(const std::string& name) { return std::string(TFCHAIN_BIN_DIR) + "/" + name; }

TempDir::TempDir(const std::string& tag) {
  std::string pattern = (fs::temp_directory_path() / ("tfchain-it-" + tag + "-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {
int WaitExit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1000;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1000;
}
}  // namespace

pid_t SpawnLogged(std::vector<std::string> args, const std::string& log_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int SignalAndReap(pid_t pid, int signal) {
  if (pid <= 0) return -1000;
  kill(pid, signal);
  return WaitExit(pid);
}

namespace {
std::vector<std::string> DevArgs(const std::string& data_dir, int block_time_ms, std::vector<std::string> extra) {
  std::vector<std::string> args = {"--dev",      "--rpc-port", "0", "--data-dir", data_dir, "--block-time-ms",
                                   std::to_string(block_time_ms)};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}
std::vector<std::string> StartArgs(const std::string& data_dir, std::vector<std::string> extra) {
  std::vector<std::string> args = {"start", "--data-dir", data_dir, "--rpc-port", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}
}  // namespace

DevNode::DevNode(const std::string& data_dir, int block_time_ms, std::vector<std::string> extra)
    : NodeProcess(DevArgs(data_dir, block_time_ms, std::move(extra)), data_dir) {}

StartedNode::StartedNode(const std::string& data_dir, std::vector<std::string> extra)
    : NodeProcess(StartArgs(data_dir, std::move(extra)), data_dir) {}

uint16_t FreePortRange(int count) {
  static uint32_t calls = 0;
  const uint16_t base = FreeLoopbackPortRange(count, static_cast<uint32_t>(getpid()) * 7919u + calls++);
  if (base == 0) ADD_FAILURE() << "no free port range";
  return base;
}

NodeProcess::NodeProcess(std::vector<std::string> tail, const std::string& data_dir) {
  log_path_ = data_dir + ".log";
  fs::remove(data_dir + "/rpc.addr");
  std::vector<std::string> args = {BinPath("tfchaind")};
  args.insert(args.end(), tail.begin(), tail.end());
  pid_ = SpawnLogged(std::move(args), log_path_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string addr = ReadText(data_dir + "/rpc.addr");
    if (!addr.empty() && addr.back() == '\n') {
      url_ = addr.substr(0, addr.size() - 1);
      const auto colon = url_.rfind(':');
      host_ = url_.substr(7, colon - 7);
      port_ = std::stoi(url_.substr(colon + 1));
      return;
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      ADD_FAILURE() << "tfchaind exited early; log:\n" << ReadText(log_path_);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "tfchaind did not write rpc.addr in time; log:\n" << ReadText(log_path_);
}

NodeProcess::~NodeProcess() {
  if (pid_ > 0) Terminate();
}

int NodeProcess::Terminate() {
  const int code = SignalAndReap(pid_, SIGTERM);
  pid_ = -1;
  return code;
}

void NodeProcess::Kill() {
  SignalAndReap(pid_, SIGKILL);
  pid_ = -1;
}

std::pair<int, std::string> NodeProcess::Post(const std::string& body) const {
  httplib::Client client(host_, port_);
  client.set_read_timeout(20, 0);
  auto res = client.Post("/", body, "application/json");
  if (!res) return {0, "transport error: " + httplib::to_string(res.error())};
  return {res->status, res->body};
}

std::pair<int, std::string> NodeProcess::Get(const std::string& path) const {
  httplib::Client client(host_, port_);
  auto res = client.Get(path);
  if (!res) return {0, "transport error"};
  return {res->status, res->body};
}

nlohmann::json NodeProcess::Call(const std::string& method, nlohmann::json params) const {
  nlohmann::json request = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", std::move(params)}};
  auto [status, body] = Post(request.dump());
  nlohmann::json out = nlohmann::json::parse(body, nullptr, false);
  if (out.is_discarded()) return {{"error", {{"code", 0}, {"message", "HTTP " + std::to_string(status) + ": " + body}}}};
  return out;
}

nlohmann::json NodeProcess::Result(const std::string& method, nlohmann::json params) const {
  nlohmann::json response = Call(method, params);
  if (!response.contains("result")) {
    ADD_FAILURE() << method << " failed: " << response.dump();
    return nullptr;
  }
  return response["result"];
}

nlohmann::json NodeProcess::SubmitTx(const chain::SecretKey& key, chain::Call call) const {
  chain::TransactionBody body;
  body.chain_id = "tfchain-devnet";
  body.nonce = Result("state_getAccount", {chain::ToSs58(key.account_id())})["pending_nonce"].get<uint64_t>();
  body.valid_until = Result("chain_getHead")["height"].get<uint64_t>() + 200;
  body.call = std::move(call);
  return Call("tx_submit", {chain::ToHex(chain::Encode(chain::SignTransaction(std::move(body), key)))});
}

nlohmann::json NodeProcess::SendTx(const chain::SecretKey& key, chain::Call call) const {
  nlohmann::json submitted = SubmitTx(key, std::move(call));
  EXPECT_TRUE(submitted.contains("result")) << submitted.dump();
  if (!submitted.contains("result")) return nullptr;
  nlohmann::json receipt = WaitForReceipt(submitted["result"]);
  EXPECT_TRUE(receipt["status"] == "included" || receipt["status"] == "failed") << receipt.dump();
  return receipt;
}

nlohmann::json NodeProcess::ExpectTxOk(const chain::SecretKey& key, chain::Call call) const {
  nlohmann::json receipt = SendTx(key, std::move(call));
  EXPECT_TRUE(receipt.is_object() && receipt.value("success", false)) << receipt.dump();
  return receipt;
}

std::string NodeProcess::TxError(const chain::SecretKey& key, chain::Call call) const {
  nlohmann::json receipt = SendTx(key, std::move(call));
  EXPECT_TRUE(receipt.is_object() && !receipt.value("success", true)) << receipt.dump();
  return receipt.is_object() ? receipt.value("error", "") : "";
}

bool NodeProcess::WaitForHeight(uint64_t height, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    nlohmann::json r = Call("chain_getHead");
    if (r.contains("result") && r["result"]["height"].get<uint64_t>() >= height) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

nlohmann::json NodeProcess::WaitForReceipt(const std::string& hash, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  nlohmann::json last;
  while (std::chrono::steady_clock::now() < deadline) {
    last = Call("tx_getReceipt", {hash});
    if (last.contains("result") && last["result"]["status"] != "pending") return last["result"];
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ADD_FAILURE() << "no receipt for " << hash << ": " << last.dump();
  return nullptr;
}

CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env, const std::string& input) {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0 || pipe(in_pipe) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1], in_pipe[0], in_pipe[1]}) close(fd);
    setsid();  // no controlling terminal: password prompts must not reach the tester's tty
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<std::string> all = {BinPath(binary)};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(in_pipe[0]);
  if (!input.empty()) {
    ssize_t ignored = write(in_pipe[1], input.data(), input.size());
    (void)ignored;
  }
  close(in_pipe[1]);
  CommandResult result;
  auto drain = [](int fd, std::string* out) {
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
    close(fd);
  };
  std::thread t([&] { drain(err_pipe[0], &result.err); });
  drain(out_pipe[0], &result.out);
  t.join();
  result.exit_code = WaitExit(pid);
  return result;
}

}  // namespace tfchain::testing
