#!/usr/bin/env bash
# Interleaved A/B of server builds on the cached lookup: for each round, each binary in turn is
# started on the same seeded database, warmed up for 2 s, then driven by wrk for 8 s. Prints
# requests/s, p50/p99 and the server's own CPU time per request (user + system, from
# /proc/PID/stat), which moves less with this shared machine's phases than throughput does.
#
# Usage: Benchmarks/lookup.sh [-r ROUNDS] [-p PATH] BINARY...
#   e.g. cp .build/release/errorkb-server /tmp/before; (change, rebuild);
#        Benchmarks/lookup.sh /tmp/before .build/release/errorkb-server
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
target=/v1/codes/404
while getopts "r:p:" option; do
    case $option in
        r) rounds=$OPTARG ;;
        p) target=$OPTARG ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-r ROUNDS] [-p PATH] BINARY..." >&2; exit 2; }
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

swift build -c release --product errorkb 2>&1 | tail -1
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
.build/release/errorkb init --db "$work/kb.sqlite" >/dev/null
port=18190
ticks_per_second=$(getconf CLK_TCK)

printf '| round | binary | requests/s | p50 | p99 | server CPU µs/request |\n|---:|---|---:|---:|---:|---:|\n'
for round in $(seq 1 "$rounds"); do
    for binary in "$@"; do
        "$binary" --db "$work/kb.sqlite" --port $port --log-level warning & pid=$!
        for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.05; done
        wrk -t2 -c32 -d2s "http://127.0.0.1:$port$target" >/dev/null
        before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        out=$(wrk -t2 -c32 -d8s --latency "http://127.0.0.1:$port$target")
        after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        requests=$(awk '/requests in/ {print $1}' <<<"$out")
        printf '| %s | %s | %s | %s | %s | %s |\n' "$round" "$binary" \
            "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
            "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
            "$(awk -v t=$((after - before)) -v r="$requests" -v hz="$ticks_per_second" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')"
        kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    done
done
