// tfwallet: see `tfwallet --help` and docs/wallet.md.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "chain/keys.h"
#include "wallet/commands.h"
#include "wallet/password.h"

int main(int argc, char** argv) {
  if (!tfchain::chain::InitCrypto()) {
    std::fprintf(stderr, "error: cannot initialise libsodium\n");
    return 1;
  }
  tfchain::wallet::EnvLookup env = [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  std::vector<std::string> args(argv + 1, argv + argc);
  tfchain::wallet::TerminalPasswordSource passwords(env);
  tfchain::wallet::CommandContext context{std::cout, std::cerr, std::cin, passwords};
  return tfchain::wallet::RunTfwallet(args, env, context);
}
