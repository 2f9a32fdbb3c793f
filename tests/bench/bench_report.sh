#!/usr/bin/env bash
# Report benchmarks: `strata-cli report -o FILE` (timeline + validation) of a 1,000-version
# database in each format, and `dry-run --report` of the demo's pending versions. Each is timed
# around the whole process (date +%s%N), BENCH_ROUNDS times; the medians go to
# tests/bench/out/report/results.txt (gitignored) and docs/BENCHMARKS.md quotes them.
#
#   cmake --build build --target strata-cli && tests/bench/bench_report.sh   # BENCH_ROUNDS=7
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${BENCH_ROUNDS:-7}
versions=${BENCH_VERSIONS:-1000}
out=tests/bench/out/report
mkdir -p "$out"
cli=$(realpath build/app/cli/strata-cli)
[[ -x "$cli" ]] || { echo "missing $cli: build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="$work/run"
mkdir -p "$XDG_RUNTIME_DIR" "$work/m" && chmod 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM

for i in $(seq 1 "$versions"); do
  printf 'CREATE TABLE t_%d (id INTEGER PRIMARY KEY, note TEXT);\n' "$i" > "$work/m/V${i}__Create_table_$i.sql"
done
big="sqlite:$work/big.db"
"$cli" --db "$big" --migrations "$work/m" up > /dev/null 2>&1
demo="sqlite:$work/demo.db"
"$cli" --db "$demo" --migrations migrations up --to 6 > /dev/null 2>&1

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

{
  echo "# $(date -u +%F) $(uname -m), $(nproc) cores; rounds: $rounds; median ms"
  for f in json md html pdf; do
    ms=$(for _ in $(seq "$rounds"); do
           time_ms "$cli" --db "$big" --migrations "$work/m" report -o "$work/state.$f"
         done | median)
    echo "report of $versions versions, $f: $ms ms, $(stat -c %s "$work/state.$f") bytes"
  done
  pages=$(pdfinfo "$work/state.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  echo "  (the PDF has ${pages:-?} pages)"
  ms=$(for _ in $(seq "$rounds"); do
         time_ms "$cli" --db "$big" --migrations "$work/m" status
       done | median)
  echo "status of $versions versions (no report), for comparison: $ms ms"
  for f in json pdf; do
    ms=$(for _ in $(seq "$rounds"); do
           time_ms "$cli" --db "$demo" --migrations migrations dry-run --report "$work/dry.$f"
         done | median)
    echo "demo dry-run 6 -> 10 with --report .$f: $ms ms"
  done
  ms=$(for _ in $(seq "$rounds"); do
         time_ms "$cli" --db "$demo" --migrations migrations dry-run
       done | median)
  echo "demo dry-run 6 -> 10 without a report: $ms ms"
} | tee "$out/results.txt"
