#include "farmer-agent/deployment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "chain/hash.h"

namespace tfchain::agent {
namespace {

using nlohmann::json;

json SampleJson() {
  return json::parse(R"({
    "contract_id": 7, "version": 1,
    "workloads": [
      {"type": "network", "name": "net", "subnet": "10.88.3.0/24"},
      {"type": "volume", "name": "data", "size": 16777216},
      {"type": "container", "name": "web", "image": "/images/busybox.tar",
       "image_hash": "0x0101010101010101010101010101010101010101010101010101010101010101",
       "cpu_millis": 500, "memory": 67108864, "entrypoint": ["/bin/sh", "-c", "sleep 1000"],
       "env": ["A=B"], "mounts": [{"volume": "data", "path": "/data"}], "network": "net",
       "ip": "10.88.3.2", "public_ip": false}
    ]})");
}

Deployment Sample() {
  auto d = DeploymentFromJson(SampleJson());
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return *d;
}

// Expects DeploymentFromJson to refuse `j` with "bad-deployment" and a detail
// containing `where`.
void ExpectBad(const json& j, std::string_view where) {
  auto d = DeploymentFromJson(j);
  ASSERT_FALSE(d.ok()) << j.dump();
  EXPECT_EQ(d.status().reason(), "bad-deployment");
  EXPECT_NE(d.status().detail().find(where), std::string_view::npos) << d.status().ToString();
}

json& Container(json& j) { return j["workloads"][2]; }

TEST(Deployment, ParsesTheSpecExample) {
  Deployment d = Sample();
  EXPECT_EQ(d.contract_id, 7u);
  EXPECT_EQ(d.version, 1u);
  ASSERT_EQ(d.workloads.size(), 3u);
  EXPECT_EQ(std::get<NetworkWorkload>(d.workloads[0]).subnet, "10.88.3.0/24");
  EXPECT_EQ(std::get<VolumeWorkload>(d.workloads[1]).size, 16777216u);
  const auto& c = std::get<ContainerWorkload>(d.workloads[2]);
  EXPECT_EQ(c.cpu_millis, 500u);
  EXPECT_EQ(c.memory, 67108864u);
  EXPECT_EQ(c.entrypoint.size(), 3u);
  ASSERT_EQ(c.mounts.size(), 1u);
  EXPECT_EQ(c.mounts[0].path, "/data");
  EXPECT_EQ(c.ip, "10.88.3.2");
  EXPECT_EQ(TypeOf(d.workloads[2]), WorkloadType::kContainer);
  EXPECT_EQ(NameOf(d.workloads[2]), "web");
  DeploymentUsage u = UsageOf(d);
  EXPECT_EQ(u.cpu_millis, 500u);
  EXPECT_EQ(u.memory, 67108864u);
  EXPECT_EQ(u.storage, 16777216u);
  EXPECT_EQ(u.public_ips, 0u);
}

TEST(Deployment, OptionalContainerFieldsDefault) {
  json j = SampleJson();
  for (const char* k : {"env", "mounts", "network", "ip", "public_ip"}) Container(j).erase(k);
  auto d = DeploymentFromJson(j);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const auto& c = std::get<ContainerWorkload>(d->workloads[2]);
  EXPECT_TRUE(c.env.empty());
  EXPECT_TRUE(c.mounts.empty());
  EXPECT_TRUE(c.network.empty());
  EXPECT_FALSE(c.public_ip);
}

TEST(Deployment, JsonRoundTrip) {
  Deployment d = Sample();
  auto again = DeploymentFromJson(DeploymentToJson(d));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, d);
}

TEST(Deployment, CanonicalEncodingRoundTrips) {
  Deployment d = Sample();
  chain::Bytes bytes = chain::Encode(d);
  auto back = chain::DecodeExact<Deployment>(bytes, 1 << 20);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, d);
  EXPECT_EQ(chain::Encode(*back), bytes);
  // Trailing bytes, truncation and unknown tags are refused.
  chain::Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(chain::DecodeExact<Deployment>(longer, 1 << 20).status().reason(), "decode-trailing-bytes");
  chain::Bytes shorter(bytes.begin(), bytes.end() - 1);
  EXPECT_EQ(chain::DecodeExact<Deployment>(shorter, 1 << 20).status().reason(), "decode-truncated");
  chain::Bytes bad_tag = bytes;
  bad_tag[8 + 4 + 1] = 9;  // the first workload's tag after u64, u32, compact(3)
  EXPECT_EQ(chain::DecodeExact<Deployment>(bad_tag, 1 << 20).status().reason(), "decode-bad-tag");
}

