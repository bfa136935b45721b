#include "farmer-agent/deployment_api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace tfchain::agent {
namespace {

using nlohmann::json;

constexpr uint64_t kNow = 1'700'000'000'000;
constexpr chain::NodeId kNode = 3;
constexpr chain::TwinId kOwnerTwin = 11;
constexpr chain::TwinId kOtherTwin = 12;

class FakeChain : public ChainView {
 public:
  Result<ContractInfo> GetContract(chain::ContractId id) override {
    auto it = contracts.find(id);
    if (it == contracts.end()) return Status::NotFound("contract-not-found", std::to_string(id));
    return it->second;
  }
  Result<chain::AccountId> TwinAccount(chain::TwinId twin_id) override {
    auto it = twins.find(twin_id);
    if (it == twins.end()) return Status::NotFound("twin-not-found", std::to_string(twin_id));
    return it->second;
  }
  chain::NodeId node_id() const override { return kNode; }

  std::map<chain::ContractId, ContractInfo> contracts;
  std::map<chain::TwinId, chain::AccountId> twins;
};

class FakeSink : public DeploymentSink {
 public:
  Status Accept(const SignedDeployment& d) override {
    std::lock_guard<std::mutex> lock(mu);
    accepted.push_back(d);
    return accept_status;
  }
  Result<json> GetStatus(chain::ContractId contract_id) override {
    for (const SignedDeployment& d : accepted) {
      if (d.deployment.contract_id == contract_id) {
        return json{{"contract_id", contract_id}, {"workloads", json::array()}};
      }
    }
    return Status::NotFound("deployment-not-found", std::to_string(contract_id));
  }
  std::mutex mu;
  std::vector<SignedDeployment> accepted;  // GUARDED_BY(mu) while requests run
  Status accept_status;
};

chain::SecretKey Key(uint8_t fill) {
  chain::Bytes seed(32, fill);
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed);
  CHECK(key.ok());
  return std::move(key).value();
}

Deployment MakeDeployment() {
  Deployment d;
  d.contract_id = 7;
  d.version = 1;
  d.workloads.push_back(NetworkWorkload{"net", "10.88.3.0/24"});
  d.workloads.push_back(VolumeWorkload{"data", 16 << 20});
  ContainerWorkload c;
  c.name = "web";
  c.image = "/images/busybox.tar";
  c.cpu_millis = 500;
  c.memory = 64 << 20;
  c.entrypoint = {"/bin/sh", "-c", "sleep 1000"};
  c.mounts = {{"data", "/data"}};
  c.network = "net";
  c.ip = "10.88.3.2";
  d.workloads.push_back(c);
  return d;
}

class DeploymentApiTest : public ::testing::Test {
 protected:
  DeploymentApiTest() : owner_(Key(1)), stranger_(Key(2)), api_(chain_, sink_) {
    chain_.twins[kOwnerTwin] = owner_.account_id();
    chain_.twins[kOtherTwin] = stranger_.account_id();
    ContractInfo c;
    c.contract_id = 7;
    c.twin_id = kOwnerTwin;
    c.node_id = kNode;
    c.state = chain::ContractState::kCreated;
    c.deployment_hash = DeploymentHash(MakeDeployment());
    c.resources = {.cru = 1, .mru = 64 << 20, .sru = 16 << 20, .hru = 0};
    chain_.contracts[7] = c;
  }

  std::string Body(const Deployment& d, uint64_t ts = kNow, const chain::SecretKey* key = nullptr) {
    return SignedDeploymentToJson(SignDeployment(d, ts, key ? *key : owner_)).dump();
  }

  // Posts and expects a refusal with `reason`, the sink never called.
  void ExpectRefused(const std::string& body, std::string_view reason, uint64_t now = kNow) {
    auto r = api_.HandlePost(body, now);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), reason) << r.status().ToString();
    EXPECT_TRUE(sink_.accepted.empty());
  }

  ContractInfo& Contract() { return chain_.contracts[7]; }

  chain::SecretKey owner_;
  chain::SecretKey stranger_;
  FakeChain chain_;
  FakeSink sink_;
  DeploymentApi api_;
};

