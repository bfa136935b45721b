#include "farmer-agent/reconciler.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <thread>

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Records what exists, as the real provisioners would (idempotent creates).
class FakeBackend : public WorkloadBackend {
 public:
  Status CreateNetwork(const NetworkSpec& spec) override {
    if (networks.count(spec.id) == 0) ++creates;
    networks[spec.id] = spec.subnet;
    return Status::Ok();
  }
  Status RemoveNetwork(std::string_view id) override {
    networks.erase(std::string(id));
    return Status::Ok();
  }
  Result<std::vector<std::string>> ListNetworks() override { return Keys(networks); }
  Result<std::string> CreateEndpoint(const EndpointSpec& spec) override {
    // An empty network_id is a standalone endpoint (a public-IP-only container).
    if (!spec.network_id.empty() && networks.count(spec.network_id) == 0) {
      return Status::NotFound("network-not-found", spec.network_id);
    }
    if (endpoints.count(spec.id) == 0) ++creates;
    endpoints[spec.id] = spec.ip;
    endpoint_networks[spec.id] = spec.network_id;
    return "/var/run/netns/tf-" + spec.id;
  }
  Status RemoveEndpoint(std::string_view id) override {
    endpoints.erase(std::string(id));
    endpoint_networks.erase(std::string(id));
    public_ips.erase(std::string(id));  // the endpoint's public link goes with it
    return Status::Ok();
  }
  Result<std::vector<std::string>> ListEndpoints() override { return Keys(endpoints); }
  Status AddPublicIp(std::string_view endpoint_id, std::string_view cidr, std::string_view gateway,
                     std::string_view uplink) override {
    if (!public_error.ok()) return public_error;
    if (endpoints.count(std::string(endpoint_id)) == 0) return Status::NotFound("endpoint-not-found");
    public_ips[std::string(endpoint_id)] = std::string(cidr) + " via " + std::string(gateway) + " on " + std::string(uplink);
    public_order.push_back(std::string(endpoint_id));
    return Status::Ok();
  }
  Result<VolumeInfo> CreateVolume(const VolumeSpec& spec) override {
    if (volumes.count(spec.id) == 0) ++creates;
    volumes[spec.id] = spec.size_bytes;
    VolumeInfo v;
    v.id = spec.id;
    v.mount_point = "/mnt/" + spec.id;
    v.size_bytes = spec.size_bytes;
    return v;
  }
  Status RemoveVolume(std::string_view id) override {
    volumes.erase(std::string(id));
    return Status::Ok();
  }
  Result<std::vector<std::string>> ListVolumes() override { return Keys(volumes); }
  Status CreateContainer(const ContainerSpec& spec) override {
    if (!container_error.ok()) return container_error;
    if (containers.count(spec.id) == 0) {
      ++creates;
      containers[spec.id] = ContainerState::kRunning;
    }
    specs[spec.id] = spec;
    return Status::Ok();
  }
  Status PauseContainer(std::string_view id) override {
    containers[std::string(id)] = ContainerState::kPaused;
    return Status::Ok();
  }
  Status ResumeContainer(std::string_view id) override {
    containers[std::string(id)] = ContainerState::kRunning;
    return Status::Ok();
  }
  Status RemoveContainer(std::string_view id) override {
    containers.erase(std::string(id));
    return Status::Ok();
  }
  Result<ContainerState> ContainerStateOf(std::string_view id) override {
    auto it = containers.find(std::string(id));
    return it == containers.end() ? ContainerState::kAbsent : it->second;
  }
  Result<std::vector<std::string>> ListContainers() override { return Keys(containers); }
  Status TrimContainerLog(std::string_view id) override {
    ++trims[std::string(id)];
    return Status::Ok();
  }

  template <typename M>
  static std::vector<std::string> Keys(const M& m) {
    std::vector<std::string> out;
    for (const auto& [k, v] : m) out.push_back(k);
    return out;
  }

  std::map<std::string, std::string> networks, endpoints, endpoint_networks;
  std::map<std::string, std::string> public_ips;  // endpoint -> "cidr via gateway on uplink"
  std::vector<std::string> public_order;          // AddPublicIp calls, in order
  Status public_error;
  std::map<std::string, uint64_t> volumes;
  std::map<std::string, ContainerState> containers;
  std::map<std::string, int> trims;  // TrimContainerLog calls per container
  std::map<std::string, ContainerSpec> specs;
  Status container_error;
  int creates = 0;
};

