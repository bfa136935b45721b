#include "wallet/cli.h"

#include <gtest/gtest.h>

#include <map>

namespace tfchain::wallet {
namespace {

using chain::KeyScheme;

class CliTest : public ::testing::Test {
 protected:
  chain::Result<Invocation> Parse(std::vector<std::string> args) {
    return ParseCommandLine(args, [this](std::string_view name) -> std::optional<std::string> {
      auto it = env_.find(std::string(name));
      if (it == env_.end()) return std::nullopt;
      return it->second;
    });
  }
  // Expects a failure with `reason` whose detail contains `fragment`.
  void ExpectError(std::vector<std::string> args, std::string_view reason, std::string_view fragment) {
    auto parsed = Parse(args);
    ASSERT_FALSE(parsed.ok()) << "accepted: " << ::testing::PrintToString(args);
    EXPECT_EQ(parsed.status().reason(), reason) << parsed.status().ToString();
    EXPECT_NE(parsed.status().detail().find(fragment), std::string_view::npos) << parsed.status().ToString();
  }
  std::map<std::string, std::string> env_ = {{"HOME", "/home/u"}};
};

TEST_F(CliTest, GlobalDefaults) {
  auto parsed = Parse({"key", "list"});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->global.rpc_url, "http://127.0.0.1:9933");
  EXPECT_EQ(parsed->global.keystore_dir, "/home/u/.tfwallet/keystore");
  EXPECT_FALSE(parsed->global.json);
  EXPECT_EQ(parsed->global.kdf, KdfStrength::kModerate);
  EXPECT_TRUE(std::holds_alternative<KeyListCommand>(parsed->command));
}

TEST_F(CliTest, EnvironmentAndFlagsOverrideDefaults) {
  env_["TFWALLET_RPC"] = "http://node:1234";
  env_["TFWALLET_KEYSTORE"] = "/ks";
  auto from_env = Parse({"key", "list"});
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->global.rpc_url, "http://node:1234");
  EXPECT_EQ(from_env->global.keystore_dir, "/ks");

  auto flags = Parse({"--rpc", "http://other:1", "key", "list", "--keystore=/flag", "--json", "--kdf", "interactive"});
  ASSERT_TRUE(flags.ok()) << flags.status().ToString();
  EXPECT_EQ(flags->global.rpc_url, "http://other:1");
  EXPECT_EQ(flags->global.keystore_dir, "/flag");
  EXPECT_TRUE(flags->global.json);
  EXPECT_EQ(flags->global.kdf, KdfStrength::kInteractive);
}

