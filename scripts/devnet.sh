#!/usr/bin/env bash
# The first command of the README: installs what is missing, builds, and runs a local
# devnet node (tfchaind --dev) in the foreground. Ctrl-C stops it.
# Extra arguments go to tfchaind, e.g. scripts/devnet.sh --data-dir /var/lib/tfchain-dev
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh tfchaind tfwallet
echo
echo "devnet: starting tfchaind --dev (Ctrl-C to stop)"
echo "devnet: the wallet is build/bin/tfwallet; the dev accounts //Alice //Bob //Charlie"
echo "        //Dave //Eve //Ferdie are funded, e.g.:"
echo "          build/bin/tfwallet key generate"
echo "          build/bin/tfwallet transfer --from //Alice --to <ADDRESS> --amount 10"
echo "          build/bin/tfwallet balance <ADDRESS>"
echo
exec build/bin/tfchaind --dev "$@"
