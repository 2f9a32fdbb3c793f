#!/usr/bin/env bash
# Transfer benchmark: a generated SQLite database of BENCH_ROWS rows (default 1,200,000) over two
# tables (text, real, numeric, datetime text, blob, boolean; PK, unique, FK, indexes), moved to
# PostgreSQL in one run, BENCH_ROUNDS rounds each, in rotating order:
#   - strata-cli transfer (verified: row counts and content checksums on both sides),
#   - strata-cli transfer --migrations: the same rows in an SQLite file built by
#     tests/bench/transfer_migrations, moved into the schema that folder builds on PostgreSQL
#     (one transaction; every value checked against its declared type; verified the same way),
#   - pgloader (Debian package; installed by this script when missing),
#   - the raw limit: `sqlite3 -csv` piped into `psql \copy`, one pipeline per table in parallel,
#     between the same CREATE TABLE and after-load DDL (keys, indexes, FKs) strata-cli runs.
# Prints medians, ratios and peak RSS (/usr/bin/time -f %M), and writes them to $BENCH_OUT.
#
#   tests/bench/bench_transfer.sh
#   BENCH_ROWS=300000 BENCH_ROUNDS=1 tests/bench/bench_transfer.sh
#   BENCH_COMPARE=0 tests/bench/bench_transfer.sh   # the two strata-cli modes only
#
# Runs under `pg_virtualenv -t` unless PG* variables already point at a server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROWS="${BENCH_ROWS:-1200000}"
ROUNDS="${BENCH_ROUNDS:-3}"
COMPARE="${BENCH_COMPARE:-1}"   # 0: leave pgloader and raw out
OUT="${BENCH_OUT:-$here/out}/transfer"
CLI="${STRATA_CLI:-$root/build/app/cli/strata-cli}"

if [[ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGUSER:-}" && -z "${BENCH_IN_PG_VIRTUALENV:-}" ]]; then
    export BENCH_IN_PG_VIRTUALENV=1
    exec pg_virtualenv -t "$0" "$@"
fi
[[ -x "$CLI" ]] || { echo "strata-cli not found at $CLI" >&2; exit 2; }
if [[ "$COMPARE" != 0 ]] && ! command -v pgloader >/dev/null; then
    echo "Installing pgloader..." >&2
    sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends pgloader >&2 \
        || { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends pgloader >&2; }
fi
mkdir -p "$OUT"
cp "$CLI" "$OUT/strata-cli" # the build tree may be rebuilt during the run
CLI="$OUT/strata-cli"

db="$OUT/bench.db"
echo "Generating $ROWS rows into $db..." >&2
python3 "$here/gen_transfer.py" "$db" "$ROWS"
# The --migrations mode's source: the folder's schema (with its history) on SQLite, same rows.
migrations="$here/transfer_migrations"
migdb="$OUT/bench-migrations.db"
rm -f "$migdb"
"$CLI" --db "sqlite://$migdb" --migrations "$migrations" up >/dev/null
python3 "$here/gen_transfer.py" "$migdb" "$ROWS" --into-existing
"$CLI" --json transfer "sqlite://$db" "postgresql:///x" --plan >"$OUT/plan.json"
python3 "$here/raw_transfer.py" "$OUT/plan.json" "$db" "$OUT/raw"

fresh() { psql -X -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; }
# Runs a command, appends "seconds max_rss_kb" to a file; stdout and stderr go to a log.
measure() {
    local file="$1"; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$OUT/rss.tmp" "$@" >>"$OUT/log.txt" 2>&1
    end=$(date +%s.%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}') $(cat "$OUT/rss.tmp")" >>"$file"
}
raw() {
    psql -X -q -v ON_ERROR_STOP=1 -d bench_raw -f "$OUT/raw/create.sql"
    PGDATABASE=bench_raw xargs -P 0 -d '\n' -I{} bash -c {} <"$OUT/raw/copy.sh"
    psql -X -q -v ON_ERROR_STOP=1 -d bench_raw -f "$OUT/raw/after.sql"
}
check() { # database: rows in the two tables
    [[ "$(psql -X -Atd "$1" -c 'SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders)')" == "$ROWS" ]] \
        || { echo "$1 does not hold $ROWS rows" >&2; exit 1; }
}
pg_url="postgresql://${PGUSER:-postgres}:${PGPASSWORD:-}@${PGHOST:-localhost}:${PGPORT:-5432}/bench_pgloader"
export -f raw
export OUT

: >"$OUT/log.txt"; : >"$OUT/strata.txt"; : >"$OUT/pgloader.txt"; : >"$OUT/raw.txt"; : >"$OUT/plan.txt"; : >"$OUT/load.txt"
: >"$OUT/strata_mig.txt"; : >"$OUT/load_mig.txt"; : >"$OUT/loadavg.txt"
run_strata() {
    measure "$OUT/plan.txt" "$CLI" transfer "sqlite://$db" "postgresql:///bench_strata" --plan
    fresh bench_strata; measure "$OUT/strata.txt" "$CLI" transfer "sqlite://$db" "postgresql:///bench_strata"; check bench_strata
    # strata-cli's own split: "planned in P s, loaded and verified in L s" (the last one logged)
    grep -o 'loaded and verified in [0-9.]*' "$OUT/log.txt" | tail -1 | awk '{print $5}' >>"$OUT/load.txt"; }
run_strata_mig() {
    fresh bench_mig
    measure "$OUT/strata_mig.txt" "$CLI" transfer "sqlite://$migdb" "postgresql:///bench_mig" --migrations "$migrations"
    check bench_mig
    grep -o 'loaded and verified in [0-9.]*' "$OUT/log.txt" | tail -1 | awk '{print $5}' >>"$OUT/load_mig.txt"; }
run_pgloader() { [[ "$COMPARE" != 0 ]] || return 0; fresh bench_pgloader; measure "$OUT/pgloader.txt" pgloader "sqlite://$db" "$pg_url"; check bench_pgloader; }
run_raw() { [[ "$COMPARE" != 0 ]] || return 0; fresh bench_raw; measure "$OUT/raw.txt" bash -c raw; check bench_raw; }
for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r/$ROUNDS" >&2
    cut -d' ' -f1 /proc/loadavg >>"$OUT/loadavg.txt"
    case $((r % 3)) in
        1) run_strata; run_strata_mig; run_raw; run_pgloader ;;
        2) run_raw; run_strata_mig; run_pgloader; run_strata ;;
        0) run_pgloader; run_strata; run_raw; run_strata_mig ;;
    esac