TEST_F(DeploymentApiTest, AcceptedDeploymentReachesTheSinkOnce) {
  const std::string body = Body(MakeDeployment());
  auto r = api_.HandlePost(body, kNow + 59'000);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["status"], "accepted");
  EXPECT_EQ((*r)["contract_id"], 7);
  EXPECT_EQ((*r)["deployment_hash"], DeploymentHash(MakeDeployment()).Hex());
  ASSERT_EQ(sink_.accepted.size(), 1u);
  EXPECT_EQ(sink_.accepted[0].deployment, MakeDeployment());
  EXPECT_EQ(sink_.accepted[0].signer, owner_.account_id());

  // The same signed request again is a replay, even much later within the
  // window.
  auto again = api_.HandlePost(body, kNow + 1);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "replayed-request");
  EXPECT_EQ(sink_.accepted.size(), 1u);

  // A freshly signed request for the same deployment is fine.
  EXPECT_TRUE(api_.HandlePost(Body(MakeDeployment(), kNow + 5), kNow).ok());
  EXPECT_EQ(sink_.accepted.size(), 2u);

  auto status = api_.HandleGet(7);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)["contract_id"], 7);
  EXPECT_EQ(api_.HandleGet(8).status().reason(), "deployment-not-found");
}

TEST_F(DeploymentApiTest, GraceContractsAreStillLive) {
  Contract().state = chain::ContractState::kGrace;
  EXPECT_TRUE(api_.HandlePost(Body(MakeDeployment()), kNow).ok());
  EXPECT_EQ(sink_.accepted.size(), 1u);
}

TEST_F(DeploymentApiTest, RefusesBadDeployments) {
  ExpectRefused("{", "bad-deployment");
  ExpectRefused("[]", "bad-deployment");
  json body = json::parse(Body(MakeDeployment()));
  body["deployment"]["workloads"][0]["type"] = "vm";
  ExpectRefused(body.dump(), "bad-deployment");
  body = json::parse(Body(MakeDeployment()));
  body["deployment"]["workloads"][2].erase("image");
  ExpectRefused(body.dump(), "bad-deployment");
  body = json::parse(Body(MakeDeployment()));
  body["deployment"]["workloads"][2]["ip"] = "10.99.0.2";
  ExpectRefused(body.dump(), "bad-deployment");
}

TEST_F(DeploymentApiTest, RefusesBadSignature) {
  json body = json::parse(Body(MakeDeployment()));
  body["deployment"]["version"] = 2;  // signed was version 1
  ExpectRefused(body.dump(), "bad-signature");
  body = json::parse(Body(MakeDeployment()));
  body["timestamp_ms"] = kNow + 1;
  ExpectRefused(body.dump(), "bad-signature");
  body = json::parse(Body(MakeDeployment()));
  body["signer"] = chain::ToSs58(stranger_.account_id());  // claims another signer
  ExpectRefused(body.dump(), "bad-signature");
}

TEST_F(DeploymentApiTest, RefusesForeignSigner) {
  // Validly signed, but by a twin that does not own the contract.
  ExpectRefused(Body(MakeDeployment(), kNow, &stranger_), "not-contract-owner");
}

TEST_F(DeploymentApiTest, RefusesHashMismatch) {
  Deployment d = MakeDeployment();
  std::get<ContainerWorkload>(d.workloads[2]).env = {"A=B"};
  ExpectRefused(Body(d), "hash-mismatch");
  // A refused request is forgotten: sent again it is refused for its reason,
  // not as a replay.
  ExpectRefused(Body(d), "hash-mismatch");
}

TEST_F(DeploymentApiTest, RefusesDeletedContract) {
  Contract().state = chain::ContractState::kDeleted;
  ExpectRefused(Body(MakeDeployment()), "contract-not-live");
}

TEST_F(DeploymentApiTest, RefusesUnknownContract) {
  Deployment d = MakeDeployment();
  d.contract_id = 99;
  ExpectRefused(Body(d), "contract-not-found");
}

TEST_F(DeploymentApiTest, RefusesWrongNode) {
  Contract().node_id = kNode + 1;
  ExpectRefused(Body(MakeDeployment()), "wrong-node");
}

