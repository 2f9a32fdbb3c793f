#!/usr/bin/env python3
"""The transfer benchmark's raw pipeline, from `strata-cli --json transfer --plan` output: writes
create.sql (the same CREATE TABLE statements), after.sql (the same keys, indexes, foreign keys,
sequences, ANALYZE) and one shell line per table that pipes `sqlite3 -csv` into `psql \\copy`.

    raw_transfer.py PLAN.json SQLITE.db OUTDIR
"""
import json
import os
import shlex
import sys

plan = json.load(open(sys.argv[1]))
db, out = sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "create.sql"), "w") as f:
    f.write("".join(s + ";\n" for s in plan["createTables"]))
with open(os.path.join(out, "after.sql"), "w") as f:
    f.write("BEGIN;\n" + "".join(s + ";\n" for s in plan["afterLoad"]) + "COMMIT;\n")


def q(name):
    return '"' + name.replace('"', '""') + '"'


with open(os.path.join(out, "copy.sh"), "w") as f:
    for t in plan["tables"]:
        cols = [c for c in t["columns"] if not c["generated"]]
        select = []
        for c in cols:
            # sqlite3 -csv prints blobs as raw bytes: send bytea as \x hex text instead.
            select.append("'\\x' || hex(%s)" % q(c["source"]) if c["targetType"] == "bytea" else q(c["source"]))
        sql = "SELECT %s FROM %s" % (", ".join(select), q(t["source"]))
        copy = "\\copy %s (%s) FROM STDIN WITH (FORMAT csv)" % (q(t["target"]), ", ".join(q(c["target"]) for c in cols))
        f.write("sqlite3 -csv %s %s | psql -X -q -v ON_ERROR_STOP=1 -c %s\n" % (shlex.quote(db), shlex.quote(sql), shlex.quote(copy)))
