// grid_getSolutionProvider against a scripted node: the exact JSON shape (checked
// against its schema by Result), not found, and bad ids refused.
#include <gtest/gtest.h>

#include "chain/json.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using SolutionProviderMethodsTest = RpcServerTest;

TEST_F(SolutionProviderMethodsTest, GetSolutionProvider) {
  node_.solution_providers[3] = SolutionProviderView{3,
                                                     FilledAccount(0x51),
                                                     "portal",
                                                     "https://portal.example.org",
                                                     {{FilledAccount(0x52), 10}, {FilledAccount(0x53), 25}},
                                                     true,
                                                     1'700'000'000'000};
  EXPECT_EQ(Result("grid_getSolutionProvider", {3}),
            json({{"provider_id", 3},
                  {"creator", chain::ToSs58(FilledAccount(0x51))},
                  {"description", "portal"},
                  {"link", "https://portal.example.org"},
                  {"providers", json::array({{{"account", chain::ToSs58(FilledAccount(0x52))}, {"take_percent", 10}},
                                             {{"account", chain::ToSs58(FilledAccount(0x53))}, {"take_percent", 25}}})},
                  {"approved", true},
                  {"created_ms", 1'700'000'000'000}}));
  EXPECT_EQ(Result("grid_getSolutionProvider", {{"id", 3}})["provider_id"], 3);

  const json missing = Error("grid_getSolutionProvider", {4});
  EXPECT_EQ(missing["code"], -32001) << missing.dump();
  EXPECT_EQ(missing["data"]["reason"], "solution-provider-not-found");
  const json no_id = Error("grid_getSolutionProvider", json::array());
  EXPECT_EQ(no_id["code"], -32602);
  EXPECT_EQ(no_id["data"]["reason"], "missing-param");
  const json too_big = Error("grid_getSolutionProvider", {uint64_t{1} << 32});
  EXPECT_EQ(too_big["data"]["reason"], "id-out-of-range");
}

}  // namespace
}  // namespace tfchain::rpc::testing