TEST_F(DeploymentApiTest, RefusesWhatExceedsTheContract) {
  // Each resource one unit short in turn; the deployment's hash is the
  // contract's.
  Contract().resources.mru = (64 << 20) - 1;
  ExpectRefused(Body(MakeDeployment()), "exceeds-contract");
  Contract().resources.mru = 64 << 20;
  Contract().resources.sru = (16 << 20) - 1;
  ExpectRefused(Body(MakeDeployment()), "exceeds-contract");
  Contract().resources.sru = 16 << 20;

  Deployment cpu = MakeDeployment();
  std::get<ContainerWorkload>(cpu.workloads[2]).cpu_millis = 1001;  // cru = 1 -> 1000
  Contract().deployment_hash = DeploymentHash(cpu);
  ExpectRefused(Body(cpu), "exceeds-contract");

  Deployment ip = MakeDeployment();
  std::get<ContainerWorkload>(ip.workloads[2]).public_ip = true;  // the contract reserved none
  Contract().deployment_hash = DeploymentHash(ip);
  ExpectRefused(Body(ip), "exceeds-contract");
  Contract().ips = {"185.69.166.10/24"};
  EXPECT_TRUE(api_.HandlePost(Body(ip), kNow).ok());
  EXPECT_EQ(sink_.accepted.size(), 1u);
}

TEST_F(DeploymentApiTest, RefusesStaleRequests) {
  ExpectRefused(Body(MakeDeployment(), kNow - 60'001), "stale-request");
  ExpectRefused(Body(MakeDeployment(), kNow + 60'001), "stale-request");
}

TEST_F(DeploymentApiTest, SinkFailureIsReturnedAndTheRequestMayBeRetried) {
  sink_.accept_status = Status::Unavailable("reconciler-busy");
  const std::string body = Body(MakeDeployment());
  EXPECT_EQ(api_.HandlePost(body, kNow).status().reason(), "reconciler-busy");
  sink_.accept_status = Status::Ok();
  EXPECT_TRUE(api_.HandlePost(body, kNow).ok());
  EXPECT_EQ(sink_.accepted.size(), 2u);
}

TEST_F(DeploymentApiTest, ForgetsSignaturesOnlyOutsideTheWindow) {
  const std::string body = Body(MakeDeployment());
  ASSERT_TRUE(api_.HandlePost(body, kNow).ok());
  // At the edge of the window the request is still fresh, so it must still be a
  // replay.
  EXPECT_EQ(api_.HandlePost(body, kNow + 60'000).status().reason(), "replayed-request");
  // Beyond it the request is stale, whatever the cache holds.
  EXPECT_EQ(api_.HandlePost(body, kNow + 60'001).status().reason(), "stale-request");
  EXPECT_EQ(sink_.accepted.size(), 1u);
}

TEST_F(DeploymentApiTest, ConcurrentCopiesOfOneRequestAreAcceptedOnce) {
  const std::string body = Body(MakeDeployment());
  std::atomic<int> accepted{0}, replayed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = api_.HandlePost(body, kNow);
      if (r.ok())
        ++accepted;
      else if (r.status().reason() == "replayed-request")
        ++replayed;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(replayed.load(), 7);
  EXPECT_EQ(sink_.accepted.size(), 1u);
}

TEST(DeploymentApiHttp, StatusCodes) {
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("bad-deployment")), 400);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("stale-request")), 400);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("bad-signature")), 401);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("not-contract-owner")), 403);
  EXPECT_EQ(HttpStatusFor(Status::NotFound("contract-not-found")), 404);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("hash-mismatch")), 409);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("replayed-request")), 409);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("wrong-node")), 421);
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("exceeds-contract")), 422);
  EXPECT_EQ(HttpStatusFor(Status::Unavailable("rpc-down")), 503);
}

TEST_F(DeploymentApiTest, HttpAdapterOnLoopback) {
  httplib::Server server;
  MountDeploymentApi(server, api_, [] { return kNow; });
  const int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread thread([&] { server.listen_after_bind(); });

  httplib::Client client("127.0.0.1", port);
  const std::string body = Body(MakeDeployment());
  auto ok = client.Post("/deployments", body, "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(json::parse(ok->body)["status"], "accepted");

  auto replay = client.Post("/deployments", body, "application/json");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 409);
  EXPECT_EQ(json::parse(replay->body)["error"], "replayed-request");

  auto bad = client.Post("/deployments", "nope", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"], "bad-deployment");

  auto get = client.Get("/deployments/7");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(json::parse(get->body)["contract_id"], 7);
  auto missing = client.Get("/deployments/8");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto overflow = client.Get("/deployments/99999999999999999999");
  ASSERT_TRUE(overflow);
  EXPECT_EQ(overflow->status, 400);

  server.stop();
  thread.join();
  EXPECT_EQ(sink_.accepted.size(), 1u);
}

}  // namespace
}  // namespace tfchain::agent
