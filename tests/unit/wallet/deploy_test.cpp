// deploy container, deployment status and deployment list against a fake node (chain,
// TF Directory, marketplace) and a fake farmer agent on 127.0.0.1: bad arguments that
// send nothing, the happy path (contract, hash, signed deployment, progress until ok),
// and a workload error that cancels the contract.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "farmer-agent/deployment.h"
#include "tests/unit/wallet/fake_market.h"
#include "tests/unit/wallet/grid_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::FakeGrid;
using testing::FakeMarket;

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kGiB = 1ull << 30;
const std::string kImageHash = "0x" + std::string(64, 'c');

// A farmer agent's deployment API: POST /deployments stores the parsed request (and
// answers like the real agent to a bad body), GET /deployments/{id} answers the
// scripted workload states, one entry per request, repeating the last one.
class FakeAgent {
 public:
  FakeAgent() {
    server_.Post("/deployments", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard<std::mutex> lock(mu_);
      auto parsed = agent::ParseSignedDeployment(request.body);
      if (!parsed.ok()) {
        response.status = 400;
        response.set_content(json{{"error", parsed.status().reason()}, {"message", parsed.status().detail()}}.dump(),
                             "application/json");
        return;
      }
      posted.push_back(*parsed);
      response.set_content(json{{"contract_id", parsed->deployment.contract_id},
                                {"deployment_hash", agent::DeploymentHash(parsed->deployment).Hex()},
                                {"status", "accepted"}}
                               .dump(),
                           "application/json");
    });
    server_.Get(R"(/deployments/(\d+))", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard<std::mutex> lock(mu_);
      ++gets;
      if (states.empty()) {
        response.status = 404;
        response.set_content(R"({"error":"deployment-not-found","message":"no deployment"})", "application/json");
        return;
      }
      json doc = {{"contract_id", std::stoull(request.matches[1])}, {"workloads", states.front()}};
      if (states.size() > 1) states.erase(states.begin());
      response.set_content(doc.dump(), "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeAgent() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  static json Workload(const std::string& name, const std::string& type, const std::string& state,
                       const std::string& message = "") {
    return {{"name", name}, {"type", type}, {"state", state}, {"message", message}};
  }

  std::mutex mu_;
  std::vector<agent::SignedDeployment> posted;  // under mu_
  std::vector<json> states;                     // under mu_
  int gets = 0;                                 // under mu_

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

class DeployTest : public testing::GridTest {
 protected:
  DeployTest() : market_(node_) {
    w_.context().deploy_poll_interval = std::chrono::milliseconds(5);
    grid_.nodes = json::array();
    json far = FakeGrid::Node(3, 1, bob_, {8, 16 * kGiB, 500 * kGiB, 0}, "Ghent", "BE");
    far["agent_endpoint"] = agent_.url();
    grid_.nodes.push_back(far);
    json near = FakeGrid::Node(7, 1, bob_, {8, 16 * kGiB, 500 * kGiB, 0}, "Cairo", "EG");
    near["agent_endpoint"] = agent_.url();
    grid_.nodes.push_back(near);
    grid_.twins = json::array({FakeGrid::Twin(1, alice_)});
    // Every submitted transaction, in order; each is included with ContractCreated 12.
    node_.On("tx_submit", [this](const json& params) {
      auto bytes = chain::FromHex(params.at(0).get<std::string>());
      submitted_ = *bytes;
      auto tx = chain::DecodeExact<chain::Transaction>(*bytes, chain::kMaxTransactionSize);
      calls_.push_back(tx->body.call);
      return json{{"result", chain::TxHash(*bytes).Hex()}};
    });
    IncludedWith(json::array({{{"name", "contract.ContractCreated"},
                               {"args", {{"contract_id", 12}, {"twin_id", 1}, {"kind", "node"}, {"node_id", 7}}}}}));
  }

  std::vector<std::string> Deploy(std::vector<std::string> extra, const std::string& name = "web") {
    std::vector<std::string> words = {"deploy", "container", "--image",  "http://images/busybox.tar",
                                      "--image-hash", kImageHash, "--cpu", "0.5", "--memory", "256M",
                                      "--disk", "1G", "--name", name, "--from", "//Alice"};
    words.insert(words.end(), extra.begin(), extra.end());
    return Args(words);
  }

  FakeAgent agent_;
  FakeMarket market_;
  std::vector<chain::Call> calls_;
};

TEST_F(DeployTest, BadArgumentsSendNothing) {
  struct Case {
    std::vector<std::string> extra;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"--node", "7", "--country", "BE"}, "error: deploy container: give --node or --country, not both\n"},
      {{"--volume", "1G"}, "error: --volume must be SIZE:MOUNT (1G:/data), not '1G'\n"},
      {{"--volume", "lots:/data"},
       "error: --volume's SIZE must be a size such as 256M or 1G (K, M, G, T; 1K = 1024 B), not 'lots'\n"},
      {{"--volume", "16M:data"}, ""},  // the agent's rule: reported by Validate, checked below
      {{"--timeout", "0"}, "error: --timeout must be 1..86400 seconds\n"},
      {{"--node", "0"}, "error: --node must be an id 1..4294967295, not '0'\n"},
      {{"--entrypoint", "  "}, "error: --entrypoint must name a program\n"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(w_.Run(Deploy(c.extra)), 2) << c.extra[0];
    if (!c.error.empty()) {
      EXPECT_EQ(w_.err(), c.error);
    }
  }
  EXPECT_EQ(w_.Run(Deploy({"--volume", "16M:data"})), 2);
  EXPECT_NE(w_.err().find("error: bad-deployment: workloads[1].mounts[0].path"), std::string::npos) << w_.err();

  const std::vector<std::pair<std::vector<std::string>, std::string>> bad_core = {
      {{"deploy", "container", "--image", "x", "--image-hash", "0x12", "--cpu", "1", "--memory", "1G", "--disk", "1G",
        "--name", "web", "--from", "//Alice"},
       "error: --image-hash '0x12' is not a 32-byte 0x-hex hash\n"},
      {{"deploy", "container", "--image", "x", "--image-hash", kImageHash, "--cpu", "0.0001", "--memory", "1G",
        "--disk", "1G", "--name", "web", "--from", "//Alice"},
       "error: --cpu must be a number of cores > 0 with at most 3 decimals (0.5, 2), not '0.0001'\n"},
      {{"deploy", "container", "--image", "x", "--image-hash", kImageHash, "--cpu", "0", "--memory", "1G", "--disk",
        "1G", "--name", "web", "--from", "//Alice"},
       "error: --cpu must be a number of cores > 0 with at most 3 decimals (0.5, 2), not '0'\n"},
      {{"deploy", "container", "--image", "x", "--image-hash", kImageHash, "--cpu", "1", "--memory", "lots", "--disk",
        "1G", "--name", "web", "--from", "//Alice"},
       "error: --memory must be a size such as 256M or 1G (K, M, G, T; 1K = 1024 B), not 'lots'\n"},
      {{"deploy", "container", "--image", "x", "--image-hash", kImageHash, "--cpu", "1", "--memory", "1G", "--disk",
        "1G", "--from", "//Alice"},
       "error: missing --name; usage: " + UsageLine("deploy container") + "\n"},
      {{"deployment", "status", "0"}, "error: CONTRACT_ID must be a contract id 1..2^64-1, not '0'\n"},
      {{"deployment", "list"}, "error: deployment list needs --twin ID or --from NAME|ADDRESS\n"},
      {{"deployment", "list", "--twin", "1", "--from", "//Alice"},
       "error: deployment list: give --twin or --from, not both\n"},
  };
  for (const auto& [words, error] : bad_core) {
    EXPECT_EQ(w_.Run(Args(words)), 2) << words[0] << " " << words[1];
    if (!error.empty()) {
      EXPECT_EQ(w_.err(), error);
    }
  }
  // A bad workload name: the agent's own rule.
  EXPECT_EQ(w_.Run(Deploy({}, "Web_1")), 2);
  EXPECT_NE(w_.err().find("error: bad-deployment: "), std::string::npos) << w_.err();

  EXPECT_TRUE(node_.calls().empty());
  std::lock_guard<std::mutex> lock(agent_.mu_);
  EXPECT_TRUE(agent_.posted.empty());
  EXPECT_EQ(agent_.gets, 0);
}

TEST_F(DeployTest, HappyPathCreatesTheContractPostsTheSignedDeploymentAndWaitsForOk) {
  {
    std::lock_guard<std::mutex> lock(agent_.mu_);
    agent_.states = {
        json::array({FakeAgent::Workload("web-vol", "volume", "init"), FakeAgent::Workload("web", "container", "init")}),
        json::array({FakeAgent::Workload("web-vol", "volume", "ok"), FakeAgent::Workload("web", "container", "init")}),
        json::array({FakeAgent::Workload("web-vol", "volume", "ok"), FakeAgent::Workload("web", "container", "ok")})};
  }
  ASSERT_EQ(w_.Run(Deploy({"--volume", "16M:/data", "--country", "EG", "--public-ip"})), 1) << w_.err();
  // No node in EG has a free public IP (the fake's nodes have none).
  EXPECT_NE(w_.err().find("error: no-matching-node"), std::string::npos) << w_.err();
  EXPECT_TRUE(calls_.empty());

  ASSERT_EQ(w_.Run(Deploy({"--volume", "16M:/data", "--country", "EG"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_findNodes")["filter"]["country"], "EG");

  // One transaction: the contract, created with the deployment's hash.
  ASSERT_EQ(calls_.size(), 1u);
  const auto& create = std::get<chain::ContractCreateNodeCall>(calls_[0]);
  EXPECT_EQ(create.node_id, 7u);
  EXPECT_EQ(create.resources, (chain::Resources{1, 256 * kMiB, kGiB + 16 * kMiB, 0}));
  EXPECT_EQ(create.public_ips, 0u);

  std::lock_guard<std::mutex> lock(agent_.mu_);
  ASSERT_EQ(agent_.posted.size(), 1u);
  const agent::SignedDeployment& posted = agent_.posted[0];
  EXPECT_TRUE(agent::VerifySignature(posted));
  EXPECT_EQ(posted.signer, alice_);
  EXPECT_EQ(agent::DeploymentHash(posted.deployment), create.deployment_hash);
  EXPECT_EQ(posted.deployment.contract_id, 12u);
  ASSERT_EQ(posted.deployment.workloads.size(), 2u);
  const auto& volume = std::get<agent::VolumeWorkload>(posted.deployment.workloads[0]);
  EXPECT_EQ(volume.name, "web-vol");
  EXPECT_EQ(volume.size, 16 * kMiB);
  const auto& container = std::get<agent::ContainerWorkload>(posted.deployment.workloads[1]);
  EXPECT_EQ(container.name, "web");
  EXPECT_EQ(container.cpu_millis, 500u);
  EXPECT_EQ(container.memory, 256 * kMiB);
  EXPECT_EQ(container.image, "http://images/busybox.tar");
  EXPECT_EQ(container.image_hash.Hex(), kImageHash);
  ASSERT_EQ(container.mounts.size(), 1u);
  EXPECT_EQ(container.mounts[0].path, "/data");
  EXPECT_GE(agent_.gets, 3);

  const std::string out = w_.out();
  EXPECT_NE(out.find("Contract 12 created on node 7\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\rDeploying contract 12: web-vol init, web init"), std::string::npos) << out;
  EXPECT_NE(out.find("\rDeploying contract 12: web-vol ok, web ok"), std::string::npos) << out;
  EXPECT_NE(out.find("Workloads:        web-vol ok, web ok\n"), std::string::npos) << out;
}

TEST_F(DeployTest, AWorkloadErrorCancelsTheContract) {
  {
    std::lock_guard<std::mutex> lock(agent_.mu_);
    agent_.states = {json::array({FakeAgent::Workload("web", "container", "init")}),
                     json::array({FakeAgent::Workload("web", "container", "error", "image-hash-mismatch: got 0x12")})};
  }
  EXPECT_EQ(w_.Run(Deploy({"--node", "7"})), 1);
  EXPECT_EQ(w_.err(), "error: workload-error: web: image-hash-mismatch: got 0x12\n");
  ASSERT_EQ(calls_.size(), 2u);
  EXPECT_EQ(std::get<chain::ContractCancelCall>(calls_[1]).contract_id, 12u);
  EXPECT_NE(w_.out().find("Contract 12 cancelled\n"), std::string::npos) << w_.out();
}

TEST_F(DeployTest, AContractTheChainAlreadyDeletedIsNotCancelled) {
  // The node acknowledged the deployment as failed: the chain deleted the contract.
  json deleted = FakeMarket::NodeContract(12, 1, 7, {1, 256 * kMiB, kGiB, 0});
  deleted["state"] = "deleted";
  market_.contracts = json::array({deleted});
  {
    std::lock_guard<std::mutex> lock(agent_.mu_);
    agent_.states = {json::array({FakeAgent::Workload("web", "container", "error", "image-hash-mismatch: got 0x12")})};
  }
  EXPECT_EQ(w_.Run(Deploy({"--node", "7"})), 1);
  EXPECT_EQ(w_.err(), "error: workload-error: web: image-hash-mismatch: got 0x12\n");
  ASSERT_EQ(calls_.size(), 1u);  // the create only
  EXPECT_NE(w_.out().find("Contract 12 was deleted (the node reported the failure)\n"), std::string::npos) << w_.out();
}

TEST_F(DeployTest, TimeoutAndRefusalCancelTheContract) {
  {
    std::lock_guard<std::mutex> lock(agent_.mu_);
    agent_.states = {json::array({FakeAgent::Workload("web", "container", "init")})};
  }
  EXPECT_EQ(w_.Run(Deploy({"--node", "7", "--timeout", "1"})), 1);
  EXPECT_EQ(w_.err(), "error: deploy-timeout: not every workload was ok after 1 s\n");
  ASSERT_EQ(calls_.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<chain::ContractCancelCall>(calls_[1]));

  // A node without an agent endpoint: refused before any transaction.
  calls_.clear();
  grid_.nodes[1]["agent_endpoint"] = "";
  EXPECT_EQ(w_.Run(Deploy({"--node", "7"})), 1);
  EXPECT_EQ(w_.err(), "error: no-agent-endpoint: node 7 has no farmer agent endpoint on chain\n");
  EXPECT_TRUE(calls_.empty());
}

TEST_F(DeployTest, StatusAndList) {
  market_.contracts = json::array({FakeMarket::NodeContract(12, 1, 7, {1, 256 * kMiB, kGiB, 0}),
                                   FakeMarket::NodeContract(13, 1, 3, {1, 256 * kMiB, kGiB, 0})});
  {
    std::lock_guard<std::mutex> lock(agent_.mu_);
    agent_.states = {json::array({FakeAgent::Workload("web", "container", "ok")})};
  }
  ASSERT_EQ(w_.Run(Args({"deployment", "status", "12"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("web   container  ok"), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run(Args({"--json", "deployment", "status", "12"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["workloads"][0]["state"], "ok");

  grid_.nodes[0]["agent_endpoint"] = "http://127.0.0.1:1";  // node 3: nothing listens
  ASSERT_EQ(w_.Run(Args({"--json", "deployment", "list", "--twin", "1"})), 0) << w_.err();
  json doc = w_.OutJson();
  ASSERT_EQ(doc["deployments"].size(), 2u);
  EXPECT_EQ(doc["deployments"][0]["deployment"], "web ok");
  EXPECT_EQ(doc["deployments"][0]["node_id"], 7);
  EXPECT_EQ(doc["deployments"][1]["deployment"].get<std::string>().rfind("unreachable", 0), 0u);

  EXPECT_EQ(w_.Run(Args({"deployment", "status", "99"})), 1);
  EXPECT_NE(w_.err().find("no-contract"), std::string::npos) << w_.err();
}

}  // namespace
}  // namespace tfchain::wallet
