// Shared by the farmer-agent workload integration tests (farmer_agent_workloads_test.cpp,
// farmer_agent_grace_test.cpp): a `tfchaind --dev` child with a fast grid (optionally fast
// billing), a `farmer-agent --disk-type ssd` child process, helpers to create contracts,
// sign and POST deployments and inspect the agent's runc containers. Every name the tests
// create carries "tft<pid>"; AgentLeftovers removes whatever the agent left under its data
// dir (containers, mounts, loop devices) even when a test fails.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/genesis.h"
#include "chain/grid_calls.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/market_calls.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "farmer-agent/deployment.h"
#include "farmer-agent/process.h"
#include "farmer-agent/provision/container.h"
#include "farmer-agent/provision/network.h"
#include "node/config.h"
#include "tests/integration/farmer_agent_util.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing::agent_e2e {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kGiB = 1ull << 30;

class FarmerAgentWorkloadsTest : public ::testing::Test {
 protected:
  explicit FarmerAgentWorkloadsTest(bool fast_billing = false)
      : dir_("agentwl"),
        node_(dir_.path() + "/chain", 100, {"--genesis", AgentTestGenesis(dir_.path(), fast_billing)}),
        farmer_(DevKey("//Bob")),
        user_(DevKey("//Charlie")) {}

  // Signs, submits and waits for the receipt; `expect_success`: a refusal or a failed
  // call is a test failure.
  json Send(const chain::SecretKey& key, chain::Call call, bool expect_success = true) {
    if (expect_success) return node_.ExpectTxOk(key, std::move(call));
    json submitted = node_.SubmitTx(key, std::move(call));
    if (!submitted.contains("result")) return json();
    return node_.WaitForReceipt(submitted["result"]);
  }

  json Contract(uint64_t id) { return node_.Result("contract_get", {{"contract_id", id}}); }


