#!/usr/bin/env bash
# Desktop app benchmarks: start-up to a usable window (the timeline filled and the window painted)
# on the demo workspace and on a 10,000-version project, and building/scrolling a 10,000-version
# timeline. Results go to tests/bench/out/gui/ (gitignored); docs/BENCHMARKS.md quotes them.
#
#   cmake --build build && tests/bench/bench_gui.sh      # BENCH_ROUNDS=9 BENCH_VERSIONS=10000
#
# Start-up is timed around the whole process (`strata --quit-when-ready` exits once usable) with
# date +%s%N, on X11 (a private Xvfb, when installed) and on Qt's offscreen platform.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${BENCH_ROUNDS:-9}
versions=${BENCH_VERSIONS:-10000}
out=tests/bench/out/gui
mkdir -p "$out"
bin=$(realpath build/app/gui/strata)
cli=$(realpath build/app/cli/strata-cli)
bench=$(realpath build/tests/bench_timeline)
for b in "$bin" "$cli" "$bench"; do
  [[ -x "$b" ]] || { echo "missing $b: build first (cmake --build build)" >&2; exit 2; }
done
work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# Workloads: the demo at version 6, and N generated migrations with the first half applied.
"$cli" --db "sqlite://$work/demo.db" --migrations migrations up --to 6 >/dev/null 2>&1
big="$(realpath "$out")/big-$versions"
if [[ ! -f "$big/db.sqlite" ]]; then
  echo "== generating $versions migrations and applying half of them (once; cached in $big)" >&2
  rm -rf "$big" && mkdir -p "$big"
  python3 tests/bench/gen_migrations.py -n "$versions" "$big" >/dev/null
  "$cli" --db "sqlite://$big/db.sqlite" --migrations "$big/migrations" up --to $((versions / 2)) >/dev/null 2>&1
fi

median() { sort -n | awk '{a[NR]=$1} END {printf "%.0f (%.0f–%.0f)", a[int((NR+1)/2)], a[1], a[NR]}'; }

# start PLATFORM LABEL DB FOLDER: rounds of wall-clock and in-process ready times (ms).
start() {
  local platform=$1 label=$2 db=$3 folder=$4 wall=() ready=() shown=()
  for ((i = 0; i < rounds; i++)); do
    local t0 t1 line
    t0=$(date +%s%N)
    line=$(QT_QPA_PLATFORM=$platform "$bin" --db "$db" --migrations "$folder" --quit-when-ready 2>/dev/null | grep ready_ms)
    t1=$(date +%s%N)
    wall+=($(( (t1 - t0) / 1000000 )))
    shown+=("$(awk '{print $2}' <<<"$line")")
    ready+=("$(awk '{print $4}' <<<"$line")")
  done
  printf '| %s | %s | %s | %s | %s |\n' "$platform" "$label" \
    "$(printf '%s\n' "${shown[@]}" | median)" "$(printf '%s\n' "${ready[@]}" | median)" \
    "$(printf '%s\n' "${wall[@]}" | median)"
}

platforms=(offscreen)
if [[ -z "${DISPLAY:-}" ]] && command -v Xvfb >/dev/null; then
  Xvfb :87 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=:87
  for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X87 ]] && break; sleep 0.1; done
fi
[[ -n "${DISPLAY:-}" ]] && platforms=(xcb offscreen)

{
  echo "# strata GUI benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "## Start-up to a usable window (ms: median (min–max) of $rounds)"
  echo
  echo "| platform | workspace | window painted | timeline filled (usable) | whole process, wall clock |"
  echo "|---|---|---|---|---|"
  # One untimed run per platform first: loads the binary and Qt into the page cache.
  for p in "${platforms[@]}"; do
    QT_QPA_PLATFORM=$p "$bin" --db "sqlite://$work/demo.db" --migrations migrations --quit-when-ready >/dev/null 2>&1 || true
    start "$p" "demo (10 versions, 6 applied)" "sqlite://$work/demo.db" migrations
    start "$p" "$versions versions, $((versions / 2)) applied" "sqlite://$big/db.sqlite" "$big/migrations"
  done
  echo
  echo "## Timeline with $versions versions (bench_timeline, offscreen)"
  echo
  echo '```'
  QT_QPA_PLATFORM=offscreen "$bench" "$versions" 5 2>/dev/null
  echo '```'
} | tee "$out/summary.md"
