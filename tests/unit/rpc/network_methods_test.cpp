// chain_getCommit, system_peers and system_syncState against a scripted node.
#include <gtest/gtest.h>

#include "chain/json.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using NetworkMethodsTest = RpcServerTest;

TEST_F(NetworkMethodsTest, ChainGetCommitByHeightOrHead) {
  chain::Commit c1{1, 0, FilledHash(0x01), {chain::CommitSig{FilledAccount(0x22), chain::Signature()}}};
  chain::Commit c2{2, 1, FilledHash(0x02), {}};
  node_.commits = {{1, c1}, {2, c2}};
  EXPECT_EQ(Result("chain_getCommit", {1}), chain::ToJson(c1));
  EXPECT_EQ(Result("chain_getCommit")["height"], 2);  // the head is at height 2
  const json missing = Call("chain_getCommit", {7});
  EXPECT_EQ(missing["error"]["code"], -32001) << missing.dump();
  EXPECT_EQ(missing["error"]["data"]["reason"], "commit-not-found");
  EXPECT_EQ(Call("chain_getCommit", {"x"})["error"]["code"], -32602);
}

TEST_F(NetworkMethodsTest, SystemPeersAndSyncState) {
  EXPECT_EQ(Result("system_peers"), json::array());
  node_.peers = {PeerView{"ab", "127.0.0.1:1", true, 9}};
  EXPECT_EQ(Result("system_peers"),
            json::array({{{"id", "ab"}, {"address", "127.0.0.1:1"}, {"inbound", true}, {"height", 9}}}));
  node_.sync_state = SyncState{3, 5, 10, true};
  EXPECT_EQ(Result("system_syncState"),
            json({{"starting_block", 3}, {"current_block", 5}, {"highest_block", 10}, {"syncing", true}}));
}

}  // namespace
}  // namespace tfchain::rpc::testing
