#!/usr/bin/env bash
# Migration-engine benchmark: strata-cli applying and undoing BENCH_N small migrations, against
# one psql (PostgreSQL) or sqlite3 (SQLite) session running the same SQL with the same
# per-migration transactions and history-table bookkeeping. Everything runs in one invocation
# and prints medians over BENCH_ROUNDS rounds and strata/baseline ratios.
#
#   tests/bench/run_bench.sh                       # N=1000, 5 rounds, both engines
#   BENCH_N=50 BENCH_ROUNDS=2 tests/bench/run_bench.sh
#
# Environment:
#   BENCH_N        migrations (default 1000)
#   BENCH_ROUNDS   rounds per engine (default 5)
#   BENCH_ENGINES  "postgresql sqlite" (default), or just one of them
#   BENCH_PGDB     name of the throwaway PostgreSQL database (default benchdb)
#   BENCH_OUT      where results go (default tests/bench/out, gitignored)
#   STRATA_CLI     the binary (default build/app/cli/strata-cli)
#
# PostgreSQL: if PGHOST/PGPORT/PGDATABASE/PGUSER are all unset, the script reruns itself under
# `pg_virtualenv -t` (a temporary cluster; note that it runs with fsync=off). Otherwise it uses
# the server the PG* variables (and ~/.pgpass) point at; it needs the right to CREATE DATABASE,
# and it drops and recreates BENCH_PGDB each round.
#
# Each round, for each engine: a fresh database, `strata-cli up`, `strata-cli down --to 0`; a fresh
# database, the baseline up script, the baseline down script. The order of the two tools
# alternates between rounds so that drift on a noisy machine does not favour either. After every
# up the script checks N history rows and N tables t<n>; after every down, none.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

N="${BENCH_N:-1000}"
ROUNDS="${BENCH_ROUNDS:-5}"
ENGINES="${BENCH_ENGINES:-postgresql sqlite}"
PGDB="${BENCH_PGDB:-benchdb}"
OUT="${BENCH_OUT:-$here/out}"
CLI="${STRATA_CLI:-$root/build/app/cli/strata-cli}"

