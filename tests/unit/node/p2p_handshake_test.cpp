// The handshake's pure pieces: the plaintext hello, the session cipher (both
// directions, tampering, replay, reordering), AuthHello signatures bound to the
// session and role, the verdict codec; and the small bookkeeping types (seen cache,
// ban list).
#include "node/p2p_handshake.h"

#include <gtest/gtest.h>

#include "chain/hash.h"
#include "node/p2p_ban_list.h"
#include "node/p2p_seen_cache.h"
#include "tests/support/test_keys.h"

namespace tfchain::node {
namespace {

using chain::Bytes;

chain::Hash256 Genesis() { return chain::Blake2b256(chain::AsBytes("genesis")); }

// Both ends of one session.
struct Session {
  Session() {
    d_pub = dialer_eph.public_key();
    l_pub = listener_eph.public_key();
    dialer.emplace(SessionCipher::Derive(HandshakeRole::kDialer, dialer_eph, l_pub).value());
    listener.emplace(SessionCipher::Derive(HandshakeRole::kListener, listener_eph, d_pub).value());
  }
  EphemeralKey dialer_eph = EphemeralKey::Generate();
  EphemeralKey listener_eph = EphemeralKey::Generate();
  X25519PublicKey d_pub, l_pub;
  std::optional<SessionCipher> dialer, listener;
};

// The ciphertext of a sealed frame (without its length prefix).
Bytes Body(const Bytes& frame) { return Bytes(frame.begin() + kFrameLengthSize, frame.end()); }

TEST(P2pHandshakeTest, PlainHelloLayoutAndRejections) {
  const EphemeralKey eph = EphemeralKey::Generate();
  const Bytes hello = EncodePlainHello(PlainHello{kP2pProtocolVersion, eph.public_key()});
  ASSERT_EQ(hello.size(), kPlainHelloSize);
  EXPECT_EQ(Bytes(hello.begin(), hello.begin() + 6), (Bytes{'T', 'F', 'P', '2', 2, 0}));
  auto decoded = DecodePlainHello(hello);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->ephemeral, eph.public_key());

  Bytes bad = hello;
  bad[0] = 'X';
  EXPECT_EQ(DecodePlainHello(bad).status().reason(), "bad-magic");
  bad = hello;
  bad[4] = 1;  // version 1: one transaction per message, which this build does not speak
  EXPECT_EQ(DecodePlainHello(bad).status().reason(), "unsupported-version");
  bad[4] = 3;
  EXPECT_EQ(DecodePlainHello(bad).status().reason(), "unsupported-version");
  EXPECT_EQ(DecodePlainHello(chain::ByteSpan(hello.data(), 37)).status().reason(), "decode-truncated");
  bad = hello;
  bad.push_back(0);
  EXPECT_EQ(DecodePlainHello(bad).status().reason(), "decode-trailing-bytes");
}

TEST(P2pHandshakeTest, SessionKeysPairUpAcrossDirections) {
  Session s;
  const Bytes frame = s.dialer->SealFrame(chain::AsBytes("hello listener"));
  ASSERT_EQ(frame.size(), kFrameLengthSize + 14 + kFrameTagSize);
  EXPECT_EQ(frame[0], 14 + kFrameTagSize);  // u32 LE length of the ciphertext
  EXPECT_EQ(frame[1], 0);
  auto opened = s.listener->Open(Body(frame));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, Bytes(chain::AsBytes("hello listener").begin(), chain::AsBytes("hello listener").end()));

  const Bytes back = s.listener->SealFrame(chain::AsBytes("hi dialer"));
  ASSERT_TRUE(s.dialer->Open(Body(back)).ok());
  // Each direction has its own key: a side cannot open its own frames.
  const Bytes own = s.dialer->SealFrame(chain::AsBytes("x"));
  EXPECT_EQ(s.dialer->Open(Body(own)).status().reason(), "bad-frame");
  // An empty plaintext is a frame of just the tag.
  Session fresh;
  const Bytes empty = fresh.dialer->SealFrame({});
  ASSERT_EQ(empty.size(), kFrameLengthSize + kFrameTagSize);
  auto opened_empty = fresh.listener->Open(Body(empty));
  ASSERT_TRUE(opened_empty.ok());
  EXPECT_TRUE(opened_empty->empty());
}

