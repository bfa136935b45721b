#include "node/tx_relay.h"

#include "node/p2p_message.h"

namespace tfchain::node {

TxRelay::TxRelay(boost::asio::io_context& io, P2pNetwork& network, Options options)
    : network_(network), options_(options), timer_(io) {}

void TxRelay::Relay(chain::Bytes encoded_tx, std::optional<PeerId> from) {
  if (stopped_) return;
  queued_bytes_ += encoded_tx.size();
  queue_.push_back(Item{std::move(encoded_tx), from});
  if (queued_bytes_ >= options_.max_bytes || queue_.size() >= kMaxTxsPerMessage) return Flush();
  if (timer_armed_) return;
  timer_armed_ = true;
  timer_.expires_after(options_.delay);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: flushed early or stopped
    timer_armed_ = false;
    Flush();
  });
}

void TxRelay::Flush() {
  if (timer_armed_) {
    timer_.cancel();
    timer_armed_ = false;
  }
  if (queue_.empty()) return;
  std::vector<Item> items;
  items.swap(queue_);
  queued_bytes_ = 0;
  for (const PeerInfo& peer : network_.Peers()) {
    TxsMsg msg;
    msg.encoded_txs.reserve(items.size());
    for (const Item& item : items) {
      if (item.from != peer.id) msg.encoded_txs.push_back(item.encoded_tx);
    }
    if (!msg.encoded_txs.empty()) network_.Send(peer.id, msg);
  }
}

void TxRelay::Stop() {
  stopped_ = true;
  queue_.clear();
  queued_bytes_ = 0;
  timer_.cancel();
  timer_armed_ = false;
}

}  // namespace tfchain::node
