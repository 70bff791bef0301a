#!/usr/bin/env bash
# Benchmark (not a test): the catalog list against /health in the same run, with wrk on loopback
# (2 threads, 64 connections, 10 s each). Starts target/poison.jar on a free port with embedded
# stores in a temporary data dir, prints both rates, the ratio and the list's p99, then stops it.
# Build first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d)
POISON_HTTP_HOST=127.0.0.1 POISON_HTTP_PORT=$port POISON_DATA_DIR=$data \
  java -jar target/poison.jar >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 1
done

run() { # path -> "requests/s p99_ms"
  local out
  out=$(wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$port$1")
  echo "$out" >&2
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' <<<"$out")
  echo "$rps $p99"
}

wrk -t2 -c64 -d3s "http://127.0.0.1:$port/api/v1/plants?limit=20" >/dev/null # warm-up (JIT)
wrk -t2 -c64 -d3s "http://127.0.0.1:$port/health" >/dev/null
read -r health_rps health_p99 < <(run /health)
read -r list_rps list_p99 < <(run '/api/v1/plants?limit=20')
python3 - "$health_rps" "$health_p99" "$list_rps" "$list_p99" <<'PY'
import sys
h, hp, l, lp = map(float, sys.argv[1:])
print(f"GET /health                 {h:10.0f} req/s  p99 {hp:6.2f} ms")
print(f"GET /api/v1/plants?limit=20 {l:10.0f} req/s  p99 {lp:6.2f} ms")
print(f"ratio list/health: {l / h:.1%}  (target >= 40%, list p99 < 20 ms)")
PY
