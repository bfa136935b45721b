#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "chain/bytes.h"
#include "node/p2p_network.h"

namespace tfchain::node {

// Gossips transactions in batches. Each transaction given to Relay goes to every
// connected peer but the one it came from, inside one TxsMsg per peer per flush: a burst
// of thousands of transactions costs a few frames instead of one frame (and one
// encryption, system call and decode) per transaction per peer. A flush happens `delay`
// after the first transaction queued since the last one, or at once when `max_bytes` or
// kMaxTxsPerMessage transactions are queued.
//
// Event-loop only: construct, call and destroy on the thread that runs `io`, and Stop
// before the network goes away.
class TxRelay {
 public:
  struct Options {
    std::chrono::milliseconds delay{5};
    size_t max_bytes = 256 * 1024;
  };
  // `io` and `network` must outlive the relay.
  TxRelay(boost::asio::io_context& io, P2pNetwork& network, Options options);
  TxRelay(const TxRelay&) = delete;
  TxRelay& operator=(const TxRelay&) = delete;

  // Queues `encoded_tx` for every peer but `from` (the peer it came from; nullopt for a
  // transaction submitted to this node).
  void Relay(chain::Bytes encoded_tx, std::optional<PeerId> from);
  // Sends what is queued now.
  void Flush();
  // Drops what is queued and cancels the timer; Relay does nothing afterwards.
  void Stop();

 private:
  struct Item {
    chain::Bytes encoded_tx;
    std::optional<PeerId> from;
  };

  P2pNetwork& network_;
  const Options options_;
  boost::asio::steady_timer timer_;
  std::vector<Item> queue_;
  size_t queued_bytes_ = 0;
  bool timer_armed_ = false;
  bool stopped_ = false;
};

}  // namespace tfchain::node
