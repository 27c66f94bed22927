#!/usr/bin/env bash
# (d) A run's bundle at scale (issue #15): `rungates run` whose step leaves 200,000 files of 64 bytes (400 folders) in
# the bundle and whose `ledger:` hashes them, committed (ledger, results, index, packet, LATEST), against writing the
# same ledger alone (`rungates ledger write`) and `xargs -P2 sha256sum`, in the same run; then `bundle validate` of
# that bundle (it re-hashes every file). Wall time and peak RSS (/usr/bin/time) of each, medians of the repeats,
# interleaved, so drift on the machine hits all alike. With BENCH_CLI_MAIN a second CLI (main's) runs beside
# BENCH_CLI in every repeat (A/B).
# Usage: bench/ledger/bundle.sh [prepare|time|all] [repeats] [--million]
#   prepare: make the tree and the runbook (outside any timing: run it before `/work/notes/quiet ... time`)
#   time:    time what prepare made; all (the default): both
#   BENCH_CLI=DIR (required: a CLI published there by action/publish.sh DIR), BENCH_CLI_MAIN=DIR (optional, A/B),
#   BENCH_FILES=N (default 200000; --million for 1,000,000), BENCH_CASES="run validate" (either or both),
#   BENCH_WORK (default /tmp/rungates-bench-bundle).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-all}
repeats=${2:-5}
files=${BENCH_FILES:-200000}
[ "${3:-}" = --million ] && files=1000000
cases=${BENCH_CASES:-run validate}
work=${BENCH_WORK:-/tmp/rungates-bench-bundle}
export LC_ALL=C
[ -n "${BENCH_CLI:-}" ] || { echo "set BENCH_CLI to a folder holding a published rungates (action/publish.sh DIR)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 2; }

prepare() {
  # A tree of the right count from an earlier prepare is kept (making 1,000,000 files takes minutes).
  if [ "$(find "$work/tree" -type f 2>/dev/null | wc -l)" != "$files" ]; then
    rm -rf "$work" && mkdir -p "$work" && make_tree
  fi
  mkdir -p "$work/spec"
  write_spec
}

make_tree() {
  # The tree once, 64 random bytes a file; the run's step hard-links it into the bundle (cp -al), so every run
  # indexes the same bytes and the step costs links, not writes.
  python3 "$here/make-tiny-tree.py" "$work/tree" "$files"
  [ "$(find "$work/tree" -type f | wc -l)" = "$files" ] || { echo "tree is not $files files" >&2; exit 1; }
}

write_spec() {
  cat > "$work/spec/rungates.yml" <<EOF
version: 1
name: bundle-scale
run:
  bundles: ../bundles-new   # the script passes --bundles per CLI
  id: "run"
  steps:
    - { id: make, run: "cp -al '$work/tree' \"\$RUNGATES_RUN_DIR/data\"" }
gates:
  - { id: some-data, files: [data/d000/f0000000] }
ledger: { root: data, file: SHA256SUMS }
promote: { requires: pass }
EOF
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Runs "$@" under /usr/bin/time; appends "seconds MiB" to the named series. A failed command fails the benchmark.
declare -A wall=() rss=()
measure() {
  local key=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || { echo "$key failed:" >&2; cat "$work/err.txt" >&2; exit 1; }
  read -r s k < "$work/time.txt"
  wall[$key]+="$s "; rss[$key]+="$((k / 1024)) "
}

time_all() {
  local clis=(new) ; [ -n "${BENCH_CLI_MAIN:-}" ] && clis=(main new)
  declare -A cli=([new]="$BENCH_CLI/rungates" [main]="${BENCH_CLI_MAIN:-}/rungates")
  find "$work/tree" -type f -exec cat {} + > /dev/null   # warm the cache
  if [[ " $cases " != *" run "* ]]; then
    # Validate alone: each CLI commits its bundle once, outside the timing; the repeats validate it.
    for c in "${clis[@]}"; do
      rm -rf "$work/bundles-$c"
      "${cli[$c]}" run --spec "$work/spec/rungates.yml" --bundles "$work/bundles-$c" --quiet > /dev/null
    done
  fi
  for _ in $(seq "$repeats"); do
    for c in "${clis[@]}"; do
      if [[ " $cases " == *" run "* ]]; then
        rm -rf "$work/bundles-$c"
        measure "run:$c" "${cli[$c]}" run --spec "$work/spec/rungates.yml" --bundles "$work/bundles-$c" --no-color
        # The step's own share (cp -al), as the run reports it: "passed step make (1.2s)".
        step[$c]+="$(sed -n 's/.*passed *step make (\([0-9.]*\)s).*/\1/p' "$work/err.txt") "
      fi
      if [[ " $cases " == *" validate "* ]]; then
        measure "validate:$c" "${cli[$c]}" bundle validate "$work/bundles-$c/run"
      fi
    done
    if [[ " $cases " == *" run "* ]]; then
      measure "ledger-write" "$BENCH_CLI/rungates" ledger write --root "$work/bundles-new/run/data" -o "$work/alone.sums"
      measure "xargs-P2" sh -c "cd '$work/bundles-new/run/data' && find . -type f -print0 | xargs -0 -P2 -n 5000 sha256sum"
      cmp -s "$work/alone.sums" "$work/bundles-new/run/SHA256SUMS" || { echo "the run's ledger differs from ledger write's" >&2; exit 1; }
    fi
  done
  echo "== (d) a run's bundle: $files files of 64 B in 400 folders, repeats $repeats, $(nproc) cores"
  echo "   index $(stat -c %s "$work/bundles-new/run/artifact_index.json") B, ledger $(stat -c %s "$work/bundles-new/run/SHA256SUMS") B, results.json $(stat -c %s "$work/bundles-new/run/results.json") B"
  for key in $(printf '%s\n' "${!wall[@]}" | sort); do
    printf '%-14s wall median %7.2fs  peak RSS median %5s MiB   walls: %s  RSS: %s\n' "$key" \
      "$(tr ' ' '\n' <<< "${wall[$key]}" | grep . | median)" "$(tr ' ' '\n' <<< "${rss[$key]}" | grep . | median)" "${wall[$key]}" "${rss[$key]}"
  done
  for c in "${!step[@]}"; do
    printf '%-14s step (cp -al) median %5.2fs  runs: %s\n' "step:$c" "$(tr ' ' '\n' <<< "${step[$c]}" | grep . | median)" "${step[$c]}"
  done
}

declare -A step=()
case $mode in
  prepare) prepare ;;
  time) time_all ;;
  all) prepare; time_all ;;
  *) echo "usage: $0 [prepare|time|all] [repeats] [--million]" >&2; exit 2 ;;
esac
