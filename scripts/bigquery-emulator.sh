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

fail() { # step, reason (one line of JSON, then the details on stderr)
  printf '{"step":"%s","ok":false,"reason":"%s"}\n' "$1" "$(printf '%s' "$2" | tr '\n"\\' "  /" | cut -c1-300)"
  exit 1
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; }
free_port() { local p=$1; while listening "$p"; do p=$((p + 1)); done; echo "$p"; }

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
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$STATE/log" >&2
      rm -f "$STATE/pid"
      fail start "bigquery-emulator exited at start: $(tail -n 2 "$STATE/log")"
    fi
    if listening "$port"; then
      local endpoint="http://127.0.0.1:$port"
      echo "$endpoint" > "$STATE/endpoint"
      printf '{"step":"start","ok":true,"pid":%s,"endpoint":"%s","project":"%s","state":"%s"}\n' "$pid" "$endpoint" "$PROJECT" "$STATE"
      echo "BIGQUERY_EMULATOR_HOST=$endpoint" >&2
      return 0
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null
  rm -f "$STATE/pid"
  fail start "bigquery-emulator did not accept connections on 127.0.0.1:$port within 10s"
}

stop() {
  if ! running; then
    printf '{"step":"stop","ok":true,"note":"not running"}\n'
    return 0
  fi
  local pid; pid=$(cat "$STATE/pid")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$STATE/pid" "$STATE/endpoint"
  printf '{"step":"stop","ok":true,"pid":%s}\n' "$pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
