#!/usr/bin/env bash
# Schema benchmark: a generated PostgreSQL schema of BENCH_TABLES tables (identity PK, unique,
# check, partial index, FK to the previous table) and BENCH_VIEWS views. In one run it measures
#   - Strata's introspection (`strata-cli snapshot`) against `pg_dump --schema-only`,
#   - `strata-cli diff` of two such snapshots (the second has a few changes),
#   - peak memory (max RSS) of each,
# and prints medians over BENCH_ROUNDS rounds and the ratios.
#
#   tests/bench/bench_schema.sh
#   BENCH_TABLES=200 BENCH_VIEWS=20 BENCH_ROUNDS=3 tests/bench/bench_schema.sh
#
# Runs under `pg_virtualenv -t` unless PG* variables already point at a server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
TABLES="${BENCH_TABLES:-2000}"
VIEWS="${BENCH_VIEWS:-200}"
ROUNDS="${BENCH_ROUNDS:-5}"
OUT="${BENCH_OUT:-$here/out}/schema"
CLI="${STRATA_CLI:-$root/build/app/cli/strata-cli}"

if [[ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGUSER:-}" && -z "${BENCH_IN_PG_VIRTUALENV:-}" ]]; then
    export BENCH_IN_PG_VIRTUALENV=1
    exec pg_virtualenv -t "$0" "$@"
fi
[[ -x "$CLI" ]] || { echo "strata-cli not found at $CLI" >&2; exit 2; }
mkdir -p "$OUT"

echo "Generating and loading $TABLES tables and $VIEWS views (twice)..." >&2
for db in bench_schema_a bench_schema_b; do
    psql -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
done
python3 "$here/gen_schema.py" "$TABLES" "$VIEWS" | psql -q -v ON_ERROR_STOP=1 -d bench_schema_a >/dev/null
python3 "$here/gen_schema.py" "$TABLES" "$VIEWS" --variant | psql -q -v ON_ERROR_STOP=1 -d bench_schema_b >/dev/null
psql -q -d bench_schema_a -c "ANALYZE" && psql -q -d bench_schema_b -c "ANALYZE"

# Runs a command, appends "seconds max_rss_kb" to a file.
measure() {
    local file="$1"; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$OUT/rss.tmp" "$@" >/dev/null
    end=$(date +%s.%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}') $(cat "$OUT/rss.tmp")" >>"$file"
}
: >"$OUT/strata_snapshot.txt"; : >"$OUT/pg_dump.txt"; : >"$OUT/strata_diff.txt"
"$CLI" snapshot "postgresql:///bench_schema_b" -o "$OUT/b.json" 2>/dev/null
for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r/$ROUNDS" >&2
    measure "$OUT/strata_snapshot.txt" "$CLI" snapshot "postgresql:///bench_schema_a" -o "$OUT/a.json"
    measure "$OUT/pg_dump.txt" pg_dump --schema-only -d bench_schema_a -f "$OUT/dump.sql"
    measure "$OUT/strata_diff.txt" "$CLI" diff "$OUT/a.json" "$OUT/b.json"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$2" '{print $c}' "$1" | median; }
snap_s=$(col "$OUT/strata_snapshot.txt" 1); dump_s=$(col "$OUT/pg_dump.txt" 1); diff_s=$(col "$OUT/strata_diff.txt" 1)
snap_m=$(col "$OUT/strata_snapshot.txt" 2); dump_m=$(col "$OUT/pg_dump.txt" 2); diff_m=$(col "$OUT/strata_diff.txt" 2)
changes=$("$CLI" --json diff "$OUT/a.json" "$OUT/b.json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["changes"]))')

printf '\nSchema: %s tables, %s views; %s rounds; %s; snapshot %s KB\n' "$TABLES" "$VIEWS" "$ROUNDS" \
    "$(psql -Atc 'SHOW server_version')" "$(( $(stat -c %s "$OUT/a.json") / 1024 ))"
printf '%-34s %10s %12s\n' "measurement" "median s" "max RSS MB"
printf '%-34s %10.3f %12.1f\n' "strata-cli snapshot (introspect)" "$snap_s" "$(awk -v m="$snap_m" 'BEGIN{print m/1024}')"
printf '%-34s %10.3f %12.1f\n' "pg_dump --schema-only" "$dump_s" "$(awk -v m="$dump_m" 'BEGIN{print m/1024}')"
printf '%-34s %10.3f %12.1f\n' "strata-cli diff a.json b.json" "$diff_s" "$(awk -v m="$diff_m" 'BEGIN{print m/1024}')"
printf 'ratio snapshot / pg_dump: %.2f (goal <= 0.50)\n' "$(awk -v a="$snap_s" -v b="$dump_s" 'BEGIN{print a/b}')"
printf 'diff found %s changes (goal: under 0.2 s)\n' "$changes"