TEST(P2pHandshakeTest, TamperedReplayedAndReorderedFramesFail) {
  Session s;
  const Bytes f0 = s.dialer->SealFrame(chain::AsBytes("zero"));
  const Bytes f1 = s.dialer->SealFrame(chain::AsBytes("one"));
  const Bytes f2 = s.dialer->SealFrame(chain::AsBytes("two"));

  // Reordered: frame 1 before frame 0.
  EXPECT_EQ(s.listener->Open(Body(f1)).status().reason(), "bad-frame");
  // A failure does not advance the counter: frame 0 still opens.
  ASSERT_TRUE(s.listener->Open(Body(f0)).ok());
  // Replayed: frame 0 again.
  EXPECT_EQ(s.listener->Open(Body(f0)).status().reason(), "bad-frame");
  // Tampered: one bit of frame 1's ciphertext, then of its tag.
  Bytes t = Body(f1);
  t[0] ^= 1;
  EXPECT_EQ(s.listener->Open(t).status().reason(), "bad-frame");
  t = Body(f1);
  t.back() ^= 0x80;
  EXPECT_EQ(s.listener->Open(t).status().reason(), "bad-frame");
  // Shorter than a tag.
  EXPECT_EQ(s.listener->Open(Bytes(15, 0)).status().reason(), "bad-frame");
  // The untouched frames still open in order.
  ASSERT_TRUE(s.listener->Open(Body(f1)).ok());
  ASSERT_TRUE(s.listener->Open(Body(f2)).ok());
  EXPECT_EQ(s.listener->frames_opened(), 3u);
  EXPECT_EQ(s.dialer->frames_sealed(), 3u);
}

TEST(P2pHandshakeTest, FramesOfAnotherSessionFail) {
  Session a, b;
  const Bytes frame = a.dialer->SealFrame(chain::AsBytes("for a"));
  EXPECT_EQ(b.listener->Open(Body(frame)).status().reason(), "bad-frame");
}

TEST(P2pHandshakeTest, DeriveRefusesWeakKeysAndSingleUse) {
  EphemeralKey eph = EphemeralKey::Generate();
  X25519PublicKey zero;  // a low-order point: no shared secret
  EXPECT_EQ(SessionCipher::Derive(HandshakeRole::kDialer, eph, zero).status().reason(), "bad-handshake-key");
  // The secret was wiped even though derivation failed.
  EphemeralKey other = EphemeralKey::Generate();
  EXPECT_EQ(SessionCipher::Derive(HandshakeRole::kDialer, eph, other.public_key()).status().reason(),
            "handshake-key-wiped");
  EphemeralKey moved_from = EphemeralKey::Generate();
  EphemeralKey moved_to = std::move(moved_from);
  EXPECT_EQ(SessionCipher::Derive(HandshakeRole::kDialer, moved_from, other.public_key()).status().reason(),
            "handshake-key-wiped");
  EXPECT_TRUE(SessionCipher::Derive(HandshakeRole::kDialer, moved_to, other.public_key()).ok());
}

TEST(P2pHandshakeTest, AuthHelloVerifiesOnlyInItsSessionAndRole) {
  const chain::SecretKey key = testing::TestKey(1, 9);
  const X25519PublicKey d = EphemeralKey::Generate().public_key();
  const X25519PublicKey l = EphemeralKey::Generate().public_key();
  const AuthHello hello = MakeAuthHello(key, HandshakeRole::kDialer, d, l, "chain-a", Genesis(), 30333, "v1");
  EXPECT_EQ(hello.node_key, PeerId::FromSpan(key.public_key().bytes()));
  EXPECT_TRUE(VerifyAuthHello(hello, HandshakeRole::kDialer, d, l, "chain-a", Genesis()).ok());

  // Codec round trip.
  auto decoded = chain::DecodeExact<AuthHello>(chain::Encode(hello), 1024);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, hello);

  auto reason = [&](const AuthHello& h, HandshakeRole role, const X25519PublicKey& dk, const X25519PublicKey& lk,
                    std::string_view chain, const chain::Hash256& genesis) {
    return std::string(VerifyAuthHello(h, role, dk, lk, chain, genesis).reason());
  };
  // Another role, another session (either key, or swapped): the signature does not fit.
  EXPECT_EQ(reason(hello, HandshakeRole::kListener, d, l, "chain-a", Genesis()), "bad-handshake-signature");
  const X25519PublicKey other = EphemeralKey::Generate().public_key();
  EXPECT_EQ(reason(hello, HandshakeRole::kDialer, other, l, "chain-a", Genesis()), "bad-handshake-signature");
  EXPECT_EQ(reason(hello, HandshakeRole::kDialer, d, other, "chain-a", Genesis()), "bad-handshake-signature");
  EXPECT_EQ(reason(hello, HandshakeRole::kDialer, l, d, "chain-a", Genesis()), "bad-handshake-signature");
  // A signature by another key.
  AuthHello forged = hello;
  forged.node_key = PeerId::FromSpan(testing::TestKey(2, 9).public_key().bytes());
  EXPECT_EQ(reason(forged, HandshakeRole::kDialer, d, l, "chain-a", Genesis()), "bad-handshake-signature");
  // An invalid node key (not a point).
  forged.node_key.bytes.fill(0xff);
  EXPECT_EQ(reason(forged, HandshakeRole::kDialer, d, l, "chain-a", Genesis()), "bad-handshake-key");
  // Right signature, another chain or genesis.
  EXPECT_EQ(reason(hello, HandshakeRole::kDialer, d, l, "chain-b", Genesis()), "wrong-chain");
  EXPECT_EQ(reason(hello, HandshakeRole::kDialer, d, l, "chain-a", chain::Hash256{}), "wrong-genesis");
}

