// BIP39: the Trezor reference vectors (entropy <-> mnemonic <-> seed with passphrase
// "TREZOR"), substrate-bip39's vectors (the same phrases, password "Substrate"),
// PBKDF2-HMAC-SHA512 known answers, and malformed phrases.
#include "chain/bip39.h"

#include <gtest/gtest.h>

#include <string>

namespace tfchain::chain {
namespace {

Bytes Hex(std::string_view hex) { return FromHex(hex).value(); }
std::string HexOf(ByteSpan data) { return ToHex(data).substr(2); }

struct Bip39Vector {
  const char* entropy;
  const char* mnemonic;
  const char* trezor_seed;     // Bip39Seed(mnemonic, "TREZOR")
  const char* substrate_seed;  // PBKDF2(entropy, "mnemonicSubstrate", 2048, 64)
};

// trezor/python-mnemonic vectors.json ("english") and paritytech/substrate-bip39's
// VECTORS: 12, 15, 18, 21 and 24 words.
constexpr Bip39Vector kVectors[] = {
    {"00000000000000000000000000000000",
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
     "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
     "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453"},
    {"7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
     "legal winner thank year wave sausage worth useful legal winner thank yellow",
     "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607",
     "4313249608fe8ac10fd5886c92c4579007272cb77c21551ee5b8d60b780416850f1e26c1f4b8d88ece681cb058ab66d6182bc2ce5a03181f7b74c27576b5c8bf"},
    {"80808080808080808080808080808080",
     "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
     "d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8",
     "27f3eb595928c60d5bc91a4d747da40ed236328183046892ed6cd5aa9ae38122acd1183adf09a89839acb1e6eaa7fb563cc958a3f9161248d5a036e0d0af533d"},
    {"ffffffffffffffffffffffffffffffff",
     "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
     "ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c6f15b11c61dee327651a14c34e18231052e48c069",
     "227d6256fd4f9ccaf06c45eaa4b2345969640462bbb00c5f51f43cb43418c7a753265f9b1e0c0822c155a9cabc769413ecc14553e135fe140fc50b6722c6b9df"},
    {"000000000000000000000000000000000000000000000000",
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent",
     "035895f2f481b1b0f01fcf8c289c794660b289981a78f8106447707fdd9666ca06da5a9a565181599b79f53b844d8a71dd9f439c52a3d7b3e8a79c906ac845fa",
     "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453"},
    {"7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
     "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will",
     "f2b94508732bcbacbcc020faefecfc89feafa6649a5491b8c952cede496c214a0c7b3c392d168748f2d4a612bada0753b52a1c7ac53c1e93abd5c6320b9e95dd",
     "cb1d50e14101024a88905a098feb1553d4306d072d7460e167a60ccb3439a6817a0afc59060f45d999ddebc05308714733c9e1e84f30feccddd4ad6f95c8a445"},
    {"808080808080808080808080808080808080808080808080",
     "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter always",
     "107d7c02a5aa6f38c58083ff74f04c607c2d2c0ecc55501dadd72d025b751bc27fe913ffb796f841c49b1d33b610cf0e91d3aa239027f5e99fe4ce9e5088cd65",
     "9ddecf32ce6bee77f867f3c4bb842d1f0151826a145cb4489598fe71ac29e3551b724f01052d1bc3f6d9514d6df6aa6d0291cfdf997a5afdb7b6a614c88ab36a"},
    {"ffffffffffffffffffffffffffffffffffffffffffffffff",
     "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo when",
     "0cd6e5d827bb62eb8fc1e262254223817fd068a74b5b449cc2f667c3f1f985a76379b43348d952e2265b4cd129090758b3e3c2c49103b5051aac2eaeb890a528",
     "8971cb290e7117c64b63379c97ed3b5c6da488841bd9f95cdc2a5651ac89571e2c64d391d46e2475e8b043911885457cd23e99a28b5a18535fe53294dc8e1693"},
    {"0000000000000000000000000000000000000000000000000000000000000000",
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art",
     "bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8",
     "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453"},
    {"7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
     "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title",
     "bc09fca1804f7e69da93c2f2028eb238c227f2e9dda30cd63699232578480a4021b146ad717fbb7e451ce9eb835f43620bf5c514db0f8add49f5d121449d3e87",
     "3037276a5d05fcd7edf51869eb841bdde27c574dae01ac8cfb1ea476f6bea6ef57ab9afe14aea1df8a48f97ae25b37d7c8326e49289efb25af92ba5a25d09ed3"},
    {"8080808080808080808080808080808080808080808080808080808080808080",
     "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless",
     "c0c519bd0e91a2ed54357d9d1ebef6f5af218a153624cf4f2da911a0ed8f7a09e2ef61af0aca007096df430022f7a2b6fb91661a9589097069720d015e4e982f",
     "2c9c6144a06ae5a855453d98c3dea470e2a8ffb78179c2e9eb15208ccca7d831c97ddafe844ab933131e6eb895f675ede2f4e39837bb5769d4e2bc11df58ac42"},
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote",
     "dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad",
     "047e89ef7739cbfe30da0ad32eb1720d8f62441dd4f139b981b8e2d0bd412ed4eb14b89b5098c49db2301d4e7df4e89c21e53f345138e56a5e7d63fae21c5939"},
    {"9e885d952ad362caeb4efe34a8e91bd2",
     "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
     "274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e5476c91689f9c8a54fd55bd38606aa6a8595ad213d4c9c9f9aca3fb217069a41028",
     "f4956be6960bc145cdab782e649a5056598fd07cd3f32ceb73421c3da27833241324dc2c8b0a4d847eee457e6d4c5429f5e625ece22abaa6a976e82f1ec5531d"},
    {"6610b25967cdcca9d59875f5cb50b0ea75433311869e930b",
     "gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog",
     "628c3827a8823298ee685db84f55caa34b5cc195a778e52d45f59bcf75aba68e4d7590e101dc414bc1bbd5737666fbbef35d1f1903953b66624f910feef245ac",
     "fbcc5229ade0c0ff018cb7a329c5459f91876e4dde2a97ddf03c832eab7f26124366a543f1485479c31a9db0d421bda82d7e1fe562e57f3533cb1733b001d84d"},
    {"68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c",
     "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length",
     "64c87cde7e12ecf6704ab95bb1408bef047c22db4cc7491c4271d170a1b213d20b385bc1588d9c7b38f1b39d415665b8a9030c9ec653d75e65f847d8fc1fc440",
     "7c60c555126c297deddddd59f8cdcdc9e3608944455824dd604897984b5cc369cad749803bb36eb8b786b570c9cdc8db275dbe841486676a6adf389f3be3f076"},
    {"c0ba5a8e914111210f2bd131f3d5e08d",
     "scheme spot photo card baby mountain device kick cradle pact join borrow",
     "ea725895aaae8d4c1cf682c1bfd2d358d52ed9f0f0591131b559e2724bb234fca05aa9c02c57407e04ee9dc3b454aa63fbff483a8b11de949624b9f1831a9612",
     "c12157bf2506526c4bd1b79a056453b071361538e9e2c19c28ba2cfa39b5f23034b974e0164a1e8acd30f5b4c4de7d424fdb52c0116bfc6a965ba8205e6cc121"},
    {"6d9be1ee6ebd27a258115aad99b7317b9c8d28b6d76431c3",
     "horn tenant knee talent sponsor spell gate clip pulse soap slush warm silver nephew swap uncle crack brave",
     "fd579828af3da1d32544ce4db5c73d53fc8acc4ddb1e3b251a31179cdb71e853c56d2fcb11aed39898ce6c34b10b5382772db8796e52837b54468aeb312cfc3d",
     "23766723e970e6b79dec4d5e4fdd627fd27d1ee026eb898feb9f653af01ad22080c6f306d1061656d01c4fe9a14c05f991d2c7d8af8730780de4f94cd99bd819"},
    {"9f6a2878b2520799a44ef18bc7df394e7061a224d2c33cd015b157d746869863",
     "panda eyebrow bullet gorilla call smoke muffin taste mesh discover soft ostrich alcohol speed nation flash devote level hobby quick inner drive ghost inside",
     "72be8e052fc4919d2adf28d5306b5474b0069df35b02303de8c1729c9538dbb6fc2d731d5f832193cd9fb6aeecbc469594a70e3dd50811b5067f3b88b28c3e8d",
     "f4c83c86617cb014d35cd87d38b5ef1c5d5c3d58a73ab779114438a7b358f457e0462c92bddab5a406fe0e6b97c71905cf19f925f356bc673ceb0e49792f4340"},
    {"23db8160a31d3e0dca3688ed941adbf3",
     "cat swing flag economy stadium alone churn speed unique patch report train",
     "deb5f45449e615feff5640f2e49f933ff51895de3b4381832b3139941c57b59205a42480c52175b6efcffaa58a2503887c1e8b363a707256bdd2b587b46541f5",
     "719d4d4de0638a1705bf5237262458983da76933e718b2d64eb592c470f3c5d222e345cc795337bb3da393b94375ff4a56cfcd68d5ea25b577ee9384d35f4246"},
    {"8197a4a47f0425faeaa69deebc05ca29c0a5b5cc76ceacc0",
     "light rule cinnamon wrap drastic word pride squirrel upgrade then income fatal apart sustain crack supply proud access",
     "4cbdff1ca2db800fd61cae72a57475fdc6bab03e441fd63f96dabd1f183ef5b782925f00105f318309a7e9c3ea6967c7801e46c8a58082674c860a37b93eda02",
     "7ae1291db32d16457c248567f2b101e62c5549d2a64cd2b7605d503ec876d58707a8d663641e99663bc4f6cc9746f4852e75e7e54de5bc1bd3c299c9a113409e"},
    {"066dca1a2bb7e8a1db2832148ce9933eea0f3ac9548d793112d9a95c9407efad",
     "all hour make first leader extend hole alien behind guard gospel lava path output census museum junior mass reopen famous sing advance salt reform",
     "26e975ec644423f4a4c4f4215ef09b4bd7ef924e85d1d17c4cf3f136c2863cf6df0a475045652c57eb5fb41513ca2a2d67722b77e954b4b3fc11f7590449191d",
     "a911a5f4db0940b17ecb79c4dcf9392bf47dd18acaebdd4ef48799909ebb49672947cc15f4ef7e8ef47103a1a91a6732b821bda2c667e5b1d491c54788c69391"},
    {"f30f8c1da665478f49b001d94c5fc452",
     "vessel ladder alter error federal sibling chat ability sun glass valve picture",
     "2aaa9242daafcee6aa9d7269f17d4efe271e1b9a529178d7dc139cd18747090bf9d60295d0ce74309a78852a9caadf0af48aae1c6253839624076224374bc63f",
     "4e2314ca7d9eebac6fe5a05a5a8d3546bc891785414d82207ac987926380411e559c885190d641ff7e686ace8c57db6f6e4333c1081e3d88d7141a74cf339c8f"},
    {"c10ec20dc3cd9f652c7fac2f1230f7a3c828389a14392f05",
     "scissors invite lock maple supreme raw rapid void congress muscle digital elegant little brisk hair mango congress clump",
     "7b4a10be9d98e6cba265566db7f136718e1398c71cb581e1b2f464cac1ceedf4f3e274dc270003c670ad8d02c4558b2f8e39edea2775c9e232c7cb798b069e88",
     "7a83851102849edc5d2a3ca9d8044d0d4f00e5c4a292753ed3952e40808593251b0af1dd3c9ed9932d46e8608eb0b928216a6160bd4fc775a6e6fbd493d7c6b2"},
    {"f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f",
     "void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold",
     "01f5bced59dec48e362f2c45b5de68b9fd6c92c6634f44d6d40aab69056506f0e35524a518034ddc1192e1dacd32c1ed3eaa3c3b131c88ed8e7e54c49a5d0998",
     "938ba18c3f521f19bd4a399c8425b02c716844325b1a65106b9d1593fbafe5e0b85448f523f91c48e331995ff24ae406757cff47d11f240847352b348ff436ed"},
};

TEST(Bip39Test, EntropyToMnemonicMatchesTrezorVectors) {
  for (const auto& v : kVectors) {
    auto phrase = EntropyToMnemonic(Hex(v.entropy));
    ASSERT_TRUE(phrase.ok()) << v.entropy;
    EXPECT_EQ(*phrase, v.mnemonic);
  }
}

TEST(Bip39Test, MnemonicToEntropyMatchesTrezorVectors) {
  for (const auto& v : kVectors) {
    auto entropy = MnemonicToEntropy(v.mnemonic);
    ASSERT_TRUE(entropy.ok()) << v.mnemonic << ": " << entropy.status().ToString();
    EXPECT_EQ(HexOf(*entropy), v.entropy);
  }
}

TEST(Bip39Test, SeedMatchesTrezorVectors) {
  for (const auto& v : kVectors) {
    EXPECT_EQ(HexOf(Bip39Seed(v.mnemonic, "TREZOR")), v.trezor_seed) << v.mnemonic;
  }
}

TEST(Bip39Test, SubstrateSeedMatchesSubstrateBip39Vectors) {
  for (const auto& v : kVectors) {
    auto seed = SubstrateSeedFromPhrase(v.mnemonic, "Substrate");
    ASSERT_TRUE(seed.ok()) << v.mnemonic;
    // substrate-bip39's mini secret is the first half of its 64-byte seed.
    EXPECT_EQ(HexOf(*seed), std::string(v.substrate_seed).substr(0, 64)) << v.mnemonic;
    // And the full 64 bytes are PBKDF2 over the entropy, not over the phrase.
    std::array<uint8_t, 64> full;
    Pbkdf2HmacSha512(Hex(v.entropy), AsBytes("mnemonicSubstrate"), 2048, full);
    EXPECT_EQ(HexOf(full), v.substrate_seed);
  }
}

TEST(Bip39Test, SubstrateSeedOfTheDevPhrase) {
  // sp-core's DEV_PHRASE gives the seed @polkadot/keyring exports as DEV_SEED.
  auto seed = SubstrateSeedFromPhrase("bottom drive obey lake curtain smoke basket hold race lonely fit walk", "");
  ASSERT_TRUE(seed.ok());
  EXPECT_EQ(HexOf(*seed), "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
  // A password changes it.
  auto with_password =
      SubstrateSeedFromPhrase("bottom drive obey lake curtain smoke basket hold race lonely fit walk", "password");
  ASSERT_TRUE(with_password.ok());
  EXPECT_NE(*with_password, *seed);
}

TEST(Bip39Test, WhitespaceBetweenWordsIsFlexible) {
  auto entropy = MnemonicToEntropy(
      "  legal\twinner thank  year wave\nsausage worth useful legal winner thank yellow \r\n");
  ASSERT_TRUE(entropy.ok());
  EXPECT_EQ(HexOf(*entropy), "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f");
}

TEST(Bip39Test, WrongWordCountIsRejected) {
  const std::string twelve = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  for (const std::string& phrase : {std::string(), std::string("   "), std::string("abandon"),
                                    twelve.substr(0, twelve.rfind(' ')),  // 11 words
                                    twelve + " abandon",                  // 13 words
                                    twelve + " " + twelve + " " + twelve}) {  // 36 words
    auto entropy = MnemonicToEntropy(phrase);
    ASSERT_FALSE(entropy.ok()) << phrase;
    EXPECT_EQ(entropy.status().reason(), "bad-mnemonic-length") << phrase;
    auto seed = SubstrateSeedFromPhrase(phrase, "");
    ASSERT_FALSE(seed.ok());
    EXPECT_EQ(seed.status().reason(), "bad-mnemonic-length");
  }
}

TEST(Bip39Test, UnknownWordIsRejectedAndNamed) {
  const char* phrases[] = {
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandonx about",
      "Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon aboutt",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abou",
      "aaaa abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
      "zzzz abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
  };
  for (const char* phrase : phrases) {
    auto entropy = MnemonicToEntropy(phrase);
    ASSERT_FALSE(entropy.ok()) << phrase;
    EXPECT_EQ(entropy.status().reason(), "bad-mnemonic-word") << phrase;
  }
  auto entropy = MnemonicToEntropy(phrases[0]);
  EXPECT_NE(entropy.status().detail().find("abandonx"), std::string_view::npos);
  EXPECT_NE(entropy.status().detail().find("11"), std::string_view::npos);
}

TEST(Bip39Test, BadChecksumIsRejected) {
  const char* phrases[] = {
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon",
      "legal winner thank year wave sausage worth useful legal winner thank year",
      "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo",
      // The dev phrase with its last two words swapped.
      "bottom drive obey lake curtain smoke basket hold race lonely walk fit",
  };
  for (const char* phrase : phrases) {
    auto entropy = MnemonicToEntropy(phrase);
    ASSERT_FALSE(entropy.ok()) << phrase;
    EXPECT_EQ(entropy.status().reason(), "bad-mnemonic-checksum") << phrase;
    auto seed = SubstrateSeedFromPhrase(phrase, "");
    ASSERT_FALSE(seed.ok());
    EXPECT_EQ(seed.status().reason(), "bad-mnemonic-checksum");
  }
}

TEST(Bip39Test, BadEntropyLengthIsRejected) {
  for (size_t size : {0u, 4u, 12u, 15u, 17u, 18u, 31u, 33u, 36u, 64u}) {
    auto phrase = EntropyToMnemonic(Bytes(size, 0));
    ASSERT_FALSE(phrase.ok()) << size;
    EXPECT_EQ(phrase.status().reason(), "bad-entropy-length");
  }
}

TEST(Bip39Test, RoundTripsEveryLength) {
  for (size_t size : {16u, 20u, 24u, 28u, 32u}) {
    Bytes entropy(size);
    for (size_t i = 0; i < size; ++i) entropy[i] = static_cast<uint8_t>(i * 37 + size);
    auto phrase = EntropyToMnemonic(entropy);
    ASSERT_TRUE(phrase.ok());
    EXPECT_EQ(std::count(phrase->begin(), phrase->end(), ' ') + 1, static_cast<long>(size * 3 / 4));
    EXPECT_EQ(MnemonicToEntropy(*phrase).value(), entropy);
  }
}

// PBKDF2-HMAC-SHA512 known answers: RFC 6070's inputs with SHA-512 (as published in
// many PBKDF2 test suites), and a two-block output (cross-checked with Python's
// hashlib.pbkdf2_hmac).
TEST(Pbkdf2Test, KnownAnswers) {
  struct Case {
    std::string password;
    std::string salt;
    uint32_t iterations;
    size_t size;
    const char* expected;
  };
  const Case cases[] = {
      {"password", "salt", 1, 64,
       "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce"},
      {"password", "salt", 2, 64,
       "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e"},
      {"password", "salt", 4096, 64,
       "d197b1b33db0143e018b12f3d1d1479e6cdebdcc97c5c0f87f6902e072f457b5143f30602641b3d55cd335988cb36b84376060ecd532e039b742a239434af2d5"},
      {"passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 64,
       "8c0511f4c6e597c6ac6315d8f0362e225f3c501495ba23b868c005174dc4ee71115b59f9e60cd9532fa33e0f75aefe30225c583a186cd82bd4daea9724a3d3b8"},
      {std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096, 16, "9d9e9c4cd21fe4be24d5b8244c759665"},
      {"password", "salt", 1, 32, "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"},
      {"pass", "saltsalt", 50, 128,
       "0c6fb85c9fd3ed9ad394d8a11678d2d09ec779f354492a175d9821287d73d0ba81a2e8ce91aefa604d359f7a3590323ebc9f467e2735d7e0ce48e167994b8245"
       "fe8c3f938b969740dcae73383311fbf027b42fdad8f788b32165b15c6768dd2605cca90eac785f4cf4987b93fdfcb6615133c8f8b684c150be523c99cd49ec51"},
  };
  for (const Case& c : cases) {
    Bytes out(c.size);
    Pbkdf2HmacSha512(AsBytes(c.password), AsBytes(c.salt), c.iterations, out);
    EXPECT_EQ(HexOf(out), c.expected) << c.password << "/" << c.iterations << "/" << c.size;
  }
}

TEST(Pbkdf2Test, PasswordLongerThanTheHmacBlock) {
  // HMAC-SHA512 hashes keys longer than its 128-byte block first (expected value from
  // Python's hashlib.pbkdf2_hmac).
  const std::string long_password(200, 'k');
  Bytes out(64);
  Pbkdf2HmacSha512(AsBytes(long_password), AsBytes("salt"), 3, out);
  EXPECT_EQ(HexOf(out), "35af7cebd2e1c297550a8cdeae79788b876bbd859d95d49da98b89812d99542e35fe4c71ab53970bf637721774594169913c31b29e3a1f03b3d601d30215647f");
  // A zero-length output writes nothing.
  Pbkdf2HmacSha512(AsBytes("p"), AsBytes("s"), 1, std::span<uint8_t>());
}

}  // namespace
}  // namespace tfchain::chain
