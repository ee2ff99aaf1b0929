"""Builds the SQLite file Datasette serves in Benchmarks/http.sh: the same variants as an
`errorkb export`, one row each, with an index on the code as any sensible deployment would.

Usage: python3 export_to_datasette.py EXPORT.json OUT.sqlite
"""
import json
import sqlite3
import sys


def main(export_path: str, out_path: str) -> None:
    with open(export_path, encoding="utf-8") as handle:
        export = json.load(handle)
    db = sqlite3.connect(out_path)
    db.execute("DROP TABLE IF EXISTS variants")
    db.execute(
        "CREATE TABLE variants (code TEXT, kind TEXT, class TEXT, vendor TEXT, document TEXT, section TEXT,"
        " title TEXT, description TEXT, http_status INTEGER, causes TEXT, fixes TEXT, line INTEGER)"
    )
    rows = [
        (code["code"], code["kind"], code["class"], v["vendor"], v["document"], v["section"], v["title"],
         v["description"], v["http_status"], json.dumps(v["causes"]), json.dumps(v["fixes"]), v["line"])
        for code in export["codes"] for v in code["variants"]
    ]
    db.executemany("INSERT INTO variants VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("CREATE INDEX variants_by_code ON variants(code)")
    db.commit()
    db.close()
    print(f"{len(rows)} variants written to {out_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
