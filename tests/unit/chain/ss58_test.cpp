// SS58 addresses: published vectors (subkey / polkadot.js), one- and two-byte
// prefixes, and every kind of malformed address.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/hash.h"

namespace tfchain::chain {
namespace {

AccountId Account(std::string_view hex) { return AccountId::FromHex(hex).value(); }

struct Ss58Vector {
  const char* account;
  uint16_t prefix;
  const char* address;
};

constexpr Ss58Vector kVectors[] = {
    // subkey inspect --scheme ed25519 //Alice
    {"88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee", 42,
     "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"},
    // sr25519 //Alice and //Bob, the dev phrase root
    {"d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", 42,
     "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"},
    {"8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48", 42,
     "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"},
    {"46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a", 42,
     "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"},
    // ecdsa //Alice's account (BLAKE2b-256 of the compressed key)
    {"01e552298e47454041ea31273b4b630c64c104e4514aa3643490b8aaca9cf8ed", 42,
     "5C7C2Z5sWbytvHpuLTvzKunnnRwQxft1jiqrLD5rhucQ5S9X"},
    // Other one-byte prefixes.
    {"51e5a6beae03719e2e9335a3994f8da03be34d6c71fac792c375b81e6faf3330", 2,
     "ERhckLKG8dSw7uSH3pixNMkE3LvRRh6wB47BxRteGgcbzjb"},
    {"06a2f8561943afdcbf999c71cece77705735879da9f57964725086216bf5273d", 4,
     "QJLjYPC9x4pepgzVkq15CFHku6HUkK2JxRT4RKEoU142qA8"},
    {"e6a0357aa705fb10b04dae1f4b55d0178d420d70d1d3569e43fd4dd0178e7392", 9,
     "zJKw3fXGy2vSMVmbK5zPAarhcGRUQ6uECNsz4396RiJC9hC"},
    {"1ea79c751d94a7a1d3d78d2647456e13bf22eaabaf2395b5017795ba359e57d0", 63,
     "7JHkWhGtVUxobP3irBnLuppRWt8VafryoK61GDcKrazq6fG3"},
    // Two-byte prefixes.
    {"69674d0887057d0e3e51b1129d8a3daf0d2f4997923e1f1bdbffd92fe7812bee", 67,
     "cZh7471h4FZXckXD6nbDVLXn8YTEoBxHQuAoj4923v91a64vi"},
    {"7d0b6986c749600240592292d959922dbac407a85b4021256117703775fa9c41", 74,
     "dLQEKZp2GLJrzVNxsTCaDMvsc7vkdDas7ykYMkWcxtkNEVoxQ"},
    {"b71b74b78761d0d2029ccb3f5cd90597ccf1a322a9f0c3859783371c12f8380a", 78,
     "dmy5KHJG5PREmFLUqwho7rP2LqkRtPhWciK7GsNdg7H4NeJHf"},
    {"70dad652a56bca7a48b2cef29a1a0e3683775c5b8a97506d263f053706ca4a13", 93,
     "fRjESswa8rNv4GtHeaqC67SYr6U98BCKD5tk8yRahAjEyTVg1"},
    {"92338af9aa5f9f3495b6c956d83602afd21adf832ace1590c5ec3d4cc93baa92", 98,
     "fyfuFXRfvTjKrWrAEqxMKj2Uxov6Dd9iFgMaPjwzHdNY9cmKj"},
};

TEST(Ss58Test, PublishedVectors) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.address);
    const AccountId account = Account(v.account);
    EXPECT_EQ(ToSs58(account, v.prefix), v.address);
    auto parsed = ParseSs58(v.address, v.prefix);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, account);
  }
}

TEST(Ss58Test, DefaultPrefixIs42) {
  const AccountId alice = Account("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  EXPECT_EQ(ToSs58(alice), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
  EXPECT_EQ(ParseSs58("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").value(), alice);
}

TEST(Ss58Test, RoundTripsEveryPrefixShape) {
  AccountId account;
  for (size_t i = 0; i < 32; ++i) account.bytes[i] = static_cast<uint8_t>(i * 7 + 1);
  for (uint16_t prefix : {0, 1, 42, 63, 64, 65, 255, 256, 1000, 4095, 16383}) {
    const std::string address = ToSs58(account, prefix);
    auto parsed = ParseSs58(address, prefix);
    ASSERT_TRUE(parsed.ok()) << prefix << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, account);
  }
  // Leading zero bytes become leading '1's and come back.
  const AccountId zero{};
  EXPECT_EQ(ParseSs58(ToSs58(zero, 0), 0).value(), zero);
  EXPECT_EQ(ToSs58(zero, 0).substr(0, 1), "1");
}

TEST(Ss58Test, WrongPrefixIsReported) {
  auto parsed = ParseSs58("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", 0);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().reason(), "wrong-ss58-prefix");
  // A Kusama (2) address where 42 is expected.
  auto kusama = ParseSs58("ERhckLKG8dSw7uSH3pixNMkE3LvRRh6wB47BxRteGgcbzjb");
  ASSERT_FALSE(kusama.ok());
  EXPECT_EQ(kusama.status().reason(), "wrong-ss58-prefix");
  // A two-byte prefix where a one-byte one is expected.
  auto two_byte = ParseSs58("cZh7471h4FZXckXD6nbDVLXn8YTEoBxHQuAoj4923v91a64vi", 42);
  ASSERT_FALSE(two_byte.ok());
  EXPECT_EQ(two_byte.status().reason(), "wrong-ss58-prefix");
}

TEST(Ss58Test, BadChecksumIsReported) {
  // One character changed: still base58 and the right length, wrong checksum.
  for (std::string_view address : {"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ",
                                   "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX",
                                   "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKuuQY"}) {
    auto parsed = ParseSs58(address);
    ASSERT_FALSE(parsed.ok()) << address;
    EXPECT_EQ(parsed.status().reason(), "bad-ss58-checksum") << address;
  }
}

TEST(Ss58Test, MalformedAddressesAreBadSs58) {
  const std::string good = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
  const std::string bad[] = {
      "",
      good.substr(0, good.size() - 1),  // too short
      good + "1",                       // one digit more: 37 bytes
      "0GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",  // '0' is not in the alphabet
      "OGrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",  // nor 'O'
      "lGrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",  // nor 'l'
      "5Grwva EF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
      std::string("5Grwva\0F5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", 48),  // embedded NUL
      good + std::string(100, '2'),  // absurdly long
      "1",                           // decodes to one zero byte
      "2",
  };
  for (const std::string& address : bad) {
    auto parsed = ParseSs58(address);
    ASSERT_FALSE(parsed.ok()) << address;
    EXPECT_EQ(parsed.status().reason(), "bad-ss58") << address;
    EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);
  }
}

// Base58 of raw bytes, for building payloads ToSs58 would never produce.
std::string TestBase58(const Bytes& data) {
  static constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::vector<int> digits;  // little-endian base 58
  for (uint8_t byte : data) {
    int carry = byte;
    for (int& d : digits) {
      carry += d * 256;
      d = carry % 58;
      carry /= 58;
    }
    for (; carry > 0; carry /= 58) digits.push_back(carry % 58);
  }
  std::string out;
  for (size_t i = 0; i < data.size() && data[i] == 0; ++i) out += '1';
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

// prefix_bytes || account || the correct SS58 checksum, base58-encoded.
std::string AddressWithPrefixBytes(const Bytes& prefix_bytes, const AccountId& account) {
  Bytes body = prefix_bytes;
  body.insert(body.end(), account.bytes.begin(), account.bytes.end());
  const ByteSpan tag = AsBytes("SS58PRE");
  Bytes preimage(tag.begin(), tag.end());
  preimage.insert(preimage.end(), body.begin(), body.end());
  std::array<uint8_t, 64> hash;
  Blake2b(preimage, hash);
  body.push_back(hash[0]);
  body.push_back(hash[1]);
  return TestBase58(body);
}

TEST(Ss58Test, HandBuiltPayloads) {
  const AccountId alice = Account("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  // The helper reproduces a published address, so the payloads below are what they claim.
  ASSERT_EQ(AddressWithPrefixBytes({42}, alice), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
  // Two-byte form of ident 74 (0b01_010010, 0b10_000000) equals ToSs58.
  EXPECT_EQ(AddressWithPrefixBytes({0x52, 0x80}, alice), ToSs58(alice, 74));

  struct Case {
    Bytes prefix;
    const char* why;
  };
  const Case cases[] = {
      {{0x4a, 0x80}, "two-byte form of 42: not canonical"},
      {{0x40, 0x00}, "two-byte form of 0: not canonical"},
      {{0x80}, "first byte 128: no such prefix form"},
      {{0xff, 0xff}, "first byte 255"},
      {{42, 0}, "one-byte prefix followed by 33 bytes: wrong length"},
      {{}, "no prefix: 34 bytes starting with the account's 0xd4"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseSs58(AddressWithPrefixBytes(c.prefix, alice), 42);
    ASSERT_FALSE(parsed.ok()) << c.why;
    EXPECT_EQ(parsed.status().reason(), "bad-ss58") << c.why;
  }
}

TEST(Ss58Test, ParseAccountAcceptsSs58AndHex) {
  const AccountId alice = Account("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  EXPECT_EQ(ParseAccount("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").value(), alice);
  EXPECT_EQ(ParseAccount("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d").value(), alice);
  EXPECT_EQ(ParseAccount("0XD43593C715FDD31C61141ABD04A99FD6822C8558854CCDE39A5684E7A56DA27D").value(), alice);

  auto short_hex = ParseAccount("0xd435");
  ASSERT_FALSE(short_hex.ok());
  EXPECT_EQ(short_hex.status().reason(), "bad-length");
  auto bad_hex = ParseAccount("0xz43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  ASSERT_FALSE(bad_hex.ok());
  EXPECT_EQ(bad_hex.status().reason(), "bad-hex");
  auto kusama = ParseAccount("ERhckLKG8dSw7uSH3pixNMkE3LvRRh6wB47BxRteGgcbzjb");
  ASSERT_FALSE(kusama.ok());
  EXPECT_EQ(kusama.status().reason(), "wrong-ss58-prefix");
  auto garbage = ParseAccount("alice");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().reason(), "bad-ss58");
}

}  // namespace
}  // namespace tfchain::chain
