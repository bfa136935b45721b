#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace tfchain::testing {

// Whether TCP port `port` on 127.0.0.1 can be bound right now.
inline bool LoopbackPortFree(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool free = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  close(fd);
  return free;
}

// A base port in [20000, 60000) with base .. base+count-1 all free right now, tried in
// a pseudo-random order seeded by `seed` (so that parallel test processes spread out);
// 0 if none was found.
inline uint16_t FreeLoopbackPortRange(int count, uint32_t seed) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    seed = seed * 1103515245u + 12345u;
    const uint16_t base = static_cast<uint16_t>(20000 + (seed >> 8) % 40000);
    bool all_free = true;
    for (int i = 0; i < count && all_free; ++i) all_free = LoopbackPortFree(static_cast<uint16_t>(base + i));
    if (all_free) return base;
  }
  return 0;
}

}  // namespace tfchain::testing
