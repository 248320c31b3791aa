#!/usr/bin/env bash
# Builds the goccy BigQuery emulator (pure Go, no cgo) into $(go env GOPATH)/bin when it is
# not there yet, from the module pinned beside this script (go.mod/go.sum), for the
# warehouse contract suite. Prints one JSON line; details of a failure go to stderr.
#
# Why not `go install github.com/goccy/bigquery-emulator/cmd/bigquery-emulator@v0.8.1`: go
# install reads the module's version list, which our module proxy refuses (403). A module of
# our own that requires the exact version builds it. The first build takes ~13 minutes and
# ~6 GB of memory; the ~200 MB binary is kept between runs, like FerretDB's.
set -uo pipefail

VERSION=v0.8.1
HERE=$(cd "$(dirname "$0")" && pwd)
GO=$(command -v go || echo /usr/local/go/bin/go)

fail() {
  printf '{"step":"build","ok":false,"reason":"%s"}\n' "$(printf '%s' "$1" | tr '\n"\\' "  /" | cut -c1-300)"
  exit 1
}

[ -x "$GO" ] || fail "go not found (looked on PATH and at /usr/local/go/bin/go)"
target="$("$GO" env GOPATH)/bin/bigquery-emulator"
# The binary says which module version it was built from (go version -m).
built() { "$GO" version -m "$target" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+github.com/goccy/bigquery-emulator[[:space:]]+$VERSION[[:space:]]"; }
if [ -x "$target" ] && built; then
  printf '{"step":"build","ok":true,"binary":"%s","seconds":0,"note":"already built"}\n' "$target"
  exit 0
fi
echo "== building the BigQuery emulator $VERSION (first time on this machine: ~13 minutes, ~6 GB)" >&2
started=$(date +%s)
work=$(mktemp -d)
cp "$HERE/go.mod" "$HERE/go.sum" "$work/"
mkdir -p "$(dirname "$target")"
if ! (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=mod "$GO" build -ldflags='-s -w' -o "$target.tmp" github.com/goccy/bigquery-emulator/cmd/bigquery-emulator) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  fail "go build of the emulator failed: $(tail -n 3 "$work/build.log")"
fi
mv "$target.tmp" "$target"
rm -rf "$work"
printf '{"step":"build","ok":true,"binary":"%s","seconds":%d}\n' "$target" "$(( $(date +%s) - started ))"
