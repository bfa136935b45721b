#include "tests/integration/localnet_util.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <thread>

namespace tfchain::testing {

Localnet::Localnet(const std::string& tag, int validators, int block_time_ms) : dir_(tag) {
  base_p2p_ = FreePortRange(validators);
  CommandResult r = RunCommand("tfchaind", {"localnet", "--validators", std::to_string(validators), "--out", dir(),
                                            "--base-p2p-port", std::to_string(base_p2p_), "--block-time-ms",
                                            std::to_string(block_time_ms)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nodes_.resize(validators);
}

void Localnet::Start(int i) {
  if (nodes_[i] != nullptr) {
    ADD_FAILURE() << "node " << i << " already runs";
    return;
  }
  nodes_[i] = std::make_unique<StartedNode>(node_dir(i));
}

void Localnet::StartAll() {
  for (int i = 0; i < size(); ++i) Start(i);
}

void Localnet::Kill(int i) {
  if (nodes_[i] == nullptr) return;
  nodes_[i]->Kill();
  nodes_[i].reset();
}

std::string Localnet::PeerList() const {
  std::string out;
  for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
    std::ifstream in(node_dir(i) + "/node_key.json");
    nlohmann::json key = nlohmann::json::parse(in, nullptr, false);
    if (key.is_discarded()) {
      ADD_FAILURE() << "cannot read the node key of node " << i;
      continue;
    }
    if (!out.empty()) out += ",";
    out += key["public_key"].get<std::string>().substr(2) + "@127.0.0.1:" + std::to_string(base_p2p_ + i);
  }
  return out;
}

uint64_t Localnet::Height(int i) {
  nlohmann::json r = nodes_[i]->Call("chain_getHead");
  return r.contains("result") ? r["result"]["height"].get<uint64_t>() : 0;
}

bool Localnet::WaitAll(uint64_t height, std::chrono::milliseconds timeout) {
  for (auto& n : nodes_) {
    if (n && !n->WaitForHeight(height, timeout)) return false;
  }
  return true;
}

bool Localnet::SameBlocks(uint64_t height) {
  for (uint64_t h = 1; h <= height; ++h) {
    std::string first;
    for (auto& n : nodes_) {
      if (!n) continue;
      nlohmann::json r = n->Call("chain_getBlockHash", {h});
      if (!r.contains("result")) return false;
      const std::string hash = r["result"];
      if (first.empty()) first = hash;
      if (hash != first) return false;
    }
  }
  return true;
}

}  // namespace tfchain::testing