struct Ack {
  chain::ContractId id;
  bool ok;
  std::string message;
};

// The chain: a list of live contracts and the acks received.
struct FakeChain {
  std::mutex mu;
  std::vector<ContractInfo> contracts;
  std::vector<Ack> acks;
  Status list_error;

  ReconcilerHooks Hooks() {
    ReconcilerHooks h;
    h.list_contracts = [this]() -> Result<std::vector<ContractInfo>> {
      std::lock_guard<std::mutex> lock(mu);
      if (!list_error.ok()) return list_error;
      return contracts;
    };
    h.ack = [this](chain::ContractId id, bool ok, const std::string& message) {
      std::lock_guard<std::mutex> lock(mu);
      acks.push_back({id, ok, message});
      return Status::Ok();
    };
    return h;
  }
};

Deployment MakeDeployment(chain::ContractId id) {
  Deployment d;
  d.contract_id = id;
  d.version = 1;
  d.workloads.push_back(NetworkWorkload{"net", "10.88.3.0/24"});
  d.workloads.push_back(VolumeWorkload{"data", 16 << 20});
  ContainerWorkload c;
  c.name = "web";
  c.image = "/images/busybox.tar";
  c.cpu_millis = 500;
  c.memory = 64 << 20;
  c.entrypoint = {"/bin/sh", "-c", "sleep 1000"};
  c.env = {"A=B"};
  c.mounts = {{"data", "/data"}};
  c.network = "net";
  c.ip = "10.88.3.2";
  d.workloads.push_back(c);
  return d;
}

SignedDeployment Sign(const Deployment& d) {
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, chain::Bytes(32, 5));
  EXPECT_TRUE(key.ok());
  return SignDeployment(d, 1'700'000'000'000, *key);
}

ContractInfo Live(const Deployment& d, chain::ContractState state = chain::ContractState::kCreated) {
  ContractInfo c;
  c.contract_id = d.contract_id;
  c.node_id = 3;
  c.state = state;
  c.deployment_hash = DeploymentHash(d);
  return c;
}

class ReconcilerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(chain::InitCrypto());
    dir_ = fs::temp_directory_path() /
           ("tft-rc-" + std::to_string(getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::unique_ptr<Reconciler> Make(std::string public_uplink = "") {
    auto r = std::make_unique<Reconciler>(dir_.string(), backend_, chain_.Hooks(),
                                          ReconcilerOptions{std::chrono::milliseconds(50), std::move(public_uplink)});
    EXPECT_TRUE(r->Load().ok());
    return r;
  }
  std::string State(Reconciler& r, chain::ContractId id, size_t i) {
    auto s = r.GetStatus(id);
    if (!s.ok()) return std::string(s.status().reason());
    return (*s)["workloads"][i]["state"].get<std::string>();
  }

  fs::path dir_;
  FakeBackend backend_;
  FakeChain chain_;
};

TEST_F(ReconcilerTest, ProvisionsInOrderAndAcksOnce) {
  auto r = Make();
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  EXPECT_EQ(r->GetStatus(7).status().reason(), "deployment-not-found");
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  EXPECT_TRUE(fs::exists(dir_ / "deployments" / "7.json"));
  EXPECT_EQ(State(*r, 7, 2), "init");
  r->ReconcileOnce();
  EXPECT_EQ(backend_.networks.at("c7-net"), "10.88.3.0/24");
  EXPECT_EQ(backend_.endpoints.at("c7-web"), "10.88.3.2");
  EXPECT_EQ(backend_.volumes.at("c7-data"), 16u << 20);
  const ContainerSpec& spec = backend_.specs.at("c7-web");
  EXPECT_EQ(spec.netns_path, "/var/run/netns/tf-c7-web");
  ASSERT_EQ(spec.mounts.size(), 1u);
  EXPECT_EQ(spec.mounts[0].source, "/mnt/c7-data");
  EXPECT_EQ(spec.mounts[0].destination, "/data");
  EXPECT_EQ(spec.cpu_millis, 500u);
  EXPECT_EQ(spec.memory_bytes, 64u << 20);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(State(*r, 7, i), "ok");
  ASSERT_EQ(chain_.acks.size(), 1u);
  EXPECT_TRUE(chain_.acks[0].ok);
  r->ReconcileOnce();
  EXPECT_EQ(chain_.acks.size(), 1u);
  EXPECT_EQ(backend_.creates, 4);
  EXPECT_TRUE(fs::exists(dir_ / "status" / "7.json"));
  EXPECT_EQ(backend_.trims["c7-web"], 2);  // the container's log is bounded every round
}

TEST_F(ReconcilerTest, AnOkAckStillPendingOnChainIsSentAgain) {
  auto r = std::make_unique<Reconciler>(dir_.string(), backend_, chain_.Hooks(),
                                        ReconcilerOptions{std::chrono::milliseconds(50), "", std::chrono::milliseconds(0)});
  ASSERT_TRUE(r->Load().ok());
  Deployment d = MakeDeployment(7);
  ContractInfo pending = Live(d);
  pending.ack_pending = true;
  chain_.contracts = {pending};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  ASSERT_EQ(chain_.acks.size(), 1u);
  r->ReconcileOnce();  // admitted, but the chain still shows it pending: again
  ASSERT_EQ(chain_.acks.size(), 2u);
  EXPECT_TRUE(chain_.acks[1].ok);
  chain_.contracts[0].ack_pending = false;  // included
  r->ReconcileOnce();
  EXPECT_EQ(chain_.acks.size(), 2u);
  // With the default retry time, a pending ack is not resent at once.
  auto patient = Make();
  Deployment e = MakeDeployment(8);
  ContractInfo other = Live(e);
  other.ack_pending = true;
  chain_.contracts.push_back(other);
  ASSERT_TRUE(patient->Accept(Sign(e)).ok());
  patient->ReconcileOnce();
  patient->ReconcileOnce();
  int acks_of_8 = 0;
  for (const auto& a : chain_.acks) acks_of_8 += a.id == 8 ? 1 : 0;
  EXPECT_EQ(acks_of_8, 1);
}

TEST_F(ReconcilerTest, SteadyDeploymentsAreOnlyCheckedUntilTheFullResync) {
  ReconcilerOptions options{std::chrono::milliseconds(50), ""};
  options.full_resync = std::chrono::hours(1);
  auto r = std::make_unique<Reconciler>(dir_.string(), backend_, chain_.Hooks(), options);
  ASSERT_TRUE(r->Load().ok());
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  ASSERT_EQ(backend_.creates, 4);
  // Its bridge vanishes behind the reconciler's back: the container still runs, so the
  // cheap check passes and nothing is re-applied before the full resync.
  backend_.networks.erase("c7-net");
  r->ReconcileOnce();
  EXPECT_EQ(backend_.networks.count("c7-net"), 0u);
  EXPECT_EQ(backend_.trims["c7-web"], 2);  // logs are still bounded
  // A stopped container is noticed at once: everything is applied again.
  backend_.containers["c7-web"] = ContainerState::kStopped;
  r->ReconcileOnce();
  EXPECT_EQ(backend_.networks.count("c7-net"), 1u);
  // A changed contract (grace) is applied at once too.
  backend_.containers["c7-web"] = ContainerState::kRunning;  // (the fake does not restart it)
  chain_.contracts[0].state = chain::ContractState::kGrace;
  r->ReconcileOnce();
  EXPECT_EQ(backend_.containers["c7-web"], ContainerState::kPaused);
  // With no resync delay every round applies everything.
  options.full_resync = std::chrono::milliseconds(0);
  auto eager = std::make_unique<Reconciler>(dir_.string(), backend_, chain_.Hooks(), options);
  ASSERT_TRUE(eager->Load().ok());
  chain_.contracts[0].state = chain::ContractState::kCreated;
  eager->ReconcileOnce();
  backend_.networks.erase("c7-net");
  eager->ReconcileOnce();
  EXPECT_EQ(backend_.networks.count("c7-net"), 1u);
}

TEST_F(ReconcilerTest, GracePausesAndCreatedResumes) {
  auto r = Make();
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  chain_.contracts = {Live(d, chain::ContractState::kGrace)};
  r->ReconcileOnce();
  EXPECT_EQ(backend_.containers.at("c7-web"), ContainerState::kPaused);
  EXPECT_EQ(State(*r, 7, 2), "paused");
  chain_.contracts = {Live(d)};
  r->ReconcileOnce();
  EXPECT_EQ(backend_.containers.at("c7-web"), ContainerState::kRunning);
  EXPECT_EQ(State(*r, 7, 2), "ok");
  EXPECT_EQ(chain_.acks.size(), 1u);
}

TEST_F(ReconcilerTest, GoneContractIsTornDown) {
  auto r = Make();
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  chain_.list_error = Status::Unavailable("node-unreachable");
  chain_.contracts.clear();
  r->ReconcileOnce();  // a failed list removes nothing
  EXPECT_EQ(backend_.containers.size(), 1u);
  chain_.list_error = Status::Ok();
  r->ReconcileOnce();
  EXPECT_TRUE(backend_.containers.empty());
  EXPECT_TRUE(backend_.endpoints.empty());
  EXPECT_TRUE(backend_.networks.empty());
  EXPECT_TRUE(backend_.volumes.empty());
  EXPECT_FALSE(fs::exists(dir_ / "deployments" / "7.json"));
  EXPECT_FALSE(fs::exists(dir_ / "status" / "7.json"));
  EXPECT_EQ(State(*r, 7, 2), "deleted");
}

TEST_F(ReconcilerTest, FailureRollsBackAndAcksFailedOnce) {
  auto r = Make();
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  backend_.container_error = Status::IoError("runc-failed", "boom");
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  r->ReconcileOnce();
  EXPECT_TRUE(backend_.networks.empty());
  EXPECT_TRUE(backend_.volumes.empty());
  EXPECT_TRUE(backend_.endpoints.empty());
  ASSERT_EQ(chain_.acks.size(), 1u);
  EXPECT_FALSE(chain_.acks[0].ok);
  EXPECT_NE(chain_.acks[0].message.find("runc-failed"), std::string::npos);
  EXPECT_LE(chain_.acks[0].message.size(), 256u);
  EXPECT_EQ(State(*r, 7, 2), "error");
  EXPECT_EQ(backend_.creates, 3);  // not retried
}

TEST_F(ReconcilerTest, RestartAdoptsWithoutReackingOrDuplicating) {
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  {
    auto r = Make();
    ASSERT_TRUE(r->Accept(Sign(d)).ok());
    r->ReconcileOnce();
  }
  auto r = Make();
  EXPECT_EQ(State(*r, 7, 2), "ok");
  r->ReconcileOnce();
  EXPECT_EQ(chain_.acks.size(), 1u);
  EXPECT_EQ(backend_.creates, 4);
  EXPECT_EQ(backend_.containers.size(), 1u);
}

TEST_F(ReconcilerTest, RemovesStrayObjectsButNotForeignOnes) {
  auto r = Make();
  backend_.containers["c99-old"] = ContainerState::kRunning;
  backend_.volumes["c99-data"] = 1 << 20;
  backend_.networks["someone-else"] = "10.1.0.0/24";
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  EXPECT_EQ(backend_.containers.count("c99-old"), 0u);
  EXPECT_EQ(backend_.volumes.count("c99-data"), 0u);
  EXPECT_EQ(backend_.networks.count("someone-else"), 1u);
  EXPECT_EQ(backend_.containers.count("c7-web"), 1u);
}

TEST_F(ReconcilerTest, HashMismatchWaits) {
  auto r = Make();
  Deployment d = MakeDeployment(7);
  ContractInfo c = Live(d);
  c.deployment_hash = chain::Hash256();
  chain_.contracts = {c};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  EXPECT_TRUE(backend_.containers.empty());
  EXPECT_TRUE(chain_.acks.empty());
}

TEST_F(ReconcilerTest, WorkerReconcilesOnAccept) {
  Deployment d = MakeDeployment(7);
  {
    std::lock_guard<std::mutex> lock(chain_.mu);
    chain_.contracts = {Live(d)};
  }
  auto r = Make();
  r->Start();
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  bool ok = false;
  for (int i = 0; i < 100 && !ok; ++i) {
    ok = State(*r, 7, 2) == "ok";
    if (!ok) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r->Stop();
  EXPECT_TRUE(ok);
}

// A deployment with three containers: "a" (network + public IP), "b" (network only) and
// "c" (public IP only, no network); the contract reserved two IPs.
Deployment PublicDeployment(chain::ContractId id) {
  Deployment d = MakeDeployment(id);  // net, data, web (network only)
  auto& web = std::get<ContainerWorkload>(d.workloads[2]);
  ContainerWorkload a = web;
  a.name = "a";
  a.ip = "10.88.3.3";
  a.mounts.clear();
  a.public_ip = true;
  ContainerWorkload c = a;
  c.name = "c";
  c.network.clear();
  c.ip.clear();
  d.workloads.push_back(a);
  d.workloads.push_back(c);
  return d;
}

ContractInfo LiveWithIps(const Deployment& d) {
  ContractInfo c = Live(d);
  c.ips = {"185.69.166.10/24", "185.69.167.20/24"};
  c.gateways = {"185.69.166.1", "185.69.167.254"};
  return c;
}

TEST_F(ReconcilerTest, PublicIpsGoToPublicContainersInDeploymentOrder) {
  auto r = Make("tftup");
  Deployment d = PublicDeployment(7);
  chain_.contracts = {LiveWithIps(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  for (size_t i = 0; i < d.workloads.size(); ++i) EXPECT_EQ(State(*r, 7, i), "ok") << i;
  EXPECT_EQ(backend_.public_ips.at("c7-a"), "185.69.166.10/24 via 185.69.166.1 on tftup");
  EXPECT_EQ(backend_.public_ips.at("c7-c"), "185.69.167.20/24 via 185.69.167.254 on tftup");
  EXPECT_EQ(backend_.public_ips.count("c7-web"), 0u);
  EXPECT_EQ(backend_.public_order, (std::vector<std::string>{"c7-a", "c7-c"}));
  // "c" has no network: a standalone endpoint, whose namespace the container joins.
  EXPECT_EQ(backend_.endpoint_networks.at("c7-c"), "");
  EXPECT_EQ(backend_.endpoints.at("c7-c"), "");
  EXPECT_EQ(backend_.endpoint_networks.at("c7-a"), "c7-net");
  EXPECT_EQ(backend_.specs.at("c7-c").netns_path, "/var/run/netns/tf-c7-c");
  ASSERT_EQ(chain_.acks.size(), 1u);
  EXPECT_TRUE(chain_.acks[0].ok);

  // Later rounds keep everything (the sweep wants the standalone endpoint too).
  const int creates = backend_.creates;
  r->ReconcileOnce();
  EXPECT_EQ(backend_.creates, creates);
  EXPECT_EQ(backend_.endpoints.count("c7-c"), 1u);

  // Gone: every endpoint and its public IP are removed.
  chain_.contracts.clear();
  r->ReconcileOnce();
  EXPECT_TRUE(backend_.endpoints.empty());
  EXPECT_TRUE(backend_.public_ips.empty());
  EXPECT_TRUE(backend_.containers.empty());
}

TEST_F(ReconcilerTest, PublicIpWithoutUplinkIsUnsupportedAndLeavesNothing) {
  auto r = Make();  // no --public-uplink
  Deployment d = PublicDeployment(7);
  chain_.contracts = {LiveWithIps(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  EXPECT_EQ(State(*r, 7, 3), "error");
  auto status = r->GetStatus(7);
  ASSERT_TRUE(status.ok());
  const std::string message = (*status)["workloads"][3]["message"];
  EXPECT_NE(message.find("public-ip-unsupported"), std::string::npos) << message;
  EXPECT_NE(message.find("--public-uplink"), std::string::npos) << message;
  ASSERT_EQ(chain_.acks.size(), 1u);
  EXPECT_FALSE(chain_.acks[0].ok);
  EXPECT_NE(chain_.acks[0].message.find("public-ip-unsupported"), std::string::npos);
  EXPECT_TRUE(backend_.containers.empty());
  EXPECT_TRUE(backend_.endpoints.empty());
  EXPECT_TRUE(backend_.networks.empty());
  EXPECT_TRUE(backend_.volumes.empty());
  EXPECT_TRUE(backend_.public_order.empty());
}

TEST_F(ReconcilerTest, PublicIpFailureRollsBackEverything) {
  auto r = Make("tftup");
  Deployment d = PublicDeployment(7);
  chain_.contracts = {LiveWithIps(d)};
  backend_.public_error = Status::NotFound("uplink-not-found", "no interface 'tftup'");
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  r->ReconcileOnce();  // not retried
  EXPECT_EQ(State(*r, 7, 3), "error");
  ASSERT_EQ(chain_.acks.size(), 1u);
  EXPECT_FALSE(chain_.acks[0].ok);
  EXPECT_NE(chain_.acks[0].message.find("uplink-not-found"), std::string::npos) << chain_.acks[0].message;
  EXPECT_TRUE(backend_.containers.empty());
  EXPECT_TRUE(backend_.endpoints.empty());
  EXPECT_TRUE(backend_.networks.empty());
  EXPECT_TRUE(backend_.volumes.empty());
}

TEST_F(ReconcilerTest, PublicIpWithoutAGatewayOrAnIpFails) {
  auto r = Make("tftup");
  Deployment d = PublicDeployment(7);
  ContractInfo c = LiveWithIps(d);
  c.gateways = {"185.69.166.1"};  // the second IP's gateway is unknown
  chain_.contracts = {c};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  EXPECT_EQ(backend_.public_order, (std::vector<std::string>{"c7-a"}));  // "a" got its IP before "c" failed
  EXPECT_EQ(State(*r, 7, 4), "error");
  ASSERT_EQ(chain_.acks.size(), 1u);
  EXPECT_NE(chain_.acks[0].message.find("public-ip-unavailable"), std::string::npos) << chain_.acks[0].message;
  EXPECT_TRUE(backend_.endpoints.empty());
  EXPECT_TRUE(backend_.public_ips.empty());
  EXPECT_TRUE(backend_.containers.empty());

  // Fewer reserved IPs than public containers (a new deployment for contract 8).
  Deployment d8 = PublicDeployment(8);
  ContractInfo c8 = LiveWithIps(d8);
  c8.ips.resize(1);
  c8.gateways.resize(1);
  chain_.contracts = {c8};
  ASSERT_TRUE(r->Accept(Sign(d8)).ok());
  r->ReconcileOnce();
  EXPECT_EQ(State(*r, 8, 4), "error");
  ASSERT_EQ(chain_.acks.size(), 2u);
  EXPECT_NE(chain_.acks[1].message.find("public-ip-unavailable"), std::string::npos) << chain_.acks[1].message;
  EXPECT_TRUE(backend_.endpoints.empty());
}

TEST_F(ReconcilerTest, SweepRemovesAStrayStandaloneEndpoint) {
  auto r = Make("tftup");
  backend_.endpoints["c99-solo"] = "";
  backend_.public_ips["c99-solo"] = "185.69.166.12/24 via 185.69.166.1 on tftup";
  Deployment d = PublicDeployment(7);
  chain_.contracts = {LiveWithIps(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  r->ReconcileOnce();
  EXPECT_EQ(backend_.endpoints.count("c99-solo"), 0u);
  EXPECT_EQ(backend_.public_ips.count("c99-solo"), 0u);
  EXPECT_EQ(backend_.endpoints.count("c7-c"), 1u);
}

// Reconciler::RunningDeployments: what the usage reporter measures.
TEST_F(ReconcilerTest, RunningDeploymentsAreThoseWhoseWorkloadsAllRun) {
  auto r = Make();
  Deployment d = MakeDeployment(7);
  chain_.contracts = {Live(d)};
  ASSERT_TRUE(r->Accept(Sign(d)).ok());
  EXPECT_TRUE(r->RunningDeployments().empty());  // accepted, not made yet
  r->ReconcileOnce();
  auto running = r->RunningDeployments();
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0], d);
  chain_.contracts = {Live(d, chain::ContractState::kGrace)};
  r->ReconcileOnce();
  EXPECT_TRUE(r->RunningDeployments().empty());  // paused
  chain_.contracts = {Live(d)};
  r->ReconcileOnce();
  EXPECT_EQ(r->RunningDeployments().size(), 1u);
  chain_.contracts.clear();
  r->ReconcileOnce();
  EXPECT_TRUE(r->RunningDeployments().empty());  // torn down
  Deployment failing = MakeDeployment(9);
  chain_.contracts = {Live(failing)};
  backend_.container_error = Status::IoError("runc-failed", "boom");
  ASSERT_TRUE(r->Accept(Sign(failing)).ok());
  r->ReconcileOnce();
  EXPECT_TRUE(r->RunningDeployments().empty());  // failed
}

}  // namespace
}  // namespace tfchain::agent