// Random deployments (valid or not: the codec does not care) survive the binary
// round trip, and valid ones the JSON round trip with the same hash.
TEST(Deployment, RandomDeploymentsRoundTrip) {
  std::mt19937_64 rng(20261121);
  auto pick = [&](uint64_t n) { return rng() % n; };
  auto word = [&](size_t max_len) {
    std::string s(1 + pick(max_len), 'a');
    for (char& c : s) c = "abcxyz019-"[pick(10)];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    Deployment d;
    d.contract_id = rng();
    d.version = static_cast<uint32_t>(rng());
    const size_t nets = pick(3), vols = pick(4), containers = 1 + pick(4);
    for (size_t i = 0; i < nets; ++i) {
      d.workloads.push_back(NetworkWorkload{"n" + std::to_string(i), "10." + std::to_string(i) + ".0.0/16"});
    }
    for (size_t i = 0; i < vols; ++i)
      d.workloads.push_back(VolumeWorkload{"v" + std::to_string(i), (1 + pick(1000)) << 20});
    for (size_t i = 0; i < containers; ++i) {
      ContainerWorkload c;
      c.name = "c" + std::to_string(i);
      c.image = "/img/" + word(30) + ".tar";
      for (uint8_t& b : c.image_hash.bytes) b = static_cast<uint8_t>(rng());
      c.cpu_millis = 1 + static_cast<uint32_t>(pick(4000));
      c.memory = (1 + pick(4096)) << 20;
      for (size_t k = 0, n = 1 + pick(4); k < n; ++k) c.entrypoint.push_back(word(20));
      for (size_t k = 0, n = pick(4); k < n; ++k) c.env.push_back("K" + std::to_string(k) + "=" + word(10));
      if (vols > 0) c.mounts.push_back({"v" + std::to_string(pick(vols)), "/m/" + word(8)});
      if (nets > 0) {
        const size_t net = pick(nets);
        c.network = "n" + std::to_string(net);
        c.ip = "10." + std::to_string(net) + ".1." + std::to_string(2 + i);
      }
      c.public_ip = pick(2) == 1;
      d.workloads.push_back(std::move(c));
    }
    std::shuffle(d.workloads.begin(), d.workloads.end(), rng);
    ASSERT_TRUE(Validate(d).ok()) << Validate(d).ToString();
    chain::Bytes bytes = chain::Encode(d);
    auto back = chain::DecodeExact<Deployment>(bytes, 1 << 20);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, d);
    auto from_json = DeploymentFromJson(json::parse(DeploymentToJson(d).dump()));
    ASSERT_TRUE(from_json.ok()) << from_json.status().ToString();
    EXPECT_EQ(DeploymentHash(*from_json), DeploymentHash(d));
    // Every strict prefix fails to decode.
    chain::Bytes prefix(bytes.begin(), bytes.begin() + static_cast<long>(pick(bytes.size())));
    EXPECT_FALSE(chain::DecodeExact<Deployment>(prefix, 1 << 20).ok());
  }
}

TEST(Deployment, EncodingLayoutOfASmallDeployment) {
  Deployment d;
  d.contract_id = 1;
  d.version = 2;
  d.workloads.push_back(VolumeWorkload{"v", 1 << 20});
  // clang-format off
  chain::Bytes expect = {1, 0, 0, 0, 0, 0, 0, 0,        // contract_id u64
                         2, 0, 0, 0,                    // version u32
                         4,                             // compact(1)
                         1,                             // tag volume
                         4, 'v',                        // name
                         0, 0, 0x10, 0, 0, 0, 0, 0};    // size u64 = 1 MiB
  // clang-format on
  EXPECT_EQ(chain::Encode(d), expect);
  // The hash leaves the contract id out: a wallet knows it before the contract exists.
  EXPECT_EQ(DeploymentHash(d), chain::Blake2b256(chain::ByteSpan(expect).subspan(8)));
}

TEST(Deployment, HashIsStable) {
  // A fixed vector (recomputed independently with Python hashlib from the
  // grammar in deployment.cpp, the body without contract_id): changing the
  // encoding changes every on-chain deployment_hash.
  EXPECT_EQ(DeploymentHash(Sample()).Hex(), "0x885d20e548778eb1edf194f915742d1efcd85a40c943df4f22f1621c2b3c7403");
}

TEST(Deployment, HashLeavesTheContractIdOutButTheSignatureCoversIt) {
  Deployment d = Sample();
  Deployment other = d;
  other.contract_id = 8;
  EXPECT_EQ(DeploymentHash(other), DeploymentHash(d));
  EXPECT_NE(SigningHash(other, 5), SigningHash(d, 5));
}

