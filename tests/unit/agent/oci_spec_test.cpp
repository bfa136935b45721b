#include "farmer-agent/provision/oci_spec.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tfchain::agent {
namespace {

using nlohmann::json;

ContainerSpec SampleSpec() {
  ContainerSpec spec;
  spec.id = "web-1";
  spec.image = "/images/busybox.tar";
  spec.image_hash.bytes.fill(0xab);
  spec.cpu_millis = 500;
  spec.memory_bytes = 64ull << 20;
  spec.entrypoint = {"/bin/sh", "-c", "sleep 1000"};
  spec.env = {"A=B", "C=D=E"};
  spec.mounts = {{"/srv/vol/data", "/data"}};
  spec.netns_path = "/var/run/netns/tf-web-1";
  return spec;
}

json Parse(const ContainerSpec& spec) { return json::parse(BuildOciConfig(spec)); }

json FindNamespace(const json& config, std::string_view type) {
  for (const json& ns : config["linux"]["namespaces"]) {
    if (ns["type"] == type) return ns;
  }
  return json();
}

TEST(OciSpecTest, ProcessFromEntrypointAndEnv) {
  json c = Parse(SampleSpec());
  EXPECT_EQ(c["ociVersion"], "1.0.2");
  EXPECT_EQ(c["process"]["terminal"], false);
  EXPECT_EQ(c["process"]["args"], json({"/bin/sh", "-c", "sleep 1000"}));
  EXPECT_EQ(c["process"]["cwd"], "/");
  const json& env = c["process"]["env"];
  ASSERT_EQ(env.size(), 3u);
  EXPECT_TRUE(env[0].get<std::string>().starts_with("PATH="));
  EXPECT_EQ(env[1], "A=B");
  EXPECT_EQ(env[2], "C=D=E");
  EXPECT_EQ(c["process"]["user"]["uid"], 0);
  EXPECT_EQ(c["process"]["noNewPrivileges"], true);
  const json& caps = c["process"]["capabilities"]["bounding"];
  EXPECT_NE(std::find(caps.begin(), caps.end(), "CAP_NET_RAW"), caps.end());
  EXPECT_EQ(std::find(caps.begin(), caps.end(), "CAP_SYS_ADMIN"), caps.end());
}

TEST(OciSpecTest, RootHostnameAndImageAnnotation) {
  json c = Parse(SampleSpec());
  EXPECT_EQ(c["root"]["path"], "rootfs");
  EXPECT_EQ(c["root"]["readonly"], false);
  EXPECT_EQ(c["hostname"], "web-1");
  std::string hex = "0x";
  for (int i = 0; i < 32; ++i) hex += "ab";
  EXPECT_EQ(c["annotations"]["org.tfchain.image-hash"], hex);
}

TEST(OciSpecTest, ResourcesFromCpuMillisAndMemory) {
  json c = Parse(SampleSpec());
  const json& r = c["linux"]["resources"];
  EXPECT_EQ(r["memory"]["limit"], 64ull << 20);
  EXPECT_EQ(r["memory"]["swap"], 64ull << 20);
  EXPECT_EQ(r["cpu"]["period"], 100000);
  EXPECT_EQ(r["cpu"]["quota"], 50000);
  ASSERT_EQ(r["devices"].size(), 1u);
  EXPECT_EQ(r["devices"][0]["allow"], false);

  ContainerSpec two_cores = SampleSpec();
  two_cores.cpu_millis = 2000;
  EXPECT_EQ(Parse(two_cores)["linux"]["resources"]["cpu"]["quota"], 200000);

  ContainerSpec unlimited = SampleSpec();
  unlimited.memory_bytes = 0;
  EXPECT_FALSE(Parse(unlimited)["linux"]["resources"].contains("memory"));
}

TEST(OciSpecTest, NamespacesJoinGivenNetns) {
  json c = Parse(SampleSpec());
  for (std::string_view type : {"pid", "ipc", "uts", "mount", "network"}) {
    EXPECT_FALSE(FindNamespace(c, type).is_null()) << type;
  }
  EXPECT_TRUE(FindNamespace(c, "user").is_null());
  EXPECT_EQ(FindNamespace(c, "network")["path"], "/var/run/netns/tf-web-1");
  EXPECT_FALSE(FindNamespace(c, "pid").contains("path"));

  ContainerSpec fresh = SampleSpec();
  fresh.netns_path.clear();
  EXPECT_FALSE(FindNamespace(Parse(fresh), "network").contains("path"));
}

TEST(OciSpecTest, VolumesAreBindMountedAfterStandardMounts) {
  json c = Parse(SampleSpec());
  const json& mounts = c["mounts"];
  ASSERT_GE(mounts.size(), 2u);
  EXPECT_EQ(mounts[0]["destination"], "/proc");
  const json& last = mounts.back();
  EXPECT_EQ(last["destination"], "/data");
  EXPECT_EQ(last["source"], "/srv/vol/data");
  EXPECT_EQ(last["type"], "bind");
  EXPECT_EQ(last["options"], json({"rbind", "rw"}));
}

TEST(OciSpecTest, DeterministicAndSensitiveToEveryField) {
  ContainerSpec spec = SampleSpec();
  EXPECT_EQ(BuildOciConfig(spec), BuildOciConfig(SampleSpec()));
  ContainerSpec other_hash = spec;
  other_hash.image_hash.bytes[0] = 0;
  EXPECT_NE(BuildOciConfig(other_hash), BuildOciConfig(spec));
  ContainerSpec other_env = spec;
  other_env.env.push_back("X=1");
  EXPECT_NE(BuildOciConfig(other_env), BuildOciConfig(spec));
}

TEST(OciSpecTest, InvalidUtf8DoesNotThrow) {
  ContainerSpec spec = SampleSpec();
  spec.env = {std::string("BAD=\xff\xfe")};
  EXPECT_NO_THROW(Parse(spec));
}

}  // namespace
}  // namespace tfchain::agent
