#include <gtest/gtest.h>

#include <cstdio>

#include "chain/keys.h"

int main(int argc, char** argv) {
  if (!tfchain::chain::InitCrypto()) {
    std::fprintf(stderr, "cannot initialise libsodium\n");
    return 1;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