TEST(Deployment, HashCoversEveryField) {
  Deployment d = Sample();
  const chain::Hash256 h = DeploymentHash(d);
  Deployment e = d;
  e.version = 2;
  EXPECT_NE(DeploymentHash(e), h);
  e = d;
  std::get<ContainerWorkload>(e.workloads[2]).public_ip = true;
  EXPECT_NE(DeploymentHash(e), h);
  e = d;
  std::get<ContainerWorkload>(e.workloads[2]).env.push_back("C=D");
  EXPECT_NE(DeploymentHash(e), h);
}

TEST(Deployment, SignAndVerify) {
  chain::Bytes seed(32, 3);
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed);
  ASSERT_TRUE(key.ok());
  SignedDeployment s = SignDeployment(Sample(), 1'700'000'000'000, *key);
  EXPECT_EQ(s.signer, key->account_id());
  EXPECT_TRUE(VerifySignature(s));
  SignedDeployment later = s;
  later.timestamp_ms += 1;
  EXPECT_FALSE(VerifySignature(later));
  SignedDeployment changed = s;
  changed.deployment.version = 9;
  EXPECT_FALSE(VerifySignature(changed));
  // The signature never equals one over the bare deployment hash (domain
  // separated).
  EXPECT_NE(SigningHash(s.deployment, s.timestamp_ms), DeploymentHash(s.deployment));

  auto parsed = ParseSignedDeployment(SignedDeploymentToJson(s).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, s);
  EXPECT_TRUE(VerifySignature(*parsed));
}

TEST(Deployment, Secp256k1SignaturesVerifyToo) {
  chain::Bytes seed(32, 5);
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kSecp256k1, seed);
  ASSERT_TRUE(key.ok());
  SignedDeployment s = SignDeployment(Sample(), 42, *key);
  auto parsed = ParseSignedDeployment(SignedDeploymentToJson(s).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(VerifySignature(*parsed));
}

TEST(Deployment, RefusesBadSchema) {
  json j = SampleJson();
  j["workloads"][0]["type"] = "vm";
  ExpectBad(j, "unknown workload type \"vm\"");

  j = SampleJson();
  Container(j).erase("image_hash");
  ExpectBad(j, "workloads[2].image_hash: missing");

  j = SampleJson();
  Container(j)["image_hash"] = "0xzz";
  ExpectBad(j, "workloads[2].image_hash: bad-hex");

  j = SampleJson();
  Container(j)["image_hash"] = "0x0102";
  ExpectBad(j, "workloads[2].image_hash: bad-length");

  j = SampleJson();
  Container(j)["cpu_millis"] = "500";
  ExpectBad(j, "workloads[2].cpu_millis: must be a non-negative integer");

  j = SampleJson();
  Container(j)["cpu_millis"] = 1.5;
  ExpectBad(j, "workloads[2].cpu_millis");

  j = SampleJson();
  Container(j)["cpu_millis"] = -1;
  ExpectBad(j, "workloads[2].cpu_millis");

  j = SampleJson();
  Container(j)["cpu_millis"] = 1ull << 32;
  ExpectBad(j, "workloads[2].cpu_millis: must be at most");

  j = SampleJson();
  Container(j)["extra"] = 1;
  ExpectBad(j, "workloads[2].extra: unknown field");

  j = SampleJson();
  j["owner"] = "x";
  ExpectBad(j, "deployment.owner: unknown field");

  j = SampleJson();
  j.erase("version");
  ExpectBad(j, "deployment.version: missing");

  j = SampleJson();
  j["workloads"] = json::array();
  ExpectBad(j, "workloads: must not be empty");

  ExpectBad(json::array(), "must be an object");
  ExpectBad(json::parse(R"({"contract_id":1,"version":1,"workloads":[7]})"), "workloads[0]: must be an object");
}

