// The help texts of tfwallet, one per topic (see HelpCommand in cli.h).
#include <map>

#include "wallet/cli.h"
#include "wallet/cli_spec.h"

namespace tfchain::wallet {
namespace {

constexpr std::string_view kOverview = R"(tfwallet - keys, balances, transfers, staking and the grid on a tfchain network

Usage: tfwallet [--rpc URL] [--json] [--keystore DIR] [--kdf LEVEL] <command> [args]

Commands:
  key generate   create a new key from a fresh BIP39 phrase
  key inspect    show the public key and address of a secret URI or address
  key import     store a key from a secret URI in the keystore
  key list       list the keys in the keystore
  balance        show an account's balance (optionally proven against state_root)
  transfer       send TFT
  tx show        show a transaction and its receipt
  stake          register a validator, set its commission, bond, unbond,
                 withdraw unbonded TFT, unjail (see 'tfwallet help stake')
  validators     list the validators; 'validators show' shows one
  twin           create, update or show a twin (an identity on the grid)
  farm           create a farm, manage its public IPs, show and list farms
  node           list, show and find nodes by free capacity and location;
                 set a node's power target or extra fee
  farming        show farming rewards ('farming rewards')
  gov            propose parameter changes, vote, list and show proposals
  contract       create node, name and rent contracts, update, cancel,
                 acknowledge; list and show contracts and their bills
  cost           estimate a contract's cost ('cost estimate')
  funded-until   when a twin's balance runs out at its contracts' cost
  service        service contracts between two twins
  deploy         deploy a container on a node's farmer agent ('deploy container')
  deployment     a deployment's workload states ('deployment status', 'deployment list')
  help [COMMAND] show help for a command

Global options:
  --rpc URL        node JSON-RPC endpoint, http://host:port
                   (default $TFWALLET_RPC, else http://127.0.0.1:9933)
  --json           print one JSON document on stdout instead of text
  --keystore DIR   key files (default $TFWALLET_KEYSTORE, else ~/.tfwallet/keystore)
  --kdf LEVEL      Argon2id cost for newly stored keys: interactive|moderate|sensitive
                   (default moderate)
  -h, --help       show help

Passwords come from $TFWALLET_PASSWORD, else they are asked on the terminal.
Amounts are in TFT with up to 7 decimals (1 TFT = 10000000 units).
Exit status: 0 success, 1 failure, 2 usage error.
)";

constexpr std::string_view kKeyGenerate = R"(
Generates a new BIP39 phrase from fresh randomness and prints the phrase, the public
key, the SS58 address and the scheme. Write the phrase down: it is the key.

Options:
  --scheme ed25519|secp256k1   signature scheme (default ed25519)
  --words 12|24                phrase length (default 12)
  --name NAME                  also store the key in the keystore under NAME
                               (asks for a new password twice)
)";

constexpr std::string_view kKeyInspect = R"(
Shows the public key, account id and SS58 address of a key without storing it.
Secrets are never printed.

URI is a Substrate secret URI: a BIP39 phrase, //Alice (dev phrase), 0x<32-byte seed>,
followed by //hard junctions and ///password. "-" reads it from stdin.
An SS58 address or a 0x public key (33 bytes for secp256k1; 32 bytes with --public for
ed25519) shows its public data.

Options:
  --scheme ed25519|secp256k1   signature scheme (default ed25519)
  --public                     treat a 32-byte 0x value as an ed25519 public key, not a seed
)";

constexpr std::string_view kKeyImport = R"(
Derives the key of a secret URI (see 'tfwallet help key inspect'), encrypts its seed with
a password (Argon2id + XSalsa20-Poly1305) and stores it as NAME.json in the keystore.
NAME is 1-32 characters of A-Z a-z 0-9 _ -; an existing key is never overwritten.
URI "-" reads it from stdin (keeps it out of the shell history).

Options:
  --scheme ed25519|secp256k1   signature scheme (default ed25519)
)";

constexpr std::string_view kKeyList = R"(
Lists name, scheme and address of every key in the keystore. Needs no password.
)";

constexpr std::string_view kBalance = R"(
Shows the free and reserved balance and the nonce of an account, given as an SS58
address, a 0x account id, a keystore name or a development URI such as //Alice.

Options:
  --prove   fetch a Merkle proof of the account and verify it against the state_root
            of the block header (does not trust the node's answer for the balance)
)";

constexpr std::string_view kTransfer = R"(
Sends TFT: signs a balances.transfer of --amount to --to and sends it.

Options:
  --to ADDRESS|NAME      the recipient: SS58 address, 0x account id, keystore name or //Dev URI
  --amount TFT           amount, e.g. 1.5 (at most 7 decimals)
)";

// The options and the flow of every transaction-sending command.
constexpr std::string_view kTxOptions = R"(  --from NAME|URI        the signing key: a keystore name or a secret URI
  --tip TFT              extra fee that orders the mempool (default 0)
  --valid-for BLOCKS     valid until head height + BLOCKS (default 100)
  --scheme S             scheme of a URI in --from (default ed25519)
  --dry-run              do not submit; print the hash, hex, fee and nonce
  --no-wait              submit and return without waiting for inclusion