done
cut -d' ' -f1 /proc/loadavg >>"$OUT/loadavg.txt"

median() { sort -n | awk 'NR {a[NR]=$1} END {print (NR == 0 ? 0 : NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$2" '{print $c}' "$1" | median; }
s_t=$(col "$OUT/strata.txt" 1); p_t=$(col "$OUT/pgloader.txt" 1); r_t=$(col "$OUT/raw.txt" 1)
l_t=$(col "$OUT/plan.txt" 1); l_m=$(col "$OUT/plan.txt" 2); d_t=$(col "$OUT/load.txt" 1)
s_m=$(col "$OUT/strata.txt" 2); p_m=$(col "$OUT/pgloader.txt" 2); r_m=$(col "$OUT/raw.txt" 2)
g_t=$(col "$OUT/strata_mig.txt" 1); g_m=$(col "$OUT/strata_mig.txt" 2); gd_t=$(col "$OUT/load_mig.txt" 1)
{
    printf '\nTransfer: %s rows (%s MB SQLite file), %s rounds; %s; %s CPUs; %s\n' "$ROWS" \
        "$(( $(stat -c %s "$db") / 1048576 ))" "$ROUNDS" "$(psql -X -Atc 'SHOW server_version')" "$(nproc)" "$(date -u +%F)"
    printf '%-44s %10s %12s\n' "measurement" "median s" "max RSS MB"
    printf '%-44s %10.2f %12.1f\n' "strata-cli transfer (verified)" "$s_t" "$(awk -v m="$s_m" 'BEGIN{print m/1024}')"
    printf '%-44s %10.2f\n' "  of which loading and verifying" "$d_t"
    printf '%-44s %10.2f %12.1f\n' "strata-cli transfer --migrations (verified)" "$g_t" "$(awk -v m="$g_m" 'BEGIN{print m/1024}')"
    printf '%-44s %10.2f\n' "  of which loading and verifying" "$gd_t"
    printf '%-44s %10.2f %12.1f\n' "strata-cli transfer --plan (planning alone)" "$l_t" "$(awk -v m="$l_m" 'BEGIN{print m/1024}')"
    printf 'per round: strata %s; --migrations %s; load average %s\n' "$(awk '{printf "%s ", $1}' "$OUT/strata.txt")" \
        "$(awk '{printf "%s ", $1}' "$OUT/strata_mig.txt")" "$(tr '\n' ' ' <"$OUT/loadavg.txt")"
    printf -- '--migrations / derived target: %.2f (goal <= 1.10)\n' "$(awk -v a="$g_t" -v b="$s_t" 'BEGIN{print a/b}')"
    [[ "$COMPARE" != 0 ]] || exit 0
    printf '%-44s %10.2f %12.1f\n' "pgloader" "$p_t" "$(awk -v m="$p_m" 'BEGIN{print m/1024}')"
    printf '%-44s %10.2f %12.1f\n' "raw: sqlite3 -csv | psql \\copy (+ same DDL)" "$r_t" "$(awk -v m="$r_m" 'BEGIN{print m/1024}')"
    printf 'strata / raw: %.2f (goal <= 1.30); loading and verifying alone / raw: %.2f\n' \
        "$(awk -v a="$s_t" -v b="$r_t" 'BEGIN{print a/b}')" "$(awk -v a="$d_t" -v b="$r_t" 'BEGIN{print a/b}')"
    printf 'pgloader / strata: %.2f (goal >= 3.0)\n' "$(awk -v a="$p_t" -v b="$s_t" 'BEGIN{print a/b}')"
    printf 'strata peak RSS: %.1f MB (goal < 150)\n' "$(awk -v m="$s_m" 'BEGIN{print m/1024}')"
} | tee "$OUT/summary.txt"
