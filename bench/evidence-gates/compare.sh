#!/usr/bin/env bash
# Interleaved A/B timing of rungates builds on the same warm evidence: each round runs every build once, in turn, so
# they share the same minutes (load, page cache, CPU frequency). Wall, user and system CPU from /usr/bin/time.
# Usage: bench/evidence-gates/compare.sh SPEC EVIDENCE ROUNDS NAME=DIR/rungates [NAME=DIR/rungates ...]
#   e.g. compare.sh bench/evidence-gates/rungates.yml /tmp/ev 9 before=/tmp/b955/rungates after=/tmp/new/rungates
# Prints one line per run and, per build, the median wall and the mean user and system CPU.
set -euo pipefail
spec=$1 evidence=$2 rounds=$3
shift 3
export BENCH_EVIDENCE=$evidence BENCH_BUNDLES=${BENCH_BUNDLES:-$(mktemp -d)/bundles}
cat "$evidence"/receipts/*.json >/dev/null   # warm the page cache
log=$(mktemp)
for _ in $(seq "$rounds"); do
  for build in "$@"; do
    name=${build%%=*} exe=${build#*=}
    /usr/bin/time -f "$name %e %U %S" -a -o "$log" "$exe" run --spec "$spec" --quiet --format json >/dev/null 2>&1 || true
  done
done
grep -v "^Command exited" "$log"
for build in "$@"; do
  name=${build%%=*}
  median=$(awk -v n="$name" '$1 == n { print $2 }' "$log" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
  awk -v n="$name" -v m="$median" '$1 == n { c++; u += $3; s += $4 } END {
    printf "%-10s runs %d  median wall %.3f s  mean user %.3f s  mean sys %.3f s\n", n, c, m, u / c, s / c }' "$log"
done
rm -f "$log"