  // Twin + farm for //Bob, a farmer-agent (disk_type_args_, extra_agent_args_) registered
  // and up (with SSD capacity when require_ssd_), and //Charlie's twin. Sets data_dir_,
  // api_port_, node_id_, node_record_, agent_. Fatal failures.
  void StartAgent() {
    ASSERT_TRUE(node_.started());
    ASSERT_TRUE(Send(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)}).value("success", false));
    ASSERT_TRUE(Send(farmer_, chain::FarmCreateCall{"wl-farm", 1}).value("success", false));
    farm_ = node_.Result("grid_getFarm", json{{"name", "wl-farm"}})["farm_id"];
    data_dir_ = dir_.path() + "/agent";
    leftovers_ = std::make_unique<AgentLeftovers>(AgentLeftovers{data_dir_});
    api_port_ = FreePortRange(1);
    agent_ = StartAgentProcess();
    ASSERT_TRUE(WaitFor([&] { return fs::exists(data_dir_ + "/node_key"); }, std::chrono::seconds(15))) << agent_->Log();
    ASSERT_TRUE(WaitFor([&] { return agent_->Log().find("fund account") != std::string::npos; },
                        std::chrono::seconds(15)))
        << agent_->Log();
    auto seed = chain::FromHex(ReadText(data_dir_ + "/node_key").substr(0, 64));
    ASSERT_TRUE(seed.ok());
    auto node_key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, *seed);
    ASSERT_TRUE(node_key.ok());
    const std::string node_account = chain::ToSs58(node_key->account_id());
    ASSERT_TRUE(
        Send(farmer_, chain::TransferCall{node_key->account_id(), 10 * chain::kUnitsPerTft}).value("success", false));
    json node;
    ASSERT_TRUE(WaitFor(
        [&] {
          json answer = node_.Call("grid_getNode", json{{"account", node_account}});
          if (!answer.contains("result")) return false;
          node = answer["result"];
          return node["status"] == "up";
        },
        std::chrono::seconds(30)))
        << agent_->Log();
    node_id_ = node["node_id"];
    node_record_ = node;
    if (require_ssd_) {
      ASSERT_GE(node["resources"]["sru"].get<uint64_t>(), kGiB) << node.dump();
    }
    ASSERT_TRUE(Send(user_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 3)}).value("success", false));
  }

  std::unique_ptr<AgentProcess> StartAgentProcess() {
    std::vector<std::string> args = {"--rpc",     node_.url(), "--farm-id", std::to_string(farm_),
                                     "--data-dir", data_dir_,  "--api",     "127.0.0.1:" + std::to_string(api_port_)};
    args.insert(args.end(), disk_type_args_.begin(), disk_type_args_.end());
    args.insert(args.end(), extra_agent_args_.begin(), extra_agent_args_.end());
    return std::make_unique<AgentProcess>(std::move(args), dir_.path() + "/agent.log");
  }

  uint64_t Free(const chain::AccountId& account) {
    return Amount(node_.Result("state_getAccount", {chain::ToSs58(account)})["free"]);
  }

  // A node contract of `owner` (default //Charlie) on the agent's node committing to
  // DeploymentHash(d) (d.contract_id does not enter it) with `public_ips` IPs; 0 on
  // failure.
  uint64_t CreateContract(const chain::Resources& resources, const agent::Deployment& d,
                          const chain::SecretKey* owner = nullptr, uint32_t public_ips = 0) {
    const chain::SecretKey& by = owner ? *owner : user_;
    chain::ContractCreateNodeCall create;
    create.node_id = node_id_;
    create.resources = resources;
    create.public_ips = public_ips;
    create.deployment_hash = agent::DeploymentHash(d);
    json created = Send(by, create);
    for (const json& e : created.value("events", json::array())) {
      if (e["name"] == "contract.ContractCreated") return e["args"]["contract_id"];
    }
    return 0;
  }

  // contract.update_node of `contract_id` to DeploymentHash(d).
  bool SetHash(uint64_t contract_id, const chain::Resources& resources, const agent::Deployment& d,
               const chain::SecretKey* owner = nullptr) {
    chain::ContractUpdateNodeCall update;
    update.contract_id = contract_id;
    update.resources = resources;
    update.deployment_hash = agent::DeploymentHash(d);
    return Send(owner ? *owner : user_, update).value("success", false);
  }

  // A busybox rootfs tarball (built once per test).
  void BuildImage() {
    const std::string img = dir_.path() + "/img";
    fs::create_directories(img + "/bin");
    fs::create_directories(img + "/tmp");
    fs::copy_file("/usr/bin/busybox", img + "/bin/busybox");
    for (const char* applet : {"sh", "sleep", "cat", "echo", "ls", "dd", "ping", "ip"}) {
      fs::create_symlink("busybox", img + "/bin/" + applet);
    }
    image_ = dir_.path() + "/busybox.tar";
    ASSERT_TRUE(agent::RunChecked({"tar", "-cf", image_, "-C", img, "."}, "tar-failed").ok());
    image_hash_ = chain::Blake2b256(chain::AsBytes(ReadText(image_)));
  }

  agent::ContainerWorkload Container(const std::string& name) {
    agent::ContainerWorkload c;
    c.name = name;
    c.image = image_;
    c.image_hash = image_hash_;
    c.cpu_millis = 500;
    c.memory = 64 * kMiB;
    c.entrypoint = {"/bin/sh", "-c", "sleep 1000"};
    return c;
  }

  httplib::Result Post(const agent::SignedDeployment& s) {
    httplib::Client http("127.0.0.1", api_port_);
    http.set_read_timeout(10, 0);
    return http.Post("/deployments", agent::SignedDeploymentToJson(s).dump(), "application/json");
  }

  // GET /deployments/<id> once every workload's state is `want` (null on timeout).
  json WaitForStates(uint64_t contract_id, const std::string& want, std::chrono::seconds timeout) {
    json status;
    bool done = WaitFor(
        [&] {
          httplib::Client http("127.0.0.1", api_port_);
          auto got = http.Get("/deployments/" + std::to_string(contract_id));
          if (!got || got->status != 200) return false;
          status = json::parse(got->body, nullptr, false);
          if (!status.is_object() || status["workloads"].empty()) return false;
          for (const json& w : status["workloads"]) {
            if (w["state"] != want) return false;
          }
          return true;
        },
        timeout);
    return done ? status : json();
  }

  std::string RuncRoot() const { return data_dir_ + "/containers/.runc"; }

  // runc ids under the agent's root that start with `prefix`.
  std::vector<std::string> RuncIds(const std::string& prefix) {
    std::vector<std::string> ids;
    auto list = agent::RunProcess({"runc", "--root", RuncRoot(), "list", "-q"});
    if (!list.ok()) return ids;
    std::istringstream in(list->out);
    std::string id;
    while (std::getline(in, id)) {
      if (!id.empty() && id.rfind(prefix, 0) == 0) ids.push_back(id);
    }
    return ids;
  }

  std::string RuncStatus(const std::string& id) {
    auto s = agent::RunProcess({"runc", "--root", RuncRoot(), "state", id});
    if (!s.ok() || s->exit_code != 0) return "";
    json j = json::parse(s->out, nullptr, false);
    return j.is_object() ? j.value("status", "") : "";
  }

  std::string tag_ = "tft" + std::to_string(getpid());
  // Appended to the agent's command line by StartAgentProcess (e.g. --public-uplink).
  std::vector<std::string> extra_agent_args_;
  // How the agent learns the storage pool's kind (empty: sysfs detection), and whether
  // StartAgent requires the node to have SSD capacity.
  std::vector<std::string> disk_type_args_ = {"--disk-type", "ssd"};
  bool require_ssd_ = true;
  chain::FarmId farm_ = 0;
  std::string data_dir_;
  std::unique_ptr<AgentLeftovers> leftovers_;
  uint16_t api_port_ = 0;
  chain::NodeId node_id_ = 0;
  json node_record_;  // grid_getNode of the agent's node once up
  std::unique_ptr<AgentProcess> agent_;
  std::string image_;
  chain::Hash256 image_hash_;

  TempDir dir_;
  DevNode node_;
  chain::SecretKey farmer_;
  chain::SecretKey user_;
};

class FarmerAgentGraceTest : public FarmerAgentWorkloadsTest {
 protected:
  FarmerAgentGraceTest() : FarmerAgentWorkloadsTest(true) {}
};

}  // namespace tfchain::testing::agent_e2e
