#!/usr/bin/env bash
# Runs an N-validator network on this machine (127.0.0.1), each node its own
# tfchaind process with its own data dir.
#
#   scripts/localnet.sh [--validators N] [--dir DIR]   write DIR (default build/localnet)
#                                                      if it does not exist, start every
#                                                      node, and stop them all on Ctrl-C
#   scripts/localnet.sh stop [--dir DIR]               stop a network started elsewhere
#
# Node i listens for P2P on 26656+i and serves JSON-RPC on http://127.0.0.1:(9944+i);
# logs go to DIR/nodeI.log.
set -euo pipefail
cd "$(dirname "$0")/.."

N=4
DIR=build/localnet
CMD=run
while [ $# -gt 0 ]; do
  case "$1" in
    stop) CMD=stop ;;
    --validators) N="$2"; shift ;;
    --dir) DIR="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "localnet: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

stop_all() {
  local pids=()
  for f in "$DIR"/node*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" && pids+=("$pid"); fi
    rm -f "$f"
  done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  echo "localnet: stopped ${#pids[@]} node(s)"
}

if [ "$CMD" = stop ]; then stop_all; exit 0; fi

scripts/install-deps.sh
scripts/build.sh tfchaind tfwallet
if [ ! -d "$DIR/node0" ]; then
  build/bin/tfchaind localnet --validators "$N" --out "$DIR"
fi
trap stop_all EXIT INT TERM
for d in "$DIR"/node*/; do
  name=$(basename "$d")
  build/bin/tfchaind start --data-dir "$d" >"$DIR/$name.log" 2>&1 &
  echo $! >"$DIR/$name.pid"
done
sleep 1
for d in "$DIR"/node*/; do
  [ -f "$d/rpc.addr" ] && echo "localnet: $(basename "$d") rpc $(cat "$d/rpc.addr")"
done
echo "localnet: running; Ctrl-C stops every node (logs in $DIR/*.log)"
wait