The transaction is signed with the signer's next nonce and submitted; the wallet then
waits until it is included (polling every 200 ms, up to 60 s) and prints the receipt.
A call that fails on chain exits 1 with the chain's reason. The fee is base_fee +
fee_per_byte * size + tip (parameters from the node); the wallet refuses to submit
when the free balance does not cover the fee (plus the amount for transfer and bond).
)";

constexpr std::string_view kStakeRegister = R"(
Registers the --from account as the operator of a validator that signs blocks with
--consensus-key (an ed25519 public key as SS58 or 0x-hex; it may be the operator's own
key). It joins the active set at an epoch end once its self-bond reaches the chain's
minimum: follow with 'tfwallet stake bond'.

Options:
  --consensus-key SS58|0xHEX   the validator's ed25519 consensus public key
  --commission PERCENT         share of the validator's rewards it keeps, 0..100 with up to
                               4 decimals (10 = 10%, 2.5 = 2.5%)
)";

constexpr std::string_view kStakeCommission = R"(
Changes the commission of the validator --from operates; it applies from the next epoch
end on.

Options:
  --commission PERCENT   0..100 with up to 4 decimals
)";

constexpr std::string_view kStakeBond = R"(
Bonds --amount of the free balance of --from to a validator: moves it from free to
reserved and adds it to the validator's stake (voting power from the next epoch end).
Without --validator the signer bonds to its own validator (a self-bond).

Options:
  --validator ADDRESS|NAME   the validator's operator account (default: the signer)
  --amount TFT               amount, e.g. 1000 (at most 7 decimals)
)";

constexpr std::string_view kStakeUnbond = R"(
Starts unbonding --amount of the signer's bond with a validator. The amount stays
reserved (and slashable) for the chain's unbonding period, then 'tfwallet stake
withdraw' returns it to the free balance.

Options:
  --validator ADDRESS|NAME   the validator's operator account (default: the signer)
  --amount TFT               amount, e.g. 1000 (at most 7 decimals)
)";

constexpr std::string_view kStakeWithdraw = R"(
Returns every unbonding entry of --from whose unbonding period is over to its free
balance (nothing-to-withdraw if there is none).
)";

constexpr std::string_view kStakeUnjail = R"(
Ends the jail of the validator --from operates, once its jail period is over; it rejoins
the active set at the next epoch end.
)";

constexpr std::string_view kValidators = R"(
Lists the registered validators that are not tombstoned, largest stake first: operator
account, consensus key, status (active: in the set signing the next block; jailed;
tombstoned; inactive), total stake in TFT, commission, and the blocks missed in the
downtime window out of those recorded. --json prints the node's staking_getValidators
result.

  tfwallet validators show ADDRESS|NAME   one validator in detail
)";

constexpr std::string_view kValidatorShow = R"(
Shows one validator, named by its operator account or its consensus key (an SS58
address, 0x account id, keystore name or //Dev URI): keys, status, commission (and a
pending change), self bond, total stake, voting power now and from the next block,
missed blocks and jail. --json prints the node's staking_getValidator result.
)";

constexpr std::string_view kTxShow = R"(
Shows a transaction (pending, included or dropped) and its receipt, by 0x hash.
)";

const std::map<std::string_view, std::string_view>& Topics() {
  static const std::map<std::string_view, std::string_view> kTopics = {
      {"key generate", kKeyGenerate},
      {"key inspect", kKeyInspect},
      {"key import", kKeyImport},
      {"key list", kKeyList},
      {"balance", kBalance},
      {"transfer", kTransfer},
      {"tx show", kTxShow},
      {"stake register", kStakeRegister},
      {"stake commission", kStakeCommission},
      {"stake bond", kStakeBond},
      {"stake unbond", kStakeUnbond},
      {"stake withdraw", kStakeWithdraw},
      {"stake unjail", kStakeUnjail},
      {"validators", kValidators},
      {"validators show", kValidatorShow},
  };
  return kTopics;
}

}  // namespace

std::optional<std::string> HelpText(std::string_view topic) {
  if (topic.empty()) return std::string(kOverview);
  if (IsCommandGroup(topic)) {
    std::string out = "Usage:\n";
    for (const CommandSpec& spec : AllCommandSpecs()) {
      if (spec.path.starts_with(std::string(topic) + " ")) out += "  " + spec.usage + "\n";
    }
    out += "\nSee 'tfwallet help " + std::string(topic) + " <subcommand>' for details.\n";
    return out;
  }
  std::string_view body;
  if (auto it = Topics().find(topic); it != Topics().end()) {
    body = it->second;
  } else if (auto grid = GridHelpBody(topic)) {
    body = *grid;
  } else if (auto market = MarketHelpBody(topic)) {
    body = *market;
  } else if (auto deploy = DeployHelpBody(topic)) {
    body = *deploy;
  } else {
    return std::nullopt;
  }
  std::string out = "Usage: " + UsageLine(topic) + "\n" + std::string(body);
  if (SendsTransaction(topic)) {
    // The shared options continue the command's own list, or start one.
    if (body.find("\nOptions:\n") == std::string_view::npos) out += "\nOptions:\n";
    out += std::string(kTxOptions);
  }
  return out;
}

}  // namespace tfchain::wallet
