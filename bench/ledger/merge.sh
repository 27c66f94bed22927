#!/usr/bin/env bash
# Times `rungates ledger merge` of many shards (default 100 shards x 10,000 entries, each shard sorted as `ledger
# write` leaves it, neighbours overlapping by 10%) against `sort -m -u` of the same shards (C locale), with peak RSS
# from /usr/bin/time -f %M, in one run. The shards list digests only: merging never reads the files they name.
# Usage: bench/ledger/merge.sh [repeats]   (BENCH_SHARDS, BENCH_SHARD_ENTRIES override the sizes; BENCH_CLI an
# already published rungates, else action/publish.sh builds it; BENCH_PREPARE=1 only creates the shards, BENCH_REUSE=1
# keeps shards already in BENCH_WORK of the same sizes, so that a quiet job is timing only; BENCH_CLI_B a second
# rungates, interleaved with the first, for A/B runs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
repeats=${1:-3}
work=${BENCH_WORK:-/tmp/rungates-bench-merge}
shards=${BENCH_SHARDS:-100}
entries=${BENCH_SHARD_ENTRIES:-10000}
export LC_ALL=C

if [ -n "${BENCH_CLI:-}" ]; then rg=$BENCH_CLI
elif [ "${BENCH_REUSE:-0}" = 1 ] && [ -x "$work/cli/rungates" ]; then rg="$work/cli/rungates"
else mkdir -p "$work" && "$root/action/publish.sh" "$work/cli" -v quiet >/dev/null; rg="$work/cli/rungates"; fi

# Shard s lists entries s*0.9*N .. s*0.9*N+N-1, so 10% of each shard repeats its neighbour's (same digests).
step=$((entries * 9 / 10))
if ! { [ "${BENCH_REUSE:-0}" = 1 ] && [ "$(cat "$work/stamp" 2>/dev/null)" = "$shards $entries" ]; }; then
  rm -rf "$work/shards" "$work/stamp" && mkdir -p "$work/shards"
  for s in $(seq 0 $((shards - 1))); do
    awk -v from=$((s * step)) -v n="$entries" 'BEGIN { for (i = from; i < from + n; i++) printf "%064x  dist/part-%09d.bin\n", i * 2654435761 % 4294967296, i }' \
      | sort -k2 > "$work/shards/s$(printf %04d "$s").sums"
  done
  echo "$shards $entries" > "$work/stamp"
fi
[ "${BENCH_PREPARE:-0}" = 1 ] && { echo "prepared $shards shards x $entries entries in $work/shards"; exit 0; }
expected=$(( (shards - 1) * step + entries ))

# /usr/bin/time runs programs, not shell functions: each command is a program with its arguments (sort's output is its -o).
rg_cmd=("$rg" ledger merge "$work"/shards/*.sums -o "$work/merged.sums")
sort_cmd=(sort -m -u -k2 "$work"/shards/*.sums -o "$work/sorted.sums")
# Peak RSS in MiB (the largest of the process and its children); a failed command fails the script, not a figure.
peak() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; awk 'END { printf "%.1f", $1 / 1024 }' "$work/rss"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
rgb_cmd=("${BENCH_CLI_B:-/nonexistent}" ledger merge "$work"/shards/*.sums -o "$work/merged-b.sums")
rg_merge() { "${rg_cmd[@]}"; }
rgb_merge() { "${rgb_cmd[@]}"; }
sort_merge() { "${sort_cmd[@]}"; }
names="rg_merge sort_merge${BENCH_CLI_B:+ rgb_merge}"

rg_merge 2>/dev/null; sort_merge
[ "$(wc -l < "$work/merged.sums")" = "$expected" ] || { echo "merged ledger is not $expected lines" >&2; exit 1; }
cmp -s "$work/merged.sums" "$work/sorted.sums" || { echo "rungates and sort -m disagree" >&2; exit 1; }
if [ -n "${BENCH_CLI_B:-}" ]; then
  rgb_merge 2>/dev/null; cmp -s "$work/merged.sums" "$work/merged-b.sums" || { echo "the two CLIs merge differently" >&2; exit 1; }
fi
declare -A t=()
for _ in $(seq "$repeats"); do   # interleaved, so drift on the machine hits all alike
  for name in $names; do t[$name]+="$(secs $name) "; done
done
for name in $names; do
  case $name in rg_merge) rss=$(peak "${rg_cmd[@]}") ;; rgb_merge) rss=$(peak "${rgb_cmd[@]}") ;; sort_merge) rss=$(peak "${sort_cmd[@]}") ;; esac
  echo "$name: $shards shards x $entries entries -> $expected: wall $(echo ${t[$name]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') s (median of $repeats; runs ${t[$name]}), peak RSS $rss MiB"
done
