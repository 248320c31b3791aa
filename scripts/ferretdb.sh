#!/usr/bin/env bash
# FerretDB 1.x (MongoDB wire protocol on an SQLite backend) for the document store contract
# suite. Prints one JSON line per step, then prose on stderr when something went wrong.
#
#   scripts/ferretdb.sh build   build $(go env GOPATH)/bin/ferretdb if it is missing
#   scripts/ferretdb.sh start   run it on 127.0.0.1 (first free port from $FERRETDB_PORT,
#                               default 27018); writes pid, log, data and mongo_url under
#                               $FERRETDB_STATE (default $TMPDIR/adledger-ferretdb)
#   scripts/ferretdb.sh stop    stop the one started from $FERRETDB_STATE
#
# Why not plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.0`: go install
# reads the module's version list to check for deprecation (our module proxy refuses list
# requests: 403), and a binary built that way panics at start because the module zip's
# build/version/version.txt is empty (FerretDB issue 4001). So we download the module,
# write version.txt as FerretDB's own `task gen-version` would, and `go build` it.
set -uo pipefail

VERSION=v1.24.0
STATE=${FERRETDB_STATE:-${TMPDIR:-/tmp}/adledger-ferretdb}

GO=$(command -v go || echo /usr/local/go/bin/go)
gopath() { "$GO" env GOPATH 2>/dev/null; }
bin() { echo "$(gopath)/bin/ferretdb"; }

# shellcheck source=service.sh
. "$(dirname "$0")/service.sh"

build() {
  [ -x "$GO" ] || fail build "go not found (looked on PATH and at /usr/local/go/bin/go)"
  local target; target=$(bin)
  if [ -x "$target" ] && "$target" --version 2>/dev/null | grep -q "version: $VERSION"; then
    printf '{"step":"build","ok":true,"binary":"%s","seconds":0,"note":"already built"}\n' "$target"
    return 0
  fi
  local started; started=$(date +%s)
  local work; work=$(mktemp -d)
  local log="$work/build.log"
  local src
  "$GO" mod download -json "github.com/FerretDB/FerretDB@$VERSION" >"$work/download.json" 2>"$log"
  src=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' "$work/download.json")
  if [ -z "$src" ] || [ ! -d "$src" ]; then
    cat "$work/download.json" "$log" >&2
    fail build "go mod download github.com/FerretDB/FerretDB@$VERSION failed: $(sed -n 's/^\t"Error": "\(.*\)",\{0,1\}$/\1/p' "$work/download.json") $(tail -n 3 "$log")"
  fi
  cp -r "$src/." "$work/src" 2>>"$log" && chmod -R u+w "$work/src"
  echo "$VERSION" > "$work/src/build/version/version.txt"
  mkdir -p "$(dirname "$target")"
  if ! (cd "$work/src" && GOFLAGS=-mod=readonly "$GO" build -trimpath -o "$target" ./cmd/ferretdb) >>"$log" 2>&1; then
    cat "$log" >&2
    fail build "go build ./cmd/ferretdb failed: $(tail -n 3 "$log")"
  fi
  rm -rf "$work"
  printf '{"step":"build","ok":true,"binary":"%s","seconds":%d}\n' "$target" "$(( $(date +%s) - started ))"
}

start() {
  local target; target=$(bin)
  [ -x "$target" ] || fail start "$target is missing; run scripts/ferretdb.sh build"
  if running; then
    printf '{"step":"start","ok":true,"pid":%s,"mongoUrl":"%s","note":"already running"}\n' "$(cat "$STATE/pid")" "$(cat "$STATE/mongo_url")"
    return 0
  fi
  local port; port=$(free_port "${FERRETDB_PORT:-27018}")
  mkdir -p "$STATE/data"
  "$target" --handler=sqlite --sqlite-url="file:$STATE/data/" --state-dir="$STATE" \
    --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable --log-level=warn \
    >"$STATE/log" 2>&1 &
  local pid=$!
  echo "$pid" > "$STATE/pid"
  await_listening ferretdb "$pid" "$port"
  local url="mongodb://127.0.0.1:$port/"
  echo "$url" > "$STATE/mongo_url"
  printf '{"step":"start","ok":true,"pid":%s,"mongoUrl":"%s","state":"%s"}\n' "$pid" "$url" "$STATE"
  echo "MONGO_URL=$url" >&2
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop_service mongo_url ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac
