#!/usr/bin/env bash
# The first command of the README: installs what is missing, builds, and runs a local
# devnet: a node (tfchaind --dev, one validator) and a farmer agent on this machine,
# registered as a 3Node in a dev farm of //Bob's and reporting uptime. Ctrl-C stops both.
#
#   scripts/devnet.sh [--data-dir DIR] [--rpc-port PORT] [--api HOST:PORT] [--disk-type ssd|hdd]
#
# --disk-type tells the agent what the storage pool is when sysfs cannot (VMs report
# virtual disks as rotational); containers and volumes need SSD capacity.
# --data-dir keeps the chain (DIR/chain) and the agent's key and state (DIR/agent)
# across runs; without it both live in a temporary directory removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR=""
RPC_PORT=9933
API="127.0.0.1:2021"
DISK_TYPE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="${2:?--data-dir needs a directory}"; shift 2 ;;
    --rpc-port) RPC_PORT="${2:?--rpc-port needs a port}"; shift 2 ;;
    --api) API="${2:?--api needs HOST:PORT}"; shift 2 ;;
    --disk-type) DISK_TYPE=(--disk-type "${2:?--disk-type needs ssd or hdd}"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "devnet: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
scripts/build.sh tfchaind tfwallet farmer-agent

TEMP=""
if [ -z "$DATA_DIR" ]; then
  TEMP="$(mktemp -d /tmp/tfchain-devnet.XXXXXX)"
  DATA_DIR="$TEMP"
fi
mkdir -p "$DATA_DIR/agent"
RPC="http://127.0.0.1:$RPC_PORT"
WALLET=(build/bin/tfwallet --rpc "$RPC")
NODE_PID=""
AGENT_PID=""

stop() {
  trap - INT TERM EXIT
  if [ -n "$AGENT_PID" ]; then kill "$AGENT_PID" 2>/dev/null || true; fi
  if [ -n "$NODE_PID" ]; then kill "$NODE_PID" 2>/dev/null || true; fi
  if [ -n "$AGENT_PID" ]; then wait "$AGENT_PID" 2>/dev/null || true; fi
  if [ -n "$NODE_PID" ]; then wait "$NODE_PID" 2>/dev/null || true; fi
  if [ -n "$TEMP" ]; then rm -rf "$TEMP"; fi
  echo "devnet: stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

echo "devnet: starting tfchaind --dev (RPC $RPC, data $DATA_DIR/chain)"
build/bin/tfchaind --dev --data-dir "$DATA_DIR/chain" --rpc-port "$RPC_PORT" >"$DATA_DIR/tfchaind.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 100); do
  if "${WALLET[@]}" --json validators >/dev/null 2>&1; then break; fi
  kill -0 "$NODE_PID" 2>/dev/null || { echo "devnet: tfchaind exited:" >&2; tail -20 "$DATA_DIR/tfchaind.log" >&2; exit 1; }
  sleep 0.2
done

# //Bob's twin and dev farm (kept when --data-dir is reused).
if ! "${WALLET[@]}" --json farm show 1 >/dev/null 2>&1; then
  "${WALLET[@]}" twin create --from //Bob >/dev/null
  "${WALLET[@]}" farm create dev-farm --from //Bob >/dev/null
  echo "devnet: //Bob's twin and farm 1 (dev-farm) created"
fi

echo "devnet: starting farmer-agent (deployment API $API, data $DATA_DIR/agent)"
build/bin/farmer-agent --rpc "$RPC" --farm-id 1 --data-dir "$DATA_DIR/agent" --api "$API" \
  --location "Devnet,Local" "${DISK_TYPE[@]}" >"$DATA_DIR/agent.out" 2>"$DATA_DIR/agent.log" &
AGENT_PID=$!
ACCOUNT=""
for _ in $(seq 1 100); do
  ACCOUNT="$(sed -n 's/^node account \(5[1-9A-HJ-NP-Za-km-z]*\).*/\1/p' "$DATA_DIR/agent.out" | head -1)"
  [ -n "$ACCOUNT" ] && break
  kill -0 "$AGENT_PID" 2>/dev/null || { echo "devnet: farmer-agent exited:" >&2; tail -20 "$DATA_DIR/agent.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$ACCOUNT" ] || { echo "devnet: farmer-agent printed no account" >&2; exit 1; }
# The node pays fees for its twin and registration; uptime reports are free.
if [ "$("${WALLET[@]}" --json balance "$ACCOUNT" | sed -n 's/.*"free": *"\([0-9]*\)".*/\1/p')" = "0" ]; then
  "${WALLET[@]}" transfer --from //Bob --to "$ACCOUNT" --amount 10 >/dev/null
fi
for _ in $(seq 1 150); do
  grep -q '^node id ' "$DATA_DIR/agent.out" && break
  kill -0 "$AGENT_PID" 2>/dev/null || { echo "devnet: farmer-agent exited:" >&2; tail -20 "$DATA_DIR/agent.log" >&2; exit 1; }
  sleep 0.2
done
echo "devnet: $(grep '^node id ' "$DATA_DIR/agent.out" | head -1) registered in farm 1 by $ACCOUNT"
echo
echo "devnet: running (Ctrl-C stops both). Logs: $DATA_DIR/tfchaind.log, $DATA_DIR/agent.log"
echo "  build/bin/tfwallet node list"
echo "  build/bin/tfwallet twin create --from //Charlie"
echo "  build/bin/tfwallet cost estimate --node 1 --cpu 1 --memory 256MB --from //Charlie"
echo "  build/bin/tfwallet contract create-node --node 1 --cpu 1 --memory 256MB --from //Charlie"
echo
wait "$NODE_PID" "$AGENT_PID"
