"""Which indexes each measured page's SQL uses, and whether the tenant key (region_id) comes first in them.

    DATABASE_URL=postgres://... python bench/index_check.py var/bench-national/queries-national.json

Reads the SQL of every page's uncached request (`bench/queries.py --sql-out`), asks PostgreSQL for each
statement's plan (EXPLAIN, not ANALYZE: nothing runs), and prints per page every index scan with the index's
columns, and every sequential scan of a table holding more than 10,000 rows. An index is "tenant first" when its
leading column is `region_id`; "led by a region-owned parent" when it is the foreign key to a table that itself
belongs to one region (a programme's indicators by `programme_id`: every key holds one region's rows, as with
region_id first); "led by the person" for a user's own rows (memberships, notices); a lookup by primary key or
unique key (one row) is a point lookup. Prints one line of JSON at the end with the indexes that are none of
these, and the sequential scans.
"""

import json
import os
import sys
import urllib.parse
from collections import defaultdict

import psycopg

BIG = 10_000


def walk(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from walk(child)


def main() -> int:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kotacerdas_bench_national")
    with open(sys.argv[1], encoding="utf-8") as fh:
        pages = json.load(fh)
    parts = urllib.parse.urlsplit(url)
    conn = psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname=parts.path.lstrip("/"),
        autocommit=True,
    )  # fmt: skip
    columns: dict[str, tuple[list[str], bool, str]] = {}
    for name, cols, unique, table in conn.execute(
        """SELECT c.relname, array_agg(a.attname ORDER BY k.n), i.indisunique OR i.indisprimary, t.relname
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
           LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
           WHERE t.relnamespace = 'public'::regnamespace GROUP BY c.relname, i.indisunique, i.indisprimary, t.relname"""
    ):
        columns[name] = ([c or "(expression)" for c in cols], unique, table)
    sizes = dict(conn.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'").fetchall())
    has_region = {
        t for (t,) in conn.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'region_id'")
    }
    # (table, column) → the table its foreign key points to: an index led by the key of a region-owned parent
    # (a programme's indicators by programme_id) holds one region's rows under each key, as a tenant-first one.
    parents = {
        (t, c): p
        for t, c, p in conn.execute(
            """SELECT t.relname, a.attname, p.relname FROM pg_constraint k
               JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
               WHERE k.contype = 'f' AND array_length(k.conkey, 1) = 1"""
        )
    }
    suspects = defaultdict(set)
    for page, statements in pages.items():
        used = set()
        for sql in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            try:
                plan = conn.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchone()[0][0]["Plan"]
            except psycopg.Error as exc:
                print(f"  {page}: could not explain ({exc.__class__.__name__}): {sql[:80]}")
                continue
            for node in walk(plan):
                index = node.get("Index Name")
                if index:
                    cols, unique, table = columns.get(index, (["?"], False, "?"))
                    used.add((index, table, tuple(cols), unique, node.get("Index Cond", "")))
                elif node.get("Node Type") == "Seq Scan" and sizes.get(node["Relation Name"], 0) > BIG:
                    used.add(("SEQ SCAN", node["Relation Name"], (), False, node.get("Filter", "")))
        print(f"{page}:")
        for index, table, cols, unique, cond in sorted(used):
            if index == "SEQ SCAN":
                verdict = f"sequential scan of {sizes.get(table, 0):,} rows"
                suspects[f"seq scan {table}"].add(page)
            elif cols and cols[0] == "region_id":
                verdict = "tenant first"
            elif unique and len(cols) == 1 and cols[0] == "id":
                verdict = "point lookup (primary key)"
            elif unique:
                verdict = "point lookup (unique key)"
            elif parents.get((table, cols[0])) in has_region or parents.get((table, cols[0])) == "regions_region":
                verdict = f"led by a region-owned parent ({parents[(table, cols[0])]})"
            elif parents.get((table, cols[0])) == "accounts_user":
                verdict = "led by the person (user_id)"
            elif table not in has_region:
                verdict = "table without region_id"
            else:
                verdict = "NOT TENANT FIRST"
                suspects[f"{index} ({table}: {', '.join(cols)})"].add(page)
            print(f"  {index:<55} ({', '.join(cols)})  {verdict}  [{str(cond)[:90]}]")
    print(json.dumps({k: sorted(v) for k, v in suspects.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
