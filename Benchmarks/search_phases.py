#!/usr/bin/env python3
"""Where a search's time goes, phase by phase, for the slowest of a sample of queries.

Runs the statements `KnowledgeBaseStore.search` runs (Sources/ErrorKBCore/Repository/
KnowledgeBaseStore+Search.swift; keep the two in step) on a knowledge base file, read-only:
the headline tier, the body tier and the page's snippets, each timed, best of 3 per query.
Words are drawn from the index's own vocabulary by document frequency, ranks 20 to 2,000, one
or two a query, as errorkb-bench draws them.

    swift build -c release --product errorkb-bench
    .build/release/errorkb-bench generate --variants 100000 --db /tmp/kb.sqlite
    python3 Benchmarks/search_phases.py /tmp/kb.sqlite [QUERIES]

Also prints how many segments the FTS5 index has: each is searched separately, and seeking a
rowid costs a lookup in every one of them (see BENCHMARKS.md, "Not there yet").
"""
import random
import sqlite3
import statistics
import sys
import time

WEIGHTS = "10.0, 5.0, 1.0, 2.0, 2.0"


def main():
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    segments = db.execute("SELECT count(DISTINCT segid) FROM variant_search_idx").fetchone()[0]
    db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, variant_search, 'row')")
    terms = db.execute("SELECT term, doc FROM temp.vocab WHERE term GLOB '[a-z]*' ORDER BY doc DESC").fetchall()
    frequency = dict(terms)
    candidates = [term for term, _ in terms[20:2000]]
    random.seed(7)

    def rank(pattern, limit, excluding=()):
        exclusion = f" AND variant_search.rowid NOT IN ({','.join('?' * len(excluding))})" if excluding else ""
        return db.execute(
            f"SELECT variant_search.rowid, bm25(variant_search, {WEIGHTS}) AS score FROM variant_search "
            f"WHERE variant_search MATCH ?{exclusion} ORDER BY score, variant_search.rowid LIMIT ?",
            (pattern, *excluding, limit)).fetchall()

    def search(words, limit=20):
        pattern = " ".join(f'"{word}"' for word in words)
        headline = " AND ".join(f'{{code title}} : "{word}"' for word in words)
        wanted = limit + 1
        t0 = time.perf_counter()
        heads = rank(headline, wanted)
        t1 = time.perf_counter()
        body = rank(pattern, wanted - len(heads), [row[0] for row in heads]) if len(heads) < wanted else []
        t2 = time.perf_counter()
        ids = [row[0] for row in (heads + body)[:limit]]
        if ids:
            db.execute(
                "SELECT v.id, snippet(variant_search, -1, '[', ']', '…', 16) FROM variant_search "
                "CROSS JOIN variant v ON v.id = variant_search.rowid "
                f"WHERE variant_search MATCH ? AND variant_search.rowid IN ({','.join('?' * len(ids))})",
                (pattern, *ids)).fetchall()
        t3 = time.perf_counter()
        return [(t3 - t0) * 1e3, (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, len(heads), len(body)]

    results = []
    for index in range(count):
        words = [random.choice(candidates)] if index % 2 == 0 else [random.choice(candidates), random.choice(candidates)]
        results.append((min((search(words) for _ in range(3)), key=lambda r: r[0]), words))
    results.sort(key=lambda result: -result[0][0])
    totals = sorted(result[0][0] for result in results)
    print(f"{path}: {segments} index segments, {count} queries, best of 3 each")
    print(f"total p50 {statistics.median(totals):.2f} ms, p99 {totals[int(len(totals) * 0.99)]:.2f} ms")
    print("slowest:  total  headline  body  snippets  (hits: headline + body)  words [documents each]")
    for (total, head, body, snippets, heads, bodies), words in results[:12]:
        print(f"         {total:6.2f}  {head:8.2f}  {body:4.2f}  {snippets:8.2f}  ({heads} + {bodies})  "
              f"{words} {[frequency.get(word) for word in words]}")


if __name__ == "__main__":
    main()
