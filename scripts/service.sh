# Sourced by scripts/ferretdb.sh and scripts/bigquery-emulator.sh: the start/stop mechanics of
# a local test server whose pid, log and address files live under $STATE. One JSON line per step.

fail() { # step, reason (one line of JSON, then the details on stderr)
  printf '{"step":"%s","ok":false,"reason":"%s"}\n' "$1" "$(printf '%s' "$2" | tr '\n"\\' "  /" | cut -c1-300)"
  exit 1
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; }
free_port() { local p=$1; while listening "$p"; do p=$((p + 1)); done; echo "$p"; }

# name, pid, port: returns once the server accepts connections; fails (and forgets the pid) if it
# exits first or is not listening within 10 s.
await_listening() {
  local name=$1 pid=$2 port=$3
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$STATE/log" >&2
      rm -f "$STATE/pid"
      fail start "$name exited at start: $(tail -n 2 "$STATE/log")"
    fi
    listening "$port" && return 0
    sleep 0.1
  done
  kill "$pid" 2>/dev/null
  rm -f "$STATE/pid"
  fail start "$name did not accept connections on 127.0.0.1:$port within 10s"
}

# address file under $STATE: stops the server started from $STATE (TERM, then KILL after 5 s).
stop_service() {
  if ! running; then
    printf '{"step":"stop","ok":true,"note":"not running"}\n'
    return 0
  fi
  local pid; pid=$(cat "$STATE/pid")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$STATE/pid" "$STATE/$1"
  printf '{"step":"stop","ok":true,"pid":%s}\n' "$pid"
}
