#!/usr/bin/env python3
"""Issue 27 soak: errorkb-server and `errorkb mcp` serve readers while errorkb processes run
show, edits and imports in a loop on the same file.

Passes when neither server crashes, no HTTP answer is a 5xx, and every edit and import is
served on the next request, over HTTP and over MCP. With --as-user the servers run as that
user, who may read the knowledge base but not write it (the file, its log and index 0644 in a
0755 folder, owned by the curator running this script).

    python3 Tests/Soak/soak.py --bin .build/debug --seconds 80 [--as-user errorkb-soak]

Figures go to stdout, one `soak:` line per mode; exit status 1 on any failure.
"""

import argparse
import http.client
import json
import os
import pwd
import queue
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

READ_PATHS = [
    "/v1/codes/404",
    "/v1/search?q=token",
    "/v1/codes?document=soak.md&limit=5",
    "/v1/codes?vendor=akana",
    "/v1/divergences?limit=20",
    "/codes/401",
    "/documents/1",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Failures:
    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def add(self, text):
        with self.lock:
            if len(self.items) < 50:
                self.items.append(text)
            print(f"soak: FAIL {text}", flush=True)

    def __len__(self):
        with self.lock:
            return len(self.items)


def get(port, path, timeout=30):
    """One request on a new connection: the next request after a commit. Status 0 when there
    is no answer (the server is gone)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return 0, str(error).encode()
    finally:
        connection.close()


class Readers:
    """Keep-alive HTTP readers looping over READ_PATHS, counting answers and 5xx."""

    def __init__(self, port, failures, count=2):
        self.port, self.failures = port, failures
        self.stop = threading.Event()
        self.requests = 0
        self.server_errors = 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(index,), daemon=True) for index in range(count)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def run(self, index):
        step = index
        while not self.stop.is_set():
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                while not self.stop.is_set():
                    path = READ_PATHS[step % len(READ_PATHS)]
                    step += 1
                    connection.request("GET", path)
                    response = connection.getresponse()
                    body = response.read()
                    with self.lock:
                        self.requests += 1
                        if response.status >= 500:
                            self.server_errors += 1
                            # The problem's detail says which SQLite error it was.
                            detail = body.decode(errors="replace")[:400]
                            self.failures.add(f"HTTP {response.status} for {path}: {detail}")
            except (OSError, http.client.HTTPException):
                # A connection the server closed (idle limit) is opened again; a server that
                # is gone is found by the main loop.
                time.sleep(0.05)

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=40)


class MCPClient:
    """`errorkb mcp` over stdio: one JSON-RPC request at a time, answers matched by id."""

    def __init__(self, command, user):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **user)
        self.lines = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()
        self.next_id = 1
        self.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "soak", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, message):
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def request(self, method, params, timeout=30):
        identifier = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": identifier, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise EOFError("errorkb mcp closed its output")
            message = json.loads(line)
            if message.get("id") == identifier:
                return message

    def code_text(self, code):
        try:
            answer = self.request("resources/read", {"uri": f"errorkb://codes/{code}"})
        except (EOFError, OSError, queue.Empty) as error:
            return f"no answer: {error!r}"
        return "".join(item.get("text", "") for item in answer.get("result", {}).get("contents", []))

    def close(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def run_cli(errorkb, args, database, failures, check=True):
    result = subprocess.run([errorkb, *args, "--db", database], capture_output=True, timeout=120)
    if check and result.returncode != 0:
        failures.add(f"errorkb {' '.join(args)} exited {result.returncode}: {result.stderr.decode(errors='replace').strip()}")
    return result


def soak(options, as_user):
    failures = Failures()
    work = tempfile.mkdtemp(prefix="errorkb-soak-")
    os.chmod(work, 0o755)
    database = os.path.join(work, "kb.sqlite")
    # The binaries copied where any user may run them (the build folder may not be readable).
    binaries = os.path.join(work, "bin")
    os.mkdir(binaries)
    for name in ("errorkb", "errorkb-server"):
        shutil.copy(os.path.join(options.bin, name), binaries)
        os.chmod(os.path.join(binaries, name), 0o755)
    errorkb = os.path.join(binaries, "errorkb")
    server_binary = os.path.join(binaries, "errorkb-server")
    run_cli(errorkb, ["init"], database, failures)
    user = {}
    if as_user:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(database + suffix):
                os.chmod(database + suffix, 0o644)
        entry = pwd.getpwnam(as_user)
        user = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    port = free_port()
    server_log = open(os.path.join(work, "server.log"), "wb")
    server = subprocess.Popen(
        [server_binary, "--db", database, "--port", str(port), "--log-level", "warning"],
        stdout=server_log, stderr=subprocess.STDOUT, **user)
    for _ in range(150):
        if get(port, "/healthz", timeout=2)[0] == 200:
            break
        time.sleep(0.1)
    else:
        failures.add("the server did not answer /healthz")
    mcp = MCPClient([errorkb, "mcp", "--db", database], user)

    readers = Readers(port, failures)
    readers.start()
    # CLI readers beside the writers: `errorkb show` alone crashed the server (finding 1).
    shows = {"runs": 0}
    stop_shows = threading.Event()

    def show_loop():
        while not stop_shows.is_set():
            run_cli(errorkb, ["show", "404"], database, failures)
            shows["runs"] += 1

    show_thread = threading.Thread(target=show_loop, daemon=True)
    show_thread.start()

    edits = imports = stale = mcp_checks = 0
    started = time.monotonic()
    round_number = 0
    page = os.path.join(work, "soak.md")
    while time.monotonic() - started < options.seconds and len(failures) < 20:
        round_number += 1
        if server.poll() is not None or mcp.process.poll() is not None:
            break
        title = f"Soak title {round_number}"
        run_cli(errorkb, ["set", "404", "--vendor", "akana", "--title", title], database, failures)
        edits += 1
        status, body = get(port, "/v1/codes/404?vendor=akana")
        if status != 200 or title.encode() not in body:
            stale += 1
            failures.add(f"round {round_number}: HTTP served {status} without the edit {title!r}")
        if title not in mcp.code_text("404"):
            stale += 1
            failures.add(f"round {round_number}: MCP served 404 without the edit {title!r}")
        mcp_checks += 1

        cause = f"Soak cause {round_number}."
        run_cli(errorkb, ["cause", "add", "401", "--vendor", "generic", "--document", "001_ae84c84f41ee20ec.txt", cause], database,
                failures)
        edits += 1
        status, body = get(port, "/v1/codes/401")
        if status != 200 or cause.encode() not in body:
            stale += 1
            failures.add(f"round {round_number}: HTTP served {status} without the cause {cause!r}")

        edition = f"Edition {round_number} of the soak page."
        with open(page, "w") as file:
            file.write("# Soak errors\n\n| Code | Title | Description |\n|---|---|---|\n")
            for row in range(40):
                file.write(f"| soak_{row} | Soak {row} | {edition} Row {row}. |\n")
        run_cli(errorkb, ["import", page, "--vendor", "soak"], database, failures)
        imports += 1
        status, body = get(port, "/v1/codes/soak_7")
        if status != 200 or edition.encode() not in body:
            stale += 1
            failures.add(f"round {round_number}: HTTP served {status} without import {round_number}")
        if edition not in mcp.code_text("soak_7"):
            stale += 1
            failures.add(f"round {round_number}: MCP served soak_7 without import {round_number}")
        mcp_checks += 1
    elapsed = time.monotonic() - started

    stop_shows.set()
    show_thread.join(timeout=150)
    readers.finish()
    server_alive = server.poll() is None
    mcp_alive = mcp.process.poll() is None
    if not server_alive:
        failures.add(f"errorkb-server died: exit {server.returncode} (a negative number is the signal)")
    if not mcp_alive:
        failures.add(f"errorkb mcp died: exit {mcp.process.returncode}: {mcp.process.stderr.read().decode(errors='replace')[-300:]}")
    # A reader that may not write must have created nothing of SQLite's beside the file.
    if as_user:
        for suffix in ("-wal", "-shm"):
            if os.path.exists(database + suffix) and os.stat(database + suffix).st_uid != os.getuid():
                failures.add(f"the server's user owns kb.sqlite{suffix}")
    mcp_status = mcp.close() if mcp_alive else mcp.process.returncode
    if mcp_alive and mcp_status != 0:
        failures.add(f"errorkb mcp exited {mcp_status} at end of input")
    if server_alive:
        server.send_signal(signal.SIGTERM)
        try:
            if server.wait(timeout=30) != 0:
                failures.add(f"errorkb-server exited {server.returncode} on SIGTERM")
        except subprocess.TimeoutExpired:
            server.kill()
            failures.add("errorkb-server did not stop on SIGTERM")
    server_log.close()
    with open(os.path.join(work, "server.log"), "rb") as log:
        text = log.read().decode(errors="replace")
        if "Fatal error" in text:
            failures.add("the server logged a fatal error: " + text[-500:])
        # A 500's detail says nothing to the client; the server's log says what failed.
        logged = [line for line in text.splitlines() if "error" in line.lower()]
        if readers.server_errors and logged:
            print("soak: the server logged:\n  " + "\n  ".join(line[:600] for line in logged[-5:]), flush=True)
    checking = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    integrity = checking.execute("PRAGMA integrity_check").fetchone()[0]
    checking.close()
    if integrity != "ok":
        failures.add(f"integrity_check: {integrity}")
    shutil.rmtree(work, ignore_errors=True)

    who = f"as {as_user}, who may not write the file" if as_user else "as the file's owner"
    print(
        f"soak: servers {who}: {elapsed:.0f} s, {round_number} rounds: {edits} edits and {imports} imports each checked on "
        f"the next request ({stale} stale), {shows['runs']} errorkb show runs beside them, {readers.requests} HTTP reads "
        f"({readers.server_errors} 5xx), {mcp_checks} MCP reads; server {'up' if server_alive else 'DIED'}, "
        f"mcp {'up' if mcp_alive else 'DIED'}; {len(failures)} failures", flush=True)
    return len(failures) == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="the folder holding errorkb and errorkb-server")
    parser.add_argument("--seconds", type=float, default=80)
    parser.add_argument("--as-user", help="run the servers as this existing user, who may not write the file")
    options = parser.parse_args()
    sys.exit(0 if soak(options, options.as_user) else 1)


if __name__ == "__main__":
    main()
