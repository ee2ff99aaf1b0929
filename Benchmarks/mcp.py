"""MCP call latency and idle cost, both transports, in one sitting, rounds interleaved.

    python3 Benchmarks/mcp.py --errorkb .build/release/errorkb --server .build/release/errorkb-server \
        --db kb.sqlite [--calls 300] [--rounds 3] [--idle 10]

stdio: a raw newline-delimited JSON-RPC client (no SDK, so its own cost is a few microseconds)
times sequential `tools/call`s against `errorkb mcp` with the blocking transport and with the
SDK's polling `StdioTransport` (the hidden `--sdk-stdio-transport`), and reads the CPU each
uses while idle from /proc. http: the same calls as POST /mcp on one keep-alive connection.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import time

CALLS = [
    ("ping", {}),
    ("tools/call", {"name": "lookup_code", "arguments": {"name": "404"}}),
    ("tools/call", {"name": "search", "arguments": {"query": "token", "limit": 10}}),
]
INITIALIZE = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(samples):
    samples = sorted(samples)
    return f"median {statistics.median(samples) * 1000:6.2f} ms  p90 {samples[int(len(samples) * 0.9)] * 1000:6.2f} ms"


class StdioServer:
    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.next_id = 0
        self.call("initialize", INITIALIZE)
        self.process.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')

    def call(self, method, params):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        answer = json.loads(self.process.stdout.readline())
        assert answer.get("id") == self.next_id and "result" in answer, answer
        return answer

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


def time_calls(call, count):
    results = {}
    for method, params in CALLS:
        samples = []
        for _ in range(count):
            started = time.perf_counter()
            call(method, params)
            samples.append(time.perf_counter() - started)
        results[params.get("name", method)] = samples
    return results


def http_round(port, count):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
               "MCP-Protocol-Version": "2025-11-25"}
    next_id = [0]

    def call(method, params):
        next_id[0] += 1
        body = json.dumps({"jsonrpc": "2.0", "id": next_id[0], "method": method, "params": params})
        connection.request("POST", "/mcp", body=body, headers=headers)
        answer = json.loads(connection.getresponse().read())
        assert "result" in answer, answer

    call("initialize", INITIALIZE)
    results = time_calls(call, count)
    connection.close()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--errorkb", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--idle", type=float, default=10)
    options = parser.parse_args()
    variants = {"blocking": [], "sdk": ["--sdk-stdio-transport"]}
    collected = {name: {} for name in [*variants, "http"]}
    idle = {name: [] for name in variants}

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([options.server, "--db", options.db, "--port", str(port), "--mcp", "--log-level", "warning"])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        for round_number in range(options.rounds):
            for name, flags in variants.items():
                stdio = StdioServer([options.errorkb, "mcp", "--db", options.db, *flags])
                for tool, samples in time_calls(stdio.call, options.calls).items():
                    collected[name].setdefault(tool, []).extend(samples)
                before = cpu_seconds(stdio.process.pid)
                time.sleep(options.idle)
                idle[name].append((cpu_seconds(stdio.process.pid) - before) / options.idle)
                stdio.close()
            for tool, samples in http_round(port, options.calls).items():
                collected["http"].setdefault(tool, []).extend(samples)
            print(f"round {round_number + 1} of {options.rounds} done", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)

    for name, tools in collected.items():
        label = {"blocking": "stdio, blocking transport", "sdk": "stdio, SDK StdioTransport", "http": "Streamable HTTP /mcp"}[name]
        print(f"\n{label}")
        for tool, samples in tools.items():
            print(f"  {tool:12} {summary(samples)}  ({len(samples)} calls)")
        if name in idle:
            print(f"  idle CPU     {statistics.median(idle[name]) * 100:.2f} % of a core (median of {len(idle[name])} x {options.idle:g} s)")


if __name__ == "__main__":
    main()
