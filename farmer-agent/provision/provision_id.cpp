#include "farmer-agent/provision/provision_id.h"

namespace tfchain::agent {

bool IsValidProvisionId(std::string_view id) {
  if (id.empty() || id.size() > 48) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace tfchain::agent
