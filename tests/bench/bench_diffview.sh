#!/usr/bin/env bash
# Diff view benchmark: the generated schema of bench_schema.sh (BENCH_TABLES tables, BENCH_VIEWS
# views, and a variant with a few changes) snapshotted once; then bench_diffview times the diff,
# the per-object view of it (DDL of every object on both sides) and the tree model, as medians
# over BENCH_ROUNDS rounds.
#
#   tests/bench/bench_diffview.sh
#   BENCH_TABLES=200 BENCH_VIEWS=20 tests/bench/bench_diffview.sh
#
# Runs under `pg_virtualenv -t` unless PG* variables already point at a server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
TABLES="${BENCH_TABLES:-2000}"
VIEWS="${BENCH_VIEWS:-200}"
ROUNDS="${BENCH_ROUNDS:-5}"
OUT="${BENCH_OUT:-$here/out}/diffview"
CLI="${STRATA_CLI:-$root/build/app/cli/strata-cli}"
BENCH="$root/build/tests/bench_diffview"

if [[ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGUSER:-}" && -z "${BENCH_IN_PG_VIRTUALENV:-}" ]]; then
    export BENCH_IN_PG_VIRTUALENV=1
    exec pg_virtualenv -t "$0" "$@"
fi
[[ -x "$CLI" && -x "$BENCH" ]] || { echo "build strata-cli and bench_diffview first" >&2; exit 2; }
mkdir -p "$OUT"
for db in bench_diffview_a bench_diffview_b; do
    psql -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
done
python3 "$here/gen_schema.py" "$TABLES" "$VIEWS" | psql -q -v ON_ERROR_STOP=1 -d bench_diffview_a >/dev/null
python3 "$here/gen_schema.py" "$TABLES" "$VIEWS" --variant | psql -q -v ON_ERROR_STOP=1 -d bench_diffview_b >/dev/null
"$CLI" snapshot "postgresql:///bench_diffview_a" -o "$OUT/a.json" 2>/dev/null
"$CLI" snapshot "postgresql:///bench_diffview_b" -o "$OUT/b.json" 2>/dev/null
QT_QPA_PLATFORM=offscreen "$BENCH" "$OUT/a.json" "$OUT/b.json" "$ROUNDS"
