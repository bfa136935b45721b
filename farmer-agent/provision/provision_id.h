#pragma once

#include <string_view>

namespace tfchain::agent {

// True for a valid provisioner id (volume, network, endpoint): 1..48 chars of [a-z0-9-].
// Pure; thread-safe.
bool IsValidProvisionId(std::string_view id);

}  // namespace tfchain::agent
