#!/usr/bin/env bash
# The goccy BigQuery emulator (v0.8.1, in memory) for the warehouse contract suite. Prints one
# JSON line per step, then prose on stderr when something went wrong. Building the binary is
# not this script's job: it runs $(go env GOPATH)/bin/bigquery-emulator and says so if missing.
#
#   scripts/bigquery-emulator.sh start   run it on 127.0.0.1 (first free port from
#                                        $BIGQUERY_EMULATOR_PORT, default 9050; gRPC on the next
#                                        free one); project $BIGQUERY_EMULATOR_PROJECT (default
#                                        test); writes pid, log and endpoint under
#                                        $BIGQUERY_EMULATOR_STATE (default $TMPDIR/adledger-bigquery)
#   scripts/bigquery-emulator.sh stop    stop the one started from $BIGQUERY_EMULATOR_STATE
#
# The warehouse contract suite starts its own emulator from the same binary (test/support/bigqueryEmulator.ts).
set -uo pipefail

STATE=${BIGQUERY_EMULATOR_STATE:-${TMPDIR:-/tmp}/adledger-bigquery}
PROJECT=${BIGQUERY_EMULATOR_PROJECT:-test}

GO=$(command -v go || echo /usr/local/go/bin/go)
bin() {
  local gopath; gopath=$("$GO" env GOPATH 2>/dev/null || echo "$HOME/go")
  echo "$gopath/bin/bigquery-emulator"
}

# shellcheck source=service.sh
. "$(dirname "$0")/service.sh"

start() {
  local target; target=$(bin)
  [ -x "$target" ] || fail start "$target is missing: the goccy BigQuery emulator v0.8.1 is not built on this machine (building it is a separate step)"
  "$target" --help >/dev/null 2>&1 || fail start "$target is there but does not run (--help failed); it may still be being built"
  if running; then
    printf '{"step":"start","ok":true,"pid":%s,"endpoint":"%s","note":"already running"}\n' "$(cat "$STATE/pid")" "$(cat "$STATE/endpoint")"
    return 0
  fi
  local port; port=$(free_port "${BIGQUERY_EMULATOR_PORT:-9050}")
  local grpc; grpc=$(free_port $((port + 10)))
  mkdir -p "$STATE"
  "$target" --project="$PROJECT" --host=127.0.0.1 --port="$port" --grpc-port="$grpc" >"$STATE/log" 2>&1 &
  local pid=$!
  echo "$pid" > "$STATE/pid"
  await_listening bigquery-emulator "$pid" "$port"
  local endpoint="http://127.0.0.1:$port"
  echo "$endpoint" > "$STATE/endpoint"
  printf '{"step":"start","ok":true,"pid":%s,"endpoint":"%s","project":"%s","state":"%s"}\n' "$pid" "$endpoint" "$PROJECT" "$STATE"
  echo "BIGQUERY_EMULATOR_HOST=$endpoint" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop_service endpoint ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