case " $ENGINES " in
*" postgresql "*)
    if [[ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGUSER:-}" && -z "${BENCH_IN_PG_VIRTUALENV:-}" ]]; then
        command -v pg_virtualenv >/dev/null || { echo "no PG* variables set and no pg_virtualenv" >&2; exit 2; }
        export BENCH_IN_PG_VIRTUALENV=1
        exec pg_virtualenv -t "$0" "$@"
    fi
    ;;
esac

[[ -x "$CLI" ]] || { echo "strata-cli not found at $CLI (build it or set STRATA_CLI)" >&2; exit 2; }
[[ "$N" =~ ^[1-9][0-9]*$ && "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_N and BENCH_ROUNDS must be positive integers" >&2; exit 2; }

mkdir -p "$OUT"
work="$OUT/work"
rm -rf "$work"
mkdir -p "$work"
raw="$OUT/raw.tsv"
log="$OUT/run.log"
: >"$log"
printf 'engine\ttool\tdirection\tround\tseconds\n' >"$raw"

python3 "$here/gen_migrations.py" -n "$N" "$work" >>"$log"
# Benchmark a private copy: the build tree is shared, and a rebuild in the middle of the run
# would otherwise swap the binary between (or during) rounds.
cp "$CLI" "$work/strata-cli"
CLI="$work/strata-cli"
migrations="$work/migrations"

now() { date +%s.%N; }

# time_cmd ENGINE TOOL DIRECTION ROUND CMD...: runs CMD with stdout/stderr to the log, records
# the wall time, fails the whole benchmark if CMD fails.
time_cmd() {
    local engine=$1 tool=$2 direction=$3 round=$4
    shift 4
    local t0 t1
    echo "## $engine $tool $direction round $round: $*" >>"$log"
    t0=$(now)
    local rc=0
    "$@" >>"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
        echo "FAILED (exit $rc): $engine $tool $direction round $round: $*" >&2
        if [[ $1 == strata ]]; then
            # Its stderr went to /dev/null while timed; run it again to show the message.
            echo "rerunning it with stderr shown:" >&2
            "$CLI" --db "$2" --migrations "$migrations" "${@:3}" 2>&1 | grep -v '^\[' | tail -n 20 >&2 || true
        else
            tail -n 20 "$log" >&2
        fi
        exit 1
    fi
    t1=$(now)
    local secs
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$engine" "$tool" "$direction" "$round" "$secs" >>"$raw"
    printf '  %-10s %-7s %-4s round %s: %8.3f s\n' "$engine" "$tool" "$direction" "$round" "$secs"
}

# strata-cli writes its progress to stderr: keep it out of the timing path entirely.
strata() { "$CLI" --db "$1" --migrations "$migrations" "${@:2}" 2>/dev/null; }

expect() { # expect WHAT GOT WANT
    if [[ "$2" != "$3" ]]; then
        echo "CHECK FAILED: $1: got '$2', expected '$3'" >&2
        exit 1
    fi
}

# ---------------------------------------------------------------- PostgreSQL
pg_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
pg_bench() { psql -X -At -v ON_ERROR_STOP=1 -d "$PGDB" -c "$1"; }
pg_fresh() {
    pg_admin -c "DROP DATABASE IF EXISTS \"$PGDB\"" -c "CREATE DATABASE \"$PGDB\"" >>"$log" 2>&1
}
pg_tables() { pg_bench "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ '^t[0-9]+\$'"; }
pg_history() { pg_bench "SELECT count(*) FROM strata_schema_history WHERE success"; }
pg_check_up() { expect "$1 up: history rows" "$(pg_history)" "$N"; expect "$1 up: tables" "$(pg_tables)" "$N"; }
pg_check_down() { expect "$1 down: history rows" "$(pg_history)" 0; expect "$1 down: tables" "$(pg_tables)" 0; }

pg_strata_round() {
    pg_fresh
    time_cmd postgresql strata up "$1" strata "postgresql:///$PGDB" up
    pg_check_up strata
    time_cmd postgresql strata down "$1" strata "postgresql:///$PGDB" down --to 0
    pg_check_down strata
}
pg_psql_round() {
    pg_fresh
    time_cmd postgresql psql up "$1" psql -X -q -v ON_ERROR_STOP=1 -d "$PGDB" -f "$work/pg_up.sql"
    pg_check_up psql
    time_cmd postgresql psql down "$1" psql -X -q -v ON_ERROR_STOP=1 -d "$PGDB" -f "$work/pg_down.sql"
    pg_check_down psql
}

# ---------------------------------------------------------------- SQLite
sq_db="$work/bench.db"
sq_fresh() { rm -f "$sq_db" "$sq_db-journal" "$sq_db-wal" "$sq_db-shm"; }
sq_q() { sqlite3 "$sq_db" "$1"; }
sq_tables() { sq_q "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't[0-9]*'"; }
sq_history() { sq_q "SELECT count(*) FROM strata_schema_history WHERE success"; }
sq_check_up() { expect "$1 up: history rows" "$(sq_history)" "$N"; expect "$1 up: tables" "$(sq_tables)" "$N"; }
sq_check_down() { expect "$1 down: history rows" "$(sq_history)" 0; expect "$1 down: tables" "$(sq_tables)" 0; }
sqlite_session() { sqlite3 "$sq_db" <"$1"; }

sq_strata_round() {
    sq_fresh
    time_cmd sqlite strata up "$1" strata "sqlite://$sq_db" up
    sq_check_up strata
    time_cmd sqlite strata down "$1" strata "sqlite://$sq_db" down --to 0
    sq_check_down strata
}
sq_sqlite3_round() {
    sq_fresh
    time_cmd sqlite sqlite3 up "$1" sqlite_session "$work/sqlite_up.sql"
    sq_check_up sqlite3
    time_cmd sqlite sqlite3 down "$1" sqlite_session "$work/sqlite_down.sql"
    sq_check_down sqlite3
}

# ---------------------------------------------------------------- machine
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)"
    echo "memory: $(free -h | awk '/^Mem:/ { print $2 }')"
    echo "debian: $(cat /etc/debian_version 2>/dev/null || echo unknown)"
    echo "kernel: $(uname -r)"
    echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
    echo "psql: $(psql --version)"
    if [[ " $ENGINES " == *" postgresql "* ]]; then
        echo "server: $(psql -X -At -d postgres -c 'SHOW server_version')"
        echo "server settings: $(psql -X -At -d postgres -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers')")"
        echo "PGHOST: ${PGHOST:-<unset>} (pg_virtualenv: ${BENCH_IN_PG_VIRTUALENV:-no})"
    fi
    echo "strata-cli: ${STRATA_CLI:-build/app/cli/strata-cli} (copied; sha256 $(sha256sum "$CLI" | cut -c1-16), built $(date -u -r "${STRATA_CLI:-$root/build/app/cli/strata-cli}" +%Y-%m-%dT%H:%M:%SZ), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "N=$N rounds=$ROUNDS engines=$ENGINES"
} | tee "$OUT/machine.txt"
echo

for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r/$ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    for engine in $ENGINES; do
        case $engine in
        postgresql) a=pg_strata_round b=pg_psql_round ;;
        sqlite) a=sq_strata_round b=sq_sqlite3_round ;;
        *) echo "unknown engine $engine" >&2; exit 2 ;;
        esac
        if ((r % 2)); then "$a" "$r"; "$b" "$r"; else "$b" "$r"; "$a" "$r"; fi
    done
done

if [[ " $ENGINES " == *" postgresql "* ]]; then
    pg_admin -c "DROP DATABASE IF EXISTS \"$PGDB\"" >>"$log" 2>&1
fi
sq_fresh

echo
python3 - "$raw" "$N" "$ROUNDS" <<'PY' | tee "$OUT/summary.md"
import csv, statistics, sys
raw, n, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
times = {}
with open(raw) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        times.setdefault((row["engine"], row["tool"], row["direction"]), []).append(float(row["seconds"]))
print(f"N={n} migrations, {rounds} rounds; seconds (median, min-max); ratio = median strata / median baseline")
print()
print("| engine | direction | strata-cli | baseline | ratio |")
print("|---|---|---|---|---|")
for engine, base in (("postgresql", "psql"), ("sqlite", "sqlite3")):
    for direction in ("up", "down"):
        s = times.get((engine, "strata", direction))
        b = times.get((engine, base, direction))
        if not s or not b:
            continue
        ms, mb = statistics.median(s), statistics.median(b)
        print(f"| {engine} | {direction} | {ms:.3f} ({min(s):.3f}-{max(s):.3f}) "
              f"| {base} {mb:.3f} ({min(b):.3f}-{max(b):.3f}) | {ms / mb:.2f}x |")
PY
echo
echo "raw timings: $raw; log: $log"
