"""Drives ErrorKB's MCP server with the official MCP Python SDK, over stdio (`errorkb mcp`) and
Streamable HTTP (`errorkb-server --mcp`), and checks every answer against the REST API's
answer to the same question on the same database.

    python3 check_mcp.py --errorkb .build/debug/errorkb --db kb.sqlite --url http://127.0.0.1:8080

Exits non-zero with the failed checks listed; prints one line per check otherwise.
"""

import argparse
import asyncio
import html
import json
import re
import sys
import time
import urllib.error
import urllib.request

from mcp import StdioServerParameters
from mcp.client.client import Client
from mcp.shared.exceptions import MCPError

TOOLS = {"lookup_code", "search", "compare", "explain_response"}
VARIANT_FIELDS = ["id", "code", "vendor", "title", "description", "http_status", "causes", "fixes", "section",
                  "document", "document_id", "lines", "edited"]


class Checks:
    def __init__(self):
        self.failures = []
        self.count = 0

    def check(self, transport, name, condition, detail=""):
        self.count += 1
        line = f"[{transport}] {name}"
        if condition:
            print(f"ok    {line}")
        else:
            print(f"FAIL  {line}: {detail}")
            self.failures.append(line)


def rest(url, path):
    with urllib.request.urlopen(url + path, timeout=10) as response:
        return json.load(response)


def raw_post(url, body, headers):
    request = urllib.request.Request(url + "/mcp", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def same_variants(cited, stored):
    """The tool's variants carry the REST API's fields, in the same order, with the same values."""
    if len(cited) != len(stored):
        return False, f"{len(cited)} variants vs {len(stored)}"
    for mine, theirs in zip(cited, stored):
        for field in VARIANT_FIELDS:
            if mine.get(field) != theirs.get(field):
                return False, f"variant {theirs.get('id')} field {field}: {mine.get(field)!r} vs {theirs.get(field)!r}"
        source = mine.get("source", {})
        if source.get("vendor") != theirs["vendor"] or source.get("document") != theirs.get("document") \
                or source.get("lines") != theirs.get("lines") or "/v1/codes/" not in source.get("link", ""):
            return False, f"variant {theirs['id']} source {source}"
    return True, ""


def plain_snippet(text, open_mark, close_mark):
    return html.unescape(text.replace(open_mark, "").replace(close_mark, ""))


async def refused(client, tool, arguments):
    """The MCP error a bad call raises, or None if it did not raise."""
    try:
        await client.call_tool(tool, arguments)
    except MCPError as error:
        return error
    return None


async def exercise(transport, server, url, checks):
    started = time.perf_counter()
    async with Client(server) as client:
        checks.check(transport, "initialize negotiates a protocol version", client.protocol_version is not None,
                     client.protocol_version)
        checks.check(transport, "server names itself errorkb", client.server_info and client.server_info.name == "errorkb",
                     client.server_info)

        tools = (await client.list_tools()).tools
        checks.check(transport, "lists the four tools", {tool.name for tool in tools} == TOOLS, [t.name for t in tools])
        checks.check(transport, "every tool has input and output schemas",
                     all(tool.input_schema.get("type") == "object" and tool.output_schema for tool in tools))

        # Resources: page through all of them; a code's resource is the REST body.
        uris, cursor, pages = [], None, 0
        while True:
            page = await client.list_resources(cursor=cursor)
            uris += [str(resource.uri) for resource in page.resources]
            pages += 1
            cursor = page.next_cursor
            if cursor is None or pages > 100:
                break
        codes = rest(url, "/v1/codes?limit=500")["items"]
        documents = rest(url, "/v1/documents")["items"]
        checks.check(transport, "resources: one per code and per document",
                     sorted(uris) == sorted([f"errorkb://codes/{c['code']}" for c in codes]
                                            + [f"errorkb://documents/{d['id']}" for d in documents]),
                     f"{len(uris)} resources")
        templates = (await client.list_resource_templates()).resource_templates
        checks.check(transport, "resource templates for codes and documents",
                     {t.uri_template for t in templates} == {"errorkb://codes/{code}", "errorkb://documents/{id}"})
        for code in ["404", "invalid_grant"]:
            read = await client.read_resource(f"errorkb://codes/{code}")
            checks.check(transport, f"resource errorkb://codes/{code} is GET /v1/codes/{code}",
                         json.loads(read.contents[0].text) == rest(url, f"/v1/codes/{code}"))
        document = documents[0]
        read = await client.read_resource(f"errorkb://documents/{document['id']}")
        body = json.loads(read.contents[0].text)
        listed = rest(url, "/v1/codes?limit=500&document=" + urllib.request.quote(document["file_name"]))["items"]
        checks.check(transport, "a document's resource is the document and the codes taken from it",
                     body["document"] == rest(url, f"/v1/documents/{document['id']}")
                     and [c["code"] for c in body["codes"]] == [c["code"] for c in listed])
        try:
            await client.read_resource("errorkb://codes/599")
            checks.check(transport, "an unknown resource is an error", False, "no error")
        except MCPError as error:
            checks.check(transport, "an unknown resource is error -32002", error.error.code == -32002, error.error)

        # lookup_code: by the code and by other names, against the REST answer.
        for name, code, matched_by in [("404", "404", "code"), ("HTTP/1.1 404 Not Found", "404", "http_status"),
                                       ("Not Found", "404", "title"), ("INVALID_GRANT", "invalid_grant", "code_spelling")]:
            result = await client.call_tool("lookup_code", {"name": name})
            match = (result.structured_content or {}).get("matches", [{}])[0]
            ok, detail = same_variants(match.get("entry", {}).get("variants", []), rest(url, f"/v1/codes/{code}")["variants"])
            checks.check(transport, f"lookup_code {name!r} gives {code}'s variants as REST does",
                         not result.is_error and match.get("matched_by") == matched_by and ok, detail or match.get("matched_by"))
        vendor = rest(url, "/v1/codes/404?vendor=akana")
        result = await client.call_tool("lookup_code", {"name": "404", "vendor": "akana"})
        ok, detail = same_variants(result.structured_content["matches"][0]["entry"]["variants"], vendor["variants"])
        checks.check(transport, "lookup_code narrowed to a vendor is GET ?vendor=", ok, detail)
        result = await client.call_tool("lookup_code", {"name": "no such error anywhere"})
        checks.check(transport, "lookup_code of an unknown name is a tool error with text", result.is_error is True
                     and "no code named" in result.content[0].text)

        # search: the same hits, in the same order, the same snippets and the same next page.
        for query, filters in [("token", {}), ("request", {"kind": "http", "class": "4xx"}), ("client", {"vendor": "generic"})]:
            arguments = {"query": query, "limit": 5, **filters}
            result = await client.call_tool("search", arguments)
            params = "&".join(f"{k}={v}" for k, v in {"q": query, "limit": 5, **filters}.items())
            expected = rest(url, "/v1/search?" + params)
            mine = result.structured_content
            same_hits = [h["variant_id"] for h in mine["items"]] == [h["variant_id"] for h in expected["items"]]
            same_snippets = [plain_snippet(h["snippet"], "**", "**") for h in mine["items"]] == \
                [plain_snippet(h["snippet"], "<mark>", "</mark>") for h in expected["items"]]
            checks.check(transport, f"search {arguments} is GET /v1/search?{params}",
                         same_hits and same_snippets and mine.get("next_cursor") == expected.get("next")
                         and all(h["source"].get("lines") for h in mine["items"] if h.get("document")),
                         f"{[h['variant_id'] for h in mine['items']]} vs {[h['variant_id'] for h in expected['items']]}")
        first = (await client.call_tool("search", {"query": "token", "limit": 3})).structured_content
        second = (await client.call_tool("search", {"query": "token", "limit": 3, "cursor": first["next_cursor"]})).structured_content
        expected = rest(url, f"/v1/search?q=token&limit=3&cursor={first['next_cursor']}")
        checks.check(transport, "search's next page is the REST next page",
                     [h["variant_id"] for h in second["items"]] == [h["variant_id"] for h in expected["items"]])

        # compare: the titles and statuses of the REST variants, grouped.
        for code in ["404", "invalid_grant", "401"]:
            variants = rest(url, f"/v1/codes/{code}")["variants"]
            result = (await client.call_tool("compare", {"code": code})).structured_content
            comparison = result["comparison"]
            words = lambda text: " ".join(re.findall(r"[^\W_]+", text.lower()))
            titles = {words(v["title"]) for v in variants if v.get("title")}
            statuses = {v["http_status"] for v in variants if v.get("http_status") is not None}
            checks.check(transport, f"compare {code}: the titles and statuses the variants give",
                         {words(t["value"]) for t in comparison["titles"]} == titles
                         and {s["value"] for s in comparison["http_statuses"]} == statuses
                         and ("title" in comparison["disagreements"]) == (len(titles) > 1)
                         and sum(len(t["variant_ids"]) for t in comparison["titles"]) == len([v for v in variants if v.get("title")]),
                         comparison)
        akana = (await client.call_tool("compare", {"code": "404"})).structured_content
        checks.check(transport, "compare 404 shows Akana's 'Resource not found'",
                     any(t["value"] == "Resource not found" and "akana" in t["vendors"] for t in akana["comparison"]["titles"]))

        # explain_response: the codes a failed response carries, and every source on each.
        result = await client.call_tool("explain_response", {
            "status_line": "HTTP/1.1 401 Unauthorized",
            "headers": {"WWW-Authenticate": 'Bearer realm="api", error="invalid_token", error_description="expired"'},
            "body": '{"error": "invalid_grant", "error_description": "the code was used"}'})
        explained = result.structured_content
        checks.check(transport, "explain_response finds the status, the challenge's error and the body's error",
                     [c["origin"] for c in explained["clues"]] == ["status", "www_authenticate", "body_error"]
                     and [e["code"] for e in explained["entries"]] == ["401", "invalid_token", "invalid_grant"], explained["clues"])
        for entry in explained["entries"]:
            ok, detail = same_variants(entry["variants"], rest(url, f"/v1/codes/{entry['code']}")["variants"])
            checks.check(transport, f"explain_response's {entry['code']} is the REST entry", ok, detail)
        problem = (await client.call_tool("explain_response", {
            "body": '{"type": "https://api.example/problems/too-many-requests", "title": "Slow down", "status": 429}'})).structured_content
        checks.check(transport, "explain_response reads a problem details body",
                     [e["code"] for e in problem["entries"]] == ["429"], problem)

        # Bad input: an MCP error that names what is wrong, never a crash; the server goes on.
        for tool, arguments, words in [
            ("lookup_code", {}, "'name' is required"),
            ("lookup_code", {"name": 404}, "'name' must be a string"),
            ("lookup_code", {"name": "404", "colour": "red"}, "unknown argument 'colour'"),
            ("lookup_code", {"name": "x" * 201}, "1 to 200 characters"),
            ("search", {"query": "token", "limit": 1000}, "'limit'"),
            ("search", {"query": "???"}, "no word"),
            ("explain_response", {"body": "x" * 70000}, "'body'"),
            ("explain_response", {"headers": ["not", "an", "object"]}, "'headers'"),
            ("no_such_tool", {}, "unknown tool"),
        ]:
            error = await refused(client, tool, arguments)
            checks.check(transport, f"{tool} {str(arguments)[:40]} is refused naming {words!r}",
                         error is not None and error.error.code == -32602 and words in error.error.message,
                         error.error if error else "no error")
        checks.check(transport, "still answers after bad input", not (await client.call_tool("lookup_code", {"name": "500"})).is_error)
    return time.perf_counter() - started


def check_http_rules(url, checks):
    status, _, _ = raw_post(url, b"", {})
    accept = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    ping = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"}).encode()
    status, headers, body = raw_post(url, ping, {**accept, "Origin": "https://evil.example"})
    checks.check("http", "a browser page from another origin is refused", status == 403, status)
    status, headers, body = raw_post(url, b"{" + b" " * (1024 * 1024 + 10) + b"}", accept)
    checks.check("http", "a body over 1 MiB is 413 problem+json",
                 status == 413 and headers.get("Content-Type", "").startswith("application/problem+json"), status)
    status, headers, body = raw_post(url, b"{not json", accept)
    checks.check("http", "a body that is not JSON-RPC is 400 with a JSON-RPC error",
                 status == 400 and json.loads(body)["error"]["code"] == -32700, (status, body[:200]))
    try:
        urllib.request.urlopen(url + "/mcp", timeout=10)
        checks.check("http", "GET /mcp is 405", False, "200")
    except urllib.error.HTTPError as error:
        checks.check("http", "GET /mcp is 405 with Allow: POST", error.code == 405 and error.headers.get("Allow") == "POST", error.code)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--errorkb", required=True, help="the errorkb executable")
    parser.add_argument("--db", required=True)
    parser.add_argument("--url", required=True, help="an errorkb-server --mcp on the same database")
    options = parser.parse_args()
    checks = Checks()
    stdio = StdioServerParameters(command=options.errorkb, args=["mcp", "--db", options.db])
    stdio_seconds = await exercise("stdio", stdio, options.url, checks)
    http_seconds = await exercise("http", options.url + "/mcp", options.url, checks)
    check_http_rules(options.url, checks)
    print(f"{checks.count} checks, {len(checks.failures)} failed (stdio session {stdio_seconds:.2f} s, http {http_seconds:.2f} s)")
    if checks.failures:
        print("failed:\n  " + "\n  ".join(checks.failures))
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
