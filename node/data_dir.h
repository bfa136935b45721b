#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/keys.h"
#include "chain/status.h"

namespace tfchain::node {

// The files of a node's data directory (DIR):
//   DIR/config.json          node settings (NodeFileConfig), written by init / localnet
//   DIR/genesis.json         the chain's genesis
//   DIR/node_key.json        the node's P2P identity (ed25519), mode 0600
//   DIR/validator_key.json   the consensus key, mode 0600 (absent on a non-validator)
//   DIR/signer_state.bin     the last signed (height, round, step), fsynced before signing
//   DIR/db/                  the LevelDB chain store
//   DIR/rpc.addr             the RPC URL, written once the server listens

struct P2pFileConfig {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 30333;
  std::vector<std::string> persistent_peers;  // "id@host:port" (id = 64-hex ed25519 key)
  uint32_t max_inbound = 40;
  uint32_t max_outbound = 10;
};

struct RpcFileConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 9933;
  std::string admin_token;
};

struct NodeFileConfig {
  std::string node_name = "tfchaind";
  P2pFileConfig p2p;
  RpcFileConfig rpc;
};

// config.json. Errors: IoError "cannot-read"/"cannot-write", InvalidArgument
// "bad-config" naming the field (unknown fields, wrong types, out-of-range ports).
chain::Result<NodeFileConfig> ReadNodeConfig(const std::string& path);
chain::Status WriteNodeConfig(const std::string& path, const NodeFileConfig& config);

// An ed25519 key file: {"scheme", "public_key", "address", "secret_seed"}. Written with
// mode 0600 through a temporary file, fsync and rename. Errors: "cannot-read",
// "bad-key-file" (malformed, or the public key does not match the seed),
// "cannot-write".
chain::Result<chain::SecretKey> ReadKeyFile(const std::string& path);
chain::Status WriteKeyFile(const std::string& path, const chain::SecretKey& key);

// A fresh ed25519 key from libsodium's randombytes.
chain::SecretKey GenerateKey();

// Reads a whole file. Error IoError "cannot-read".
chain::Result<std::string> ReadTextFile(const std::string& path);
// Writes `text` to `path` atomically and durably: a temporary file in the same
// directory (with `mode`), fsync, rename, fsync of the directory. Error "cannot-write".
chain::Status WriteFileDurably(const std::string& path, const std::string& text, unsigned mode = 0644);

}  // namespace tfchain::node
