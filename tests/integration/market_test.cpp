// The capacity marketplace on a real `tfchaind --dev` with fast billing (100 ms blocks,
// a bill every 5 blocks, 3 s of grace, acks due within 20 blocks): a 3Node that
// reports uptime, a user who estimates the cost, creates a node contract with a
// public IP, gets it acknowledged, pays bills whose split adds up to the unit, and
// cancels; overbooking and IP exhaustion refused; an unacknowledged deployment
// cancelled with nothing charged; a user who runs out of funds enters grace, is
// restored by a top-up, and is finally deleted with the capacity and IP freed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

#include "chain/genesis.h"
#include "chain/grid_json.h"
#include "chain/hash.h"
#include "chain/json.h"
#include "chain/market_calls.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "node/config.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace {
using nlohmann::json;

constexpr uint64_t kGiB = 1ull << 30;

std::string FastMarketGenesis(const std::string& dir) {
  return WriteDevGenesis(dir, [](json& g) {
    g["grid"]["uptime_interval_ms"] = 1000;
    g["grid"]["farming_period_ms"] = 3'600'000;
    g["billing"]["billing_period_blocks"] = 5;
    g["billing"]["grace_period_ms"] = 3000;
    g["billing"]["ack_deadline_blocks"] = 20;
  });
}

// A contract that fills the node (8 cores, 32 GiB, 1 TiB SSD): CU 8, SU 5.12, so it
// costs 0.1056 USD/h + 0.004 USD/h per IP, ~11 TFT/h at the devnet's 0.01 USD/TFT.
chain::Resources BigResources() { return {8, 32 * kGiB, 1024 * kGiB, 0}; }

class MarketTest : public ::testing::Test {
 protected:
  MarketTest()
      : dir_("market"),
        node_(dir_.path() + "/data", 100, {"--genesis", FastMarketGenesis(dir_.path())}),
        farmer_(DevKey("//Bob")),
        user_(DevKey("//Charlie")),
        node_key_(DevKey("//MarketNode1")) {}

  ~MarketTest() override { StopReporter(); }

  uint64_t Free(const chain::SecretKey& key) { return Free(key.account_id()); }
  uint64_t Free(const chain::AccountId& account) {
    return Amount(node_.Result("state_getAccount", {chain::ToSs58(account)})["free"]);
  }

  json Submit(const chain::SecretKey& key, chain::Call call) { return node_.SubmitTx(key, std::move(call)); }
  json Send(const chain::SecretKey& key, chain::Call call) { return node_.SendTx(key, std::move(call)); }
  json ExpectOk(const chain::SecretKey& key, chain::Call call) { return node_.ExpectTxOk(key, std::move(call)); }
  std::string ErrorOf(const chain::SecretKey& key, chain::Call call) { return node_.TxError(key, std::move(call)); }
  // Sends a call signed by the node key (serialised with the uptime reporter).
  json NodeSend(chain::Call call) {
    std::lock_guard<std::mutex> lock(node_key_mutex_);
    return Send(node_key_, std::move(call));
  }

  // The id of the contract a receipt's ContractCreated event announces (0 if none).
  static uint64_t CreatedId(const json& receipt) {
    for (const json& e : receipt.value("events", json::array())) {
      if (e["name"] == "contract.ContractCreated") return e["args"]["contract_id"].get<uint64_t>();
    }
    return 0;
  }

