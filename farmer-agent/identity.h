#pragma once

#include <string>

#include "chain/keys.h"
#include "chain/status.h"

namespace tfchain::agent {

// The node's identity: an ed25519 key whose account is the node's account on chain
// (it signs twin_create, node_create, uptime reports).
//
// On disk: <data_dir>/node_key holds the 32-byte seed as 64 lower-case hex digits and
// a newline, mode 0600.

// Loads <data_dir>/node_key, or creates it with a random seed (getrandom) when it does
// not exist (creating data_dir too). Errors: "key-file-io" (IoError: cannot create the
// directory, read or write the file), "bad-key-file" (Corruption: not 64 hex digits),
// "insecure-key-file" (InvalidArgument: readable or writable by group/others).
// Not safe against another process creating the same file concurrently (O_EXCL makes
// the loser fail with "key-file-io").
chain::Result<chain::SecretKey> LoadOrCreateNodeKey(const std::string& data_dir);

// The path of the key file in `data_dir`.
std::string NodeKeyPath(const std::string& data_dir);

}  // namespace tfchain::agent