TEST_F(CliTest, NoHomeLeavesKeystoreUnset) {
  env_.clear();
  auto parsed = Parse({"key", "list"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->global.keystore_dir, "");
}

TEST_F(CliTest, KeyCommands) {
  auto gen = Parse({"key", "generate", "--scheme", "secp256k1", "--words", "24", "--name", "bob"});
  ASSERT_TRUE(gen.ok()) << gen.status().ToString();
  const auto& g = std::get<KeyGenerateCommand>(gen->command);
  EXPECT_EQ(g.scheme, KeyScheme::kSecp256k1);
  EXPECT_EQ(g.words, 24);
  EXPECT_EQ(g.name, "bob");

  auto gen_default = Parse({"key", "generate"});
  ASSERT_TRUE(gen_default.ok());
  EXPECT_EQ(std::get<KeyGenerateCommand>(gen_default->command).words, 12);
  EXPECT_FALSE(std::get<KeyGenerateCommand>(gen_default->command).name.has_value());

  auto inspect = Parse({"key", "inspect", "//Alice", "--public"});
  ASSERT_TRUE(inspect.ok());
  EXPECT_EQ(std::get<KeyInspectCommand>(inspect->command).input, "//Alice");
  EXPECT_TRUE(std::get<KeyInspectCommand>(inspect->command).public_only);

  auto import = Parse({"key", "import", "alice", "//Alice", "--scheme=ecdsa"});
  ASSERT_TRUE(import.ok());
  EXPECT_EQ(std::get<KeyImportCommand>(import->command).name, "alice");
  EXPECT_EQ(std::get<KeyImportCommand>(import->command).uri, "//Alice");
  EXPECT_EQ(std::get<KeyImportCommand>(import->command).scheme, KeyScheme::kSecp256k1);

  auto stdin_uri = Parse({"key", "import", "alice", "-"});
  ASSERT_TRUE(stdin_uri.ok());
  EXPECT_EQ(std::get<KeyImportCommand>(stdin_uri->command).uri, "-");
}

TEST_F(CliTest, TransferParsesAmountsExactly) {
  auto parsed = Parse({"transfer", "--from", "alice", "--to", "bob", "--amount", "1.5", "--tip", "0.0000001",
                       "--valid-for", "7", "--dry-run", "--no-wait"});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const auto& t = std::get<TransferCommand>(parsed->command);
  EXPECT_EQ(t.tx.from, "alice");
  EXPECT_EQ(t.to, "bob");
  EXPECT_EQ(t.amount, 15'000'000u);
  EXPECT_EQ(t.tx.tip, 1u);
  EXPECT_EQ(t.tx.valid_for, 7u);
  EXPECT_TRUE(t.tx.dry_run);
  EXPECT_TRUE(t.tx.no_wait);

  auto defaults = Parse({"transfer", "--from", "//Alice", "--to", "bob", "--amount", "2"});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(std::get<TransferCommand>(defaults->command).tx.tip, 0u);
  EXPECT_EQ(std::get<TransferCommand>(defaults->command).tx.valid_for, 100u);
  EXPECT_FALSE(std::get<TransferCommand>(defaults->command).tx.dry_run);
}

TEST_F(CliTest, TransferRejectsBadAmounts) {
  for (const char* bad : {"1.12345678", "-1", "1e3", "", ".", "1.", "99999999999999999999"}) {
    ExpectError({"transfer", "--from", "a", "--to", "b", "--amount", bad}, "bad-amount", "--amount");
  }
  ExpectError({"transfer", "--from", "a", "--to", "b", "--amount", "0"}, "bad-amount", "greater than zero");
  ExpectError({"transfer", "--from", "a", "--to", "b", "--amount", "1", "--tip", "x"}, "bad-amount", "--tip");
  ExpectError({"transfer", "--from", "a", "--to", "b", "--amount", "1", "--valid-for", "0"}, "usage", "--valid-for");
  ExpectError({"transfer", "--from", "a", "--to", "b", "--amount", "1", "--valid-for", "x"}, "usage", "--valid-for");
}

TEST_F(CliTest, BalanceAndTxShow) {
  auto balance = Parse({"balance", "alice", "--prove"});
  ASSERT_TRUE(balance.ok());
  EXPECT_EQ(std::get<BalanceCommand>(balance->command).target, "alice");
  EXPECT_TRUE(std::get<BalanceCommand>(balance->command).prove);

  const std::string hash = "0x" + std::string(64, 'a');
  auto show = Parse({"tx", "show", hash});
  ASSERT_TRUE(show.ok());
  EXPECT_EQ(std::get<TxShowCommand>(show->command).hash.Hex(), hash);
  ExpectError({"tx", "show", "0x1234"}, "bad-length", "HASH");
  ExpectError({"tx", "show", "zz"}, "bad-hex", "HASH");
}

TEST_F(CliTest, UsageErrors) {
  ExpectError({}, "usage", "missing command");
  ExpectError({"frobnicate"}, "usage", "unknown command 'frobnicate'");
  ExpectError({"key"}, "usage", "missing subcommand");
  ExpectError({"key", "destroy"}, "usage", "unknown command 'key destroy'");
  ExpectError({"key", "list", "extra"}, "usage", "unexpected argument 'extra'");
  ExpectError({"key", "inspect"}, "usage", "missing argument URI");
  ExpectError({"key", "import", "alice"}, "usage", "missing argument URI");
  ExpectError({"balance"}, "usage", "missing argument ADDRESS|NAME");
  ExpectError({"balance", "a", "b"}, "usage", "unexpected argument 'b'");
  ExpectError({"key", "list", "--bogus"}, "usage", "unknown option '--bogus'");
  ExpectError({"key", "list", "--prove"}, "usage", "unknown option '--prove' for 'key list'");
  ExpectError({"key", "list", "-x"}, "usage", "unknown option '-x'");
  ExpectError({"key", "generate", "--name"}, "usage", "missing value for --name");
  ExpectError({"key", "generate", "--name", "--json"}, "usage", "missing value for --name");
  ExpectError({"key", "generate", "--words", "13"}, "usage", "--words must be 12 or 24");
  ExpectError({"key", "generate", "--scheme", "rsa"}, "bad-scheme", "rsa");
  ExpectError({"key", "generate", "--name", "a", "--name", "b"}, "usage", "more than once");
  ExpectError({"balance", "x", "--prove=yes"}, "usage", "takes no value");
  ExpectError({"--json=1", "key", "list"}, "usage", "takes no value");
  ExpectError({"--rpc"}, "usage", "missing value for --rpc");
  ExpectError({"--rpc", "a", "--rpc", "b", "key", "list"}, "usage", "more than once");
  ExpectError({"--kdf", "fast", "key", "list"}, "usage", "--kdf must be");
  ExpectError({"--keystore=", "key", "list"}, "usage", "--keystore");
  ExpectError({"transfer", "--to", "b", "--amount", "1"}, "usage", "missing --from");
  ExpectError({"transfer", "--from", "a", "--amount", "1"}, "usage", "missing --to");
  ExpectError({"transfer", "--from", "a", "--to", "b"}, "usage", "missing --amount");
  ExpectError({"help", "nonsense"}, "usage", "no help for 'nonsense'");
  ExpectError({"nonsense", "--help"}, "usage", "unknown command 'nonsense'");
}

TEST_F(CliTest, DoubleDashEndsOptions) {
  auto parsed = Parse({"key", "inspect", "--", "--weird"});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(std::get<KeyInspectCommand>(parsed->command).input, "--weird");
}

TEST_F(CliTest, Help) {
  for (const auto& [args, topic] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--help"}, ""},
           {{"-h"}, ""},
           {{"help"}, ""},
           {{"help", "transfer"}, "transfer"},
           {{"help", "key", "generate"}, "key generate"},
           {{"key", "generate", "--help"}, "key generate"},
           {{"key", "--help"}, "key"},
           {{"transfer", "--amount", "bad", "--help"}, "transfer"},
       }) {
    auto parsed = Parse(args);
    ASSERT_TRUE(parsed.ok()) << ::testing::PrintToString(args) << ": " << parsed.status().ToString();
    ASSERT_TRUE(std::holds_alternative<HelpCommand>(parsed->command));
    EXPECT_EQ(std::get<HelpCommand>(parsed->command).topic, topic);
  }
  EXPECT_NE(HelpText("")->find("key generate"), std::string::npos);
  EXPECT_NE(HelpText("transfer")->find("--amount TFT"), std::string::npos);
  EXPECT_NE(HelpText("key")->find("tfwallet key import NAME URI"), std::string::npos);
  EXPECT_FALSE(HelpText("nonsense").has_value());
}

}  // namespace
}  // namespace tfchain::wallet
