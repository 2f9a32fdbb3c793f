#!/usr/bin/env python3
"""Generate the migration-engine benchmark workload (python3 standard library only).

    gen_migrations.py [-n N] OUT_DIR

writes into OUT_DIR:

    migrations/V<n>__create_t<n>.sql   CREATE TABLE t<n>, CREATE INDEX t<n>_name, INSERT of 2 rows
    migrations/U<n>__create_t<n>.sql   DROP TABLE t<n>;
    pg_up.sql, pg_down.sql             the same work as one psql session does it
    sqlite_up.sql, sqlite_down.sql     the same work as one sqlite3 CLI session does it

The baseline scripts reproduce what strata-cli sends, migration by migration: one transaction
per migration holding the migration's statements plus the history-table bookkeeping (an INSERT
on the way up, a DELETE by rank on the way down). The up scripts create the history table
first, with the same columns strata-cli uses. The history rows carry the same checksums and
script names that strata-cli records, so the two databases end up equivalent.
"""

import argparse
import hashlib
import os
import sys

HISTORY = "strata_schema_history"

PG_HISTORY_DDL = f"""CREATE TABLE IF NOT EXISTS {HISTORY} (
  "rank" integer PRIMARY KEY,
  version text,
  description text NOT NULL,
  type text NOT NULL,
  script text NOT NULL,
  checksum text,
  installed_by text NOT NULL,
  installed_on timestamptz NOT NULL DEFAULT now(),
  execution_ms bigint NOT NULL,
  success boolean NOT NULL,
  snapshot text
);
"""

SQLITE_HISTORY_DDL = f"""CREATE TABLE IF NOT EXISTS {HISTORY} (
  "rank" INTEGER PRIMARY KEY,
  version TEXT,
  description TEXT NOT NULL,
  type TEXT NOT NULL,
  script TEXT NOT NULL,
  checksum TEXT,
  installed_by TEXT NOT NULL,
  installed_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  execution_ms INTEGER NOT NULL,
  success INTEGER NOT NULL,
  snapshot TEXT
);
"""


def up_sql(n: int) -> str:
    return (
        f"-- Benchmark migration {n}: a small table with an index and two rows.\n"
        f"CREATE TABLE t{n} (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
        f"CREATE INDEX t{n}_name ON t{n}(name);\n"
        f"INSERT INTO t{n} (id, name) VALUES (1, 'alpha {n}'), (2, 'beta {n}');\n"
    )


def down_sql(n: int) -> str:
    return f"-- Undo benchmark migration {n}.\nDROP TABLE t{n};\n"


def checksum(content: bytes) -> str:
    """Same normalisation as strata's MigrationSource::checksum."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    content = content.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return hashlib.sha256(content).hexdigest()


def statements(script: str) -> list:
    """The statements of a generated script (no comments, one statement per line)."""
    return [line for line in script.splitlines() if line and not line.startswith("--")]


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def history_insert(n: int, script_name: str, sha: str, installed_by: str, true: str) -> str:
    return (
        f'INSERT INTO {HISTORY} ("rank", version, description, type, script, checksum, '
        f"installed_by, execution_ms, success) VALUES ({n}, {quote(str(n))}, "
        f"{quote(f'create t{n}')}, 'versioned', {quote(script_name)}, {quote(sha)}, "
        f"{installed_by}, 0, {true});"
    )


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("-n", "--count", type=int, default=1000, help="number of migrations (default 1000)")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")

    mig_dir = os.path.join(args.out_dir, "migrations")
    os.makedirs(mig_dir, exist_ok=True)
    for name in os.listdir(mig_dir):  # a rerun with a smaller N must not leave stale files
        if name.endswith(".sql"):
            os.remove(os.path.join(mig_dir, name))

    sqlite_user = quote(os.environ.get("USER") or os.environ.get("USERNAME") or "unknown")
    pg_up = ["\\set ON_ERROR_STOP 1\n", PG_HISTORY_DDL]
    sqlite_up = [".bail on\n", SQLITE_HISTORY_DDL]
    pg_down = ["\\set ON_ERROR_STOP 1\n"]
    sqlite_down = [".bail on\n"]

    for n in range(1, args.count + 1):
        v_name = f"V{n}__create_t{n}.sql"
        up = up_sql(n)
        write(os.path.join(mig_dir, v_name), up)
        write(os.path.join(mig_dir, f"U{n}__create_t{n}.sql"), down_sql(n))
        sha = checksum(up.encode("utf-8"))
        body = "\n".join(statements(up))
        pg_up.append(f"BEGIN;\n{body}\n{history_insert(n, v_name, sha, 'current_user', 'true')}\nCOMMIT;\n")
        sqlite_up.append(f"BEGIN IMMEDIATE;\n{body}\n{history_insert(n, v_name, sha, sqlite_user, '1')}\nCOMMIT;\n")

    for n in range(args.count, 0, -1):  # newest first, as `down --to 0` does
        body = "\n".join(statements(down_sql(n)))
        delete = f'DELETE FROM {HISTORY} WHERE "rank" = {n};'
        pg_down.append(f"BEGIN;\n{body}\n{delete}\nCOMMIT;\n")
        sqlite_down.append(f"BEGIN IMMEDIATE;\n{body}\n{delete}\nCOMMIT;\n")

    write(os.path.join(args.out_dir, "pg_up.sql"), "".join(pg_up))
    write(os.path.join(args.out_dir, "pg_down.sql"), "".join(pg_down))
    write(os.path.join(args.out_dir, "sqlite_up.sql"), "".join(sqlite_up))
    write(os.path.join(args.out_dir, "sqlite_down.sql"), "".join(sqlite_down))
    return 0


if __name__ == "__main__":
    sys.exit(main())
