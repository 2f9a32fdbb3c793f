#!/usr/bin/env python3
"""Writes the schema benchmark's PostgreSQL DDL: N tables (identity PK, unique, check, partial
index, FK to the previous table) and V views, as one SQL script on stdout.

    gen_schema.py [N=2000] [V=200] [--variant]

--variant changes a few objects (an added column, a dropped index, a changed check, a new view)
so that the diff of the two snapshots has something to find.
"""
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
variant = "--variant" in sys.argv
n = int(args[0]) if args else 2000
v = int(args[1]) if len(args) > 1 else 200

out = ["SET client_min_messages = warning;"]
for i in range(1, n + 1):
    fk = f",\n  parent_id bigint REFERENCES t{i - 1} (id)" if i > 1 else ""
    extra = ",\n  note text" if variant and i % 100 == 0 else ""
    check = "qty >= 0" if not (variant and i % 250 == 0) else "qty >= 1"
    out.append(
        f"CREATE TABLE t{i} (\n"
        f"  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        f"  code text NOT NULL UNIQUE,\n"
        f"  qty integer NOT NULL DEFAULT 0 CONSTRAINT t{i}_qty_check CHECK ({check}),\n"
        f"  active boolean NOT NULL DEFAULT true,\n"
        f"  created_at timestamptz NOT NULL DEFAULT now(){fk}{extra}\n);")
    if not (variant and i % 500 == 0):
        out.append(f"CREATE INDEX t{i}_active_code ON t{i} (code) WHERE active;")
for j in range(1, v + 1):
    a = j * (n // v) if v else 1
    out.append(f"CREATE VIEW v{j} AS SELECT c.id, c.code, p.code AS parent_code "
               f"FROM t{a} c LEFT JOIN t{max(a - 1, 1)} p ON p.id = c.parent_id WHERE c.active;")
if variant:
    out.append("CREATE VIEW v_extra AS SELECT id FROM t1;")
print("\n".join(out))