TEST(Deployment, RefusesBrokenRules) {
  json j = SampleJson();
  j["workloads"][1]["name"] = "net";
  ExpectBad(j, "workloads[1].name: duplicate name \"net\"");

  j = SampleJson();
  j["workloads"][1]["name"] = "Data";
  ExpectBad(j, "workloads[1].name: only [a-z0-9-]");

  j = SampleJson();
  j["workloads"][1]["name"] = std::string(49, 'a');
  ExpectBad(j, "workloads[1].name: must be 1..48");

  j = SampleJson();
  Container(j)["mounts"][0]["volume"] = "nope";
  ExpectBad(j, "workloads[2].mounts[0].volume: no volume named \"nope\"");

  j = SampleJson();
  Container(j)["mounts"][0]["volume"] = "net";  // a network is no volume
  ExpectBad(j, "workloads[2].mounts[0].volume");

  j = SampleJson();
  Container(j)["mounts"][0]["path"] = "data";
  ExpectBad(j, "workloads[2].mounts[0].path: must be an absolute path");

  j = SampleJson();
  Container(j)["mounts"][0]["path"] = "/data/../etc";
  ExpectBad(j, "workloads[2].mounts[0].path: must not contain");

  j = SampleJson();
  Container(j)["ip"] = "10.88.4.2";
  ExpectBad(j, "workloads[2].ip: 10.88.4.2 is outside 10.88.3.0/24");

  for (const char* reserved : {"10.88.3.0", "10.88.3.1", "10.88.3.255"}) {
    j = SampleJson();
    Container(j)["ip"] = reserved;
    ExpectBad(j, "workloads[2].ip: " + std::string(reserved) + " is the network, bridge");
  }

  j = SampleJson();
  Container(j)["ip"] = "10.88.3.02";
  ExpectBad(j, "workloads[2].ip: bad-ip");

  j = SampleJson();
  Container(j)["network"] = "other";
  ExpectBad(j, "workloads[2].network: no network named \"other\"");

  j = SampleJson();
  Container(j).erase("network");
  ExpectBad(j, "workloads[2].ip: set without a network");

  j = SampleJson();
  j["workloads"][0]["subnet"] = "10.88.3.5/24";
  ExpectBad(j, "workloads[0].subnet: host bits must be zero");

  j = SampleJson();
  j["workloads"][0]["subnet"] = "fd00::/64";
  ExpectBad(j, "workloads[0].subnet: must be IPv4");

  j = SampleJson();
  j["workloads"][0]["subnet"] = "10.88.3.0";
  ExpectBad(j, "workloads[0].subnet: bad-cidr");

  j = SampleJson();
  j["workloads"][1]["size"] = 1000;
  ExpectBad(j, "workloads[1].size: must be at least 1 MiB");

  j = SampleJson();
  Container(j)["memory"] = 0;
  ExpectBad(j, "workloads[2].memory");

  j = SampleJson();
  Container(j)["cpu_millis"] = 0;
  ExpectBad(j, "workloads[2].cpu_millis: must be at least 1");

  j = SampleJson();
  Container(j)["entrypoint"] = json::array();
  ExpectBad(j, "workloads[2].entrypoint: must not be empty");

  j = SampleJson();
  Container(j)["env"] = {"NOEQUALS"};
  ExpectBad(j, "workloads[2].env[0]: must be \"KEY=VALUE\"");

  j = SampleJson();
  Container(j)["image"] = "";
  ExpectBad(j, "workloads[2].image: must not be empty");

  // Two containers on one address.
  j = SampleJson();
  json second = Container(j);
  second["name"] = "web2";
  j["workloads"].push_back(second);
  ExpectBad(j, "workloads[3].ip: 10.88.3.2 used twice");
  j["workloads"][3]["ip"] = "10.88.3.3";
  EXPECT_TRUE(DeploymentFromJson(j).ok());
}

TEST(Deployment, RefusesBadRequestBodies) {
  chain::Bytes seed(32, 3);
  auto key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed);
  ASSERT_TRUE(key.ok());
  json body = SignedDeploymentToJson(SignDeployment(Sample(), 1000, *key));

  EXPECT_EQ(ParseSignedDeployment("{not json").status().reason(), "bad-deployment");
  EXPECT_NE(ParseSignedDeployment(std::string(kMaxDeploymentBody + 1, ' ')).status().detail().find("1 MiB"),
            std::string_view::npos);
  json b = body;
  b["signer"] = "5xyz";
  EXPECT_NE(ParseSignedDeployment(b.dump()).status().detail().find("signer"), std::string_view::npos);
  b = body;
  b["signature"] = "0x0102";
  EXPECT_NE(ParseSignedDeployment(b.dump()).status().detail().find("signature"), std::string_view::npos);
  b = body;
  b.erase("timestamp_ms");
  EXPECT_NE(ParseSignedDeployment(b.dump()).status().detail().find("timestamp_ms: missing"), std::string_view::npos);
  b = body;
  b["nonce"] = 1;
  EXPECT_NE(ParseSignedDeployment(b.dump()).status().detail().find("nonce: unknown field"), std::string_view::npos);
}

}  // namespace
}  // namespace tfchain::agent
