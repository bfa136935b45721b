#pragma once

#include <string_view>

namespace tfchain::rpc {

// The admin rule (DESIGN.md §7): admin methods need no credentials when the server
// is bound to a loopback address only (whoever can connect is on this machine).
// Bound anywhere else, they need the header "Authorization: Bearer <admin_token>",
// and are refused outright when no token is configured. Pure functions; thread-safe.

// True for "localhost", any IPv4 address in 127.0.0.0/8, "::1" (with or without
// brackets) and IPv4-mapped loopback ("::ffff:127.0.0.1"). False for everything
// else, including "0.0.0.0", "::" and host names.
bool IsLoopbackHost(std::string_view host);

// Whether a request may call admin methods, given the bound host, the configured
// token (empty = none) and the request's Authorization header (empty if absent).
// The token comparison takes the same time wherever the first difference is.
bool AdminAllowed(std::string_view bind_host, std::string_view admin_token, std::string_view authorization_header);

}  // namespace tfchain::rpc
