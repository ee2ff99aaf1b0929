#!/usr/bin/env bash
# The response cache's memory under distinct requests: every search a new URI, so every
# answer is a new entry. Prints the server's RSS before, its peak, and after, beside the
# cache's budget: the peak should stay within RSS-before + budget + a fixed margin, however
# many distinct requests arrive.
#
# Usage: Benchmarks/cache_memory.sh [SECONDS] [CONNECTIONS]    (installs wrk if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60}"
connections="${2:-2}"
port=18190

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
for product in errorkb errorkb-server; do swift build -c release --product "$product" 2>&1 | tail -1; done
bin=.build/release
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin/errorkb" init --db "$work/kb.sqlite" >/dev/null
"$bin/errorkb-server" --db "$work/kb.sqlite" --port $port --log-level warning &
server=$!
for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.05; done

cat > "$work/distinct.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/v1/search?q=w" .. counter .. "x" .. math.random(1000000000))
end
LUA
rss() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$server/status"; }
before=$(rss)
result=$(wrk -t1 -c"$connections" -d"${duration}s" -s "$work/distinct.lua" "http://127.0.0.1:$port")
peak=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$server/status")
requests=$(echo "$result" | awk '/requests in/ { print $1 }')
echo "distinct searches: $requests in ${duration}s over $connections connections"
echo "RSS before: ${before} MiB; peak: ${peak} MiB; after: $(rss) MiB; cache budget: 16 MiB"
