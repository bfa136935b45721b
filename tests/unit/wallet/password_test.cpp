#include "wallet/password.h"

#include <gtest/gtest.h>

#include <map>

namespace tfchain::wallet {
namespace {

EnvLookup EnvOf(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(TerminalPasswordSource, EnvironmentWinsAndServesConfirmations) {
  TerminalPasswordSource source(EnvOf({{"TFWALLET_PASSWORD", "s3cret"}}), {"/nonexistent/tty"});
  auto once = source.Get("Password: ", false);
  ASSERT_TRUE(once.ok());
  EXPECT_EQ(once->view(), "s3cret");
  auto twice = source.Get("New password: ", true);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->view(), "s3cret");
}

TEST(TerminalPasswordSource, NoTerminalAndNoEnvironment) {
  TerminalPasswordSource source(EnvOf({}), {"/nonexistent/tty"});
  auto password = source.Get("Password: ", false);
  ASSERT_FALSE(password.ok());
  EXPECT_EQ(password.status().reason(), "no-password");
  EXPECT_EQ(password.status().detail(), "no password: set TFWALLET_PASSWORD or run in a terminal");
}

TEST(SecretString, TakesAndWipesItsSource) {
  std::string source = "hunter2";
  SecretString secret(std::move(source));
  EXPECT_EQ(secret.view(), "hunter2");
  EXPECT_TRUE(source.empty());
  SecretString moved = std::move(secret);
  EXPECT_EQ(moved.view(), "hunter2");
  EXPECT_TRUE(secret.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  SecretString copy = SecretString::Copy("abc");
  moved = std::move(copy);
  EXPECT_EQ(moved.view(), "abc");
}

}  // namespace
}  // namespace tfchain::wallet