  // Farmer twin + farm with two public IPs, the node registered with its own key,
  // reporting uptime from a background thread from now on.
  void SetUpGrid() {
    ExpectOk(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)});
    ExpectOk(farmer_, chain::FarmCreateCall{"market-farm", 1});
    ExpectOk(farmer_, chain::FarmAddIpCall{1, "185.69.166.10/24", "185.69.166.1"});
    ExpectOk(farmer_, chain::FarmAddIpCall{1, "185.69.166.11/24", "185.69.166.1"});
    ExpectOk(farmer_, chain::TransferCall{node_key_.account_id(), 10 * chain::kUnitsPerTft});
    ExpectOk(node_key_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 9)});
    chain::NodeCreateCall c;
    c.farm_id = 1;
    c.resources = {8, 32 * kGiB, 1024 * kGiB, 0};
    c.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
    c.interfaces = {{"eth0", "52:54:00:12:34:56", {"185.69.166.20/24"}}};
    c.agent_endpoint = "http://127.0.0.1:1";
    ExpectOk(node_key_, c);
    ExpectOk(user_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 3)});
    StartReporter();
    // The node counts as up once it has reported.
    for (int i = 0; i < 50; ++i) {
      if (node_.Result("grid_getNode", {{"node_id", 1}})["status"] == "up") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "the node never came up";
  }

  void StartReporter() {
    reporter_ = std::thread([this] {
      uint64_t uptime_s = 1000;
      while (!stop_) {
        {
          std::lock_guard<std::mutex> lock(node_key_mutex_);
          json submitted = Submit(node_key_, chain::NodeReportUptimeCall{uptime_s});
          if (submitted.contains("result")) node_.WaitForReceipt(submitted["result"]);
        }
        uptime_s += 1;
        for (int i = 0; i < 11 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  void StopReporter() {
    stop_ = true;
    if (reporter_.joinable()) reporter_.join();
  }

  uint64_t TwinOf(const chain::SecretKey& key) {
    return node_.Result("grid_getTwinByAccount", {{"account", chain::ToSs58(key.account_id())}})["twin_id"];
  }

  json Contract(uint64_t id) { return node_.Result("contract_get", {{"contract_id", id}}); }

  // Waits until contract `id` satisfies `pred` (up to ~20 s).
  template <typename Pred>
  json WaitForContract(uint64_t id, Pred pred) {
    json c;
    for (int i = 0; i < 200; ++i) {
      c = Contract(id);
      if (!c.is_null() && pred(c)) return c;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "contract " << id << " never reached the expected state: " << c.dump();
    return c;
  }

  chain::ContractCreateNodeCall NodeContract(chain::Resources r, uint32_t ips, uint8_t hash_byte) {
    chain::ContractCreateNodeCall c;
    c.node_id = 1;
    c.resources = r;
    c.public_ips = ips;
    c.deployment_hash.bytes.fill(hash_byte);
    c.deployment_data = chain::Bytes{'v', 'm'};
    return c;
  }

  TempDir dir_;
  DevNode node_;
  chain::SecretKey farmer_;
  chain::SecretKey user_;
  chain::SecretKey node_key_;
  std::mutex node_key_mutex_;
  std::atomic<bool> stop_{false};
  std::thread reporter_;
};

TEST_F(MarketTest, UserRentsCapacityPaysSplitBillsAndCancels) {
  ASSERT_TRUE(node_.started());
  SetUpGrid();
  const chain::Resources small{2, 4 * kGiB, 50 * kGiB, 0};

  // The estimate: CU 1, SU 0.25 -> 0.01125 USD/h, + 1 IP 0.004 USD/h = 0.01525 USD/h;
  // at 0.01 USD/TFT that is 1.525 TFT/h before the discount; Charlie's 1,000,000 TFT
  // cover far more than 18 months: 60% off.
  json estimate = node_.Result("contract_estimateCost",
                               {{"kind", "node"}, {"node_id", 1}, {"resources", chain::ToJson(small)},
                                {"public_ips", 1}, {"twin_id", TwinOf(user_)}});
  ASSERT_FALSE(estimate.is_null());
  EXPECT_EQ(estimate["discount_percent"], 60) << estimate.dump();
  EXPECT_EQ(Amount(estimate["per_hour"]), 15'250'000u * 40 / 100) << estimate.dump();

  json created = ExpectOk(user_, NodeContract(small, 1, 1));
  const uint64_t id = CreatedId(created);
  ASSERT_GT(id, 0u) << created.dump();
  json c = Contract(id);
  EXPECT_EQ(c["state"], "created");
  EXPECT_EQ(c["ack"], "pending");
  EXPECT_EQ(c["ips"].size(), 1u);
  json node = node_.Result("grid_getNode", {{"node_id", 1}});
  EXPECT_EQ(node["reserved"], chain::ToJson(small)) << node.dump();
  EXPECT_EQ(node["free_public_ips"], 1);

  // Overbooking, IP exhaustion and a duplicate deployment are refused; nothing changes.
  EXPECT_EQ(ErrorOf(user_, NodeContract({7, 4 * kGiB, 0, 0}, 0, 2)), "node-capacity-exceeded");
  EXPECT_EQ(ErrorOf(user_, NodeContract({1, kGiB, 0, 0}, 2, 3)), "no-free-ip");
  EXPECT_EQ(ErrorOf(user_, NodeContract({1, kGiB, 0, 0}, 0, 1)), "duplicate-deployment");
  EXPECT_EQ(node_.Result("grid_getNode", {{"node_id", 1}})["reserved"], chain::ToJson(small));
  // Only the contract's node may acknowledge it: a fee-free call that would fail never
  // enters the pool (no free spam).
  json foreign_ack = Submit(farmer_, chain::ContractAckCall{id, true, "ok"});
  ASSERT_TRUE(foreign_ack.contains("error")) << foreign_ack.dump();
  EXPECT_EQ(foreign_ack["error"]["data"]["reason"], "not-contract-node");
  json ack = NodeSend(chain::ContractAckCall{id, true, "deployed"});
  EXPECT_TRUE(ack.value("success", false)) << ack.dump();
  EXPECT_EQ(ack["fee"], "0");  // node-side calls are free

  // Bills arrive; each one's split adds up to what the user paid.
  const uint64_t farmer_before = Free(farmer_);
  json bills;
  for (int i = 0; i < 100; ++i) {
    bills = node_.Result("contract_getBills", {{"contract_id", id}});
    uint64_t charged = 0;
    for (const json& b : bills["bills"]) charged += Amount(b["paid"]);
    if (bills["total"].get<uint64_t>() >= 3 && charged > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_GE(bills["total"].get<uint64_t>(), 3u) << bills.dump();
  uint64_t to_farmer = 0;
  uint64_t last_to = 0;
  for (const json& b : bills["bills"]) {
    uint64_t parts = Amount(b["to_farmer"]) + Amount(b["to_staking_pool"]) + Amount(b["to_foundation"]) +
                     Amount(b["burned"]);
    for (const json& p : b["to_providers"]) parts += Amount(p["amount"]);
    EXPECT_EQ(parts, Amount(b["paid"])) << b.dump();
    EXPECT_EQ(b["discount_percent"], 60);
    EXPECT_EQ(b["farmer"], chain::ToSs58(farmer_.account_id()));
    EXPECT_GE(b["from_ms"].get<uint64_t>(), last_to) << "bills overlap";
    last_to = b["to_ms"].get<uint64_t>();
    to_farmer += Amount(b["to_farmer"]);
  }
  EXPECT_GT(to_farmer, 0u);
  EXPECT_GE(Free(farmer_), farmer_before);

  json funded = node_.Result("contract_fundedUntil", {{"twin_id", TwinOf(user_)}});
  ASSERT_FALSE(funded["funded_until_ms"].is_null()) << funded.dump();
  EXPECT_GT(funded["funded_until_ms"].get<uint64_t>(), NowMs() + 3'600'000ull * 24 * 30) << funded.dump();
  json listed = node_.Result("contract_listByTwin", {{"twin_id", TwinOf(user_)}});
  EXPECT_EQ(listed["total"], 1) << listed.dump();

  // Cancel: a final bill, then the capacity and the IP go back.
  json cancel = ExpectOk(user_, chain::ContractCancelCall{id});
  bool final_bill = false;
  for (const json& e : cancel["events"]) {
    if (e["name"] == "contract.ContractBilled") final_bill = e["args"]["bill"]["final"].get<bool>();
  }
  EXPECT_TRUE(final_bill) << cancel.dump();
  c = Contract(id);
  EXPECT_EQ(c["state"], "deleted");
  EXPECT_EQ(c["deleted_reason"], "canceled");
  node = node_.Result("grid_getNode", {{"node_id", 1}});
  EXPECT_EQ(node["reserved"], chain::ToJson(chain::Resources{})) << node.dump();
  EXPECT_EQ(node["free_public_ips"], 2);
  EXPECT_EQ(ErrorOf(user_, chain::ContractCancelCall{id}), "contract-deleted");
}

TEST_F(MarketTest, UnacknowledgedAndFailedDeploymentsAreCancelledWithNothingCharged) {
  ASSERT_TRUE(node_.started());
  SetUpGrid();
  const uint64_t before = Free(user_);
  json first = ExpectOk(user_, NodeContract({1, 2 * kGiB, 10 * kGiB, 0}, 1, 5));
  json second = ExpectOk(user_, NodeContract({1, 2 * kGiB, 10 * kGiB, 0}, 0, 6));
  const uint64_t fees = Amount(first["fee"]) + Amount(second["fee"]);
  const uint64_t never_acked = CreatedId(first);
  const uint64_t failed = CreatedId(second);
  json nack = NodeSend(chain::ContractAckCall{failed, false, "image hash mismatch"});
  EXPECT_TRUE(nack.value("success", false)) << nack.dump();
  EXPECT_EQ(Contract(failed)["deleted_reason"], "deployment-failed");
  json c = WaitForContract(never_acked, [](const json& j) { return j["state"] == "deleted"; });
  EXPECT_EQ(c["deleted_reason"], "not-acknowledged");
  EXPECT_EQ(Amount(c["total_paid"]), 0u);
  // Only the two transaction fees left the user's account; the capacity and IP are back.
  EXPECT_EQ(Free(user_), before - fees);
  json node = node_.Result("grid_getNode", {{"node_id", 1}});
  EXPECT_EQ(node["reserved"], chain::ToJson(chain::Resources{}));
  EXPECT_EQ(node["free_public_ips"], 2);
}

TEST_F(MarketTest, OutOfFundsGraceTopUpAndExpiry) {
  ASSERT_TRUE(node_.started());
  SetUpGrid();
  // A user with little money: enough for the fees and a few bills of ~15,000 units.
  const chain::SecretKey poor = DevKey("//MarketPoor");
  ExpectOk(user_, chain::TransferCall{poor.account_id(), 90'000});
  ExpectOk(poor, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 4)});
  json created = ExpectOk(poor, NodeContract(BigResources(), 1, 7));
  const uint64_t id = CreatedId(created);
  ASSERT_GT(id, 0u) << created.dump();
  EXPECT_TRUE(NodeSend(chain::ContractAckCall{id, true, ""}).value("success", false));

  json c = WaitForContract(id, [](const json& j) { return j["state"] == "grace"; });
  EXPECT_FALSE(c["grace_since_ms"].is_null());
  // Topping up restores it at the next bill, which collects what is overdue.
  ExpectOk(user_, chain::TransferCall{poor.account_id(), 10 * chain::kUnitsPerTft});
  c = WaitForContract(id, [](const json& j) { return j["state"] == "created"; });
  EXPECT_EQ(Amount(c["overdue"]), 0u);
  // Draining the account again: grace, and after 3 s deletion for lack of funds.
  const uint64_t free = Free(poor);
  ASSERT_GT(free, 20'000u);
  ExpectOk(poor, chain::TransferCall{user_.account_id(), free - 20'000});
  c = WaitForContract(id, [](const json& j) { return j["state"] == "deleted"; });
  EXPECT_EQ(c["deleted_reason"], "out-of-funds");
  json node = node_.Result("grid_getNode", {{"node_id", 1}});
  EXPECT_EQ(node["reserved"], chain::ToJson(chain::Resources{}));
  EXPECT_EQ(node["free_public_ips"], 2);
}

TEST_F(MarketTest, CancelInGraceIsFeeFree) {
  ASSERT_TRUE(node_.started());
  SetUpGrid();
  const chain::SecretKey poor = DevKey("//MarketPoor2");
  ExpectOk(user_, chain::TransferCall{poor.account_id(), 60'000});
  ExpectOk(poor, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 4)});
  const uint64_t id = CreatedId(ExpectOk(poor, NodeContract(BigResources(), 0, 8)));
  ASSERT_GT(id, 0u);
  EXPECT_TRUE(NodeSend(chain::ContractAckCall{id, true, ""}).value("success", false));
  WaitForContract(id, [](const json& j) { return j["state"] == "grace"; });
  json cancel = Send(poor, chain::ContractCancelCall{id});
  EXPECT_TRUE(cancel.value("success", false)) << cancel.dump();
  EXPECT_EQ(cancel["fee"], "0");
  EXPECT_EQ(Contract(id)["deleted_reason"], "canceled");
}

// tfwallet against the real node: estimate, create with a deployment file, ack with the
// node's key, list, bills, funded-until, and a refused overbooking that sends nothing.
TEST_F(MarketTest, WalletDrivesTheMarketplace) {
  ASSERT_TRUE(node_.started());
  SetUpGrid();
  auto wallet = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {"--rpc", node_.url(), "--keystore", dir_.path() + "/keys", "--json"};
    all.insert(all.end(), args.begin(), args.end());
    return RunCommand("tfwallet", all, {{"TFWALLET_PASSWORD", "pw"}});
  };
  const std::string twin = std::to_string(TwinOf(user_));
  CommandResult estimate =
      wallet({"cost", "estimate", "--node", "1", "--cpu", "2", "--memory", "4GB", "--ssd", "50GB", "--public-ips",
              "1", "--twin", twin});
  ASSERT_EQ(estimate.exit_code, 0) << estimate.err;
  EXPECT_EQ(json::parse(estimate.out)["per_hour"], "6100000") << estimate.out;

  const std::string deployment = dir_.path() + "/deployment.json";
  std::ofstream(deployment) << R"({"workloads":[{"type":"container","name":"web"}]})";
  CommandResult created = wallet({"contract", "create-node", "--node", "1", "--cpu", "2", "--memory", "4GB", "--ssd",
                                  "50GB", "--public-ips", "1", "--deployment-file", deployment, "--from", "//Charlie"});
  ASSERT_EQ(created.exit_code, 0) << created.err << created.out;
  const uint64_t id = json::parse(created.out)["contract_id"].get<uint64_t>();
  json c = Contract(id);
  std::ifstream in(deployment, std::ios::binary);
  const chain::Bytes file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const chain::Hash256 hash = chain::Blake2b256(file);
  EXPECT_EQ(c["deployment_hash"], chain::ToHex(hash.bytes)) << c.dump();
  // Overbooking through the wallet: the chain's reason, and nothing reserved beyond.
  CommandResult too_big = wallet({"contract", "create-node", "--node", "1", "--cpu", "7", "--memory", "1GB", "--from",
                                  "//Charlie"});
  EXPECT_NE(too_big.exit_code, 0);
  EXPECT_NE(too_big.err.find("node-capacity-exceeded"), std::string::npos) << too_big.err << too_big.out;
  // Bad arguments are refused before anything is sent.
  CommandResult bad = wallet({"contract", "create-node", "--node", "1", "--cpu", "2", "--memory", "lots", "--from",
                              "//Charlie"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;

  {
    std::lock_guard<std::mutex> lock(node_key_mutex_);
    CommandResult ack = wallet({"contract", "ack", std::to_string(id), "ok", "--from", "//MarketNode1"});
    ASSERT_EQ(ack.exit_code, 0) << ack.err << ack.out;
  }
  WaitForContract(id, [](const json& j) { return j["ack"] == "ok"; });
  json bills;
  for (int i = 0; i < 100; ++i) {
    CommandResult listed = wallet({"contract", "bills", std::to_string(id)});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    bills = json::parse(listed.out);
    if (bills["total"].get<uint64_t>() >= 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_GE(bills["total"].get<uint64_t>(), 2u) << bills.dump();
  CommandResult list = wallet({"contract", "list", "--from", "//Charlie"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(json::parse(list.out)["total"], 1) << list.out;
  CommandResult funded = wallet({"funded-until", "--from", "//Charlie"});
  ASSERT_EQ(funded.exit_code, 0) << funded.err;
  EXPECT_FALSE(json::parse(funded.out)["funded_until_ms"].is_null()) << funded.out;
  CommandResult cancel = wallet({"contract", "cancel", std::to_string(id), "--from", "//Charlie"});
  ASSERT_EQ(cancel.exit_code, 0) << cancel.err;
  EXPECT_EQ(Contract(id)["state"], "deleted");
}

}  // namespace
}  // namespace tfchain::testing