TEST(P2pHandshakeTest, TranscriptFollowsTheSpec) {
  X25519PublicKey d, l;
  d.bytes.fill(1);
  l.bytes.fill(2);
  Bytes input = {0x04};
  input.insert(input.end(), d.bytes.begin(), d.bytes.end());
  input.insert(input.end(), l.bytes.begin(), l.bytes.end());
  input.push_back(1);
  EXPECT_EQ(HandshakeTranscript(d, l, HandshakeRole::kListener), chain::Blake2b256(input));
  EXPECT_NE(HandshakeTranscript(d, l, HandshakeRole::kDialer), HandshakeTranscript(d, l, HandshakeRole::kListener));
}

TEST(P2pHandshakeTest, VerdictCodec) {
  for (const Verdict& v : {Verdict{true, ""}, Verdict{false, "duplicate-peer"}, Verdict{false, ""}}) {
    auto decoded = chain::DecodeExact<Verdict>(chain::Encode(v), 1024);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, v);
  }
  EXPECT_EQ(chain::Encode(Verdict{true, ""}), (Bytes{1, 0}));
  EXPECT_EQ(chain::DecodeExact<Verdict>(Bytes{1, 1 << 2, 'x'}, 1024).status().reason(), "decode-bad-value");
  EXPECT_EQ(chain::DecodeExact<Verdict>(Bytes{2, 0}, 1024).status().reason(), "decode-bad-value");
  EXPECT_FALSE(chain::DecodeExact<Verdict>(Bytes{0}, 1024).ok());
}

TEST(P2pSeenCacheTest, RemembersUpToCapacityOldestFirst) {
  SeenCache cache(2);
  auto h = [](uint8_t b) { return chain::Blake2b256(Bytes{b}); };
  EXPECT_TRUE(cache.Insert(h(1)));
  EXPECT_FALSE(cache.Insert(h(1)));
  EXPECT_TRUE(cache.Insert(h(2)));
  EXPECT_TRUE(cache.Insert(h(3)));  // forgets 1
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.Contains(h(1)));
  EXPECT_TRUE(cache.Contains(h(2)));
  EXPECT_TRUE(cache.Contains(h(3)));
  EXPECT_TRUE(cache.Insert(h(1)));
}

TEST(P2pBanListTest, BansEndAndAreExtendedNotShortened) {
  using namespace std::chrono_literals;
  BanList bans;
  const auto t0 = std::chrono::steady_clock::time_point{} + 1000s;
  PeerId id;
  id.bytes.fill(3);
  bans.BanId(id, t0 + 10s);
  bans.BanIp("10.0.0.1", t0 + 5s);
  EXPECT_EQ(bans.IdBannedUntil(id, t0), t0 + 10s);
  EXPECT_EQ(bans.IpBannedUntil("10.0.0.1", t0), t0 + 5s);
  EXPECT_FALSE(bans.IpBannedUntil("10.0.0.2", t0));
  bans.BanId(id, t0 + 2s);  // shorter: ignored
  EXPECT_EQ(bans.IdBannedUntil(id, t0), t0 + 10s);
  EXPECT_FALSE(bans.IpBannedUntil("10.0.0.1", t0 + 5s));  // ends at its time
  bans.Expire(t0 + 6s);
  EXPECT_EQ(bans.size(), 1u);
  EXPECT_FALSE(bans.IdBannedUntil(id, t0 + 10s));
  bans.Expire(t0 + 10s);
  EXPECT_EQ(bans.size(), 0u);
}

}  // namespace
}  // namespace tfchain::node
