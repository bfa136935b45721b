#include "node/private_validator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_keys.h"

namespace tfchain::node {
namespace {

class PrivateValidatorTest : public ::testing::Test {
 protected:
  PrivateValidatorTest()
      : path_(std::filesystem::temp_directory_path() / ("signer-" + std::to_string(getpid()) + "-" +
                                                         ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove(path_);
  }
  ~PrivateValidatorTest() override { std::filesystem::remove(path_); }

  std::unique_ptr<PrivateValidator> Open() {
    auto pv = PrivateValidator::Open(testing::TestKey(1, 0x5e), path_, "c");
    EXPECT_TRUE(pv.ok()) << pv.status().ToString();
    return std::move(pv).value();
  }
  static chain::Vote Vote(uint64_t h, uint32_t r, chain::VoteType type, uint8_t value) {
    chain::Vote v;
    v.type = type;
    v.height = h;
    v.round = r;
    v.block_hash.bytes.fill(value);
    return v;
  }

  std::string path_;
};

TEST_F(PrivateValidatorTest, SignsPersistsAndRefusesConflictsAfterRestart) {
  {
    auto pv = Open();
    auto v = pv->SignVote(Vote(5, 0, chain::VoteType::kPrevote, 1));
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(chain::VerifyVote("c", *v));
    EXPECT_TRUE(std::filesystem::exists(path_));
  }
  // A "crash": a new process opens the same state.
  auto pv = Open();
  EXPECT_EQ(pv->SignVote(Vote(5, 0, chain::VoteType::kPrevote, 2)).status().reason(), "sign-conflict");
  EXPECT_EQ(pv->SignVote(Vote(4, 0, chain::VoteType::kPrecommit, 2)).status().reason(), "sign-regression");
  // The very same vote may be signed again (same signature: ed25519 is deterministic).
  EXPECT_TRUE(pv->SignVote(Vote(5, 0, chain::VoteType::kPrevote, 1)).ok());
  EXPECT_TRUE(pv->SignVote(Vote(5, 0, chain::VoteType::kPrecommit, 1)).ok());
  chain::Proposal p;
  p.height = 5;
  p.round = 1;
  p.pol_round = -1;
  auto signed_p = pv->SignProposal(p);
  ASSERT_TRUE(signed_p.ok());
  EXPECT_TRUE(chain::VerifyProposal("c", *signed_p));
}

TEST_F(PrivateValidatorTest, CorruptStateIsRefused) {
  { std::ofstream(path_) << "garbage"; }
  auto pv = PrivateValidator::Open(testing::TestKey(1, 0x5e), path_, "c");
  ASSERT_FALSE(pv.ok());
  EXPECT_EQ(pv.status().reason(), "bad-signer-state");
}

TEST_F(PrivateValidatorTest, AnUnwritableStateFileMeansNoSignature) {
  auto pv = PrivateValidator::Open(testing::TestKey(1, 0x5e), "/nonexistent-dir/signer.bin", "c");
  ASSERT_TRUE(pv.ok());
  auto v = (*pv)->SignVote(Vote(1, 0, chain::VoteType::kPrevote, 1));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().reason(), "cannot-write");
}

}  // namespace
}  // namespace tfchain::node
