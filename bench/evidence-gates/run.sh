#!/usr/bin/env bash
# Times `rungates run` with five each: gates over N JSON receipts (~4 KiB) against jq doing the same assertions,
# in the same run on the same warm files; then the contract case (contract.yml: a path filter with count, a reference
# into another document, covers: over an N-entry manifest) against contract-assertions.jq.
# Usage: bench/evidence-gates/run.sh [count] [repeats]
# BENCH_PORTABLE and BENCH_AOT may name folders holding already published builds (each with its rungates), so the
# publishing can run as a heavy job and only the timing as a quiet one; unset, both are published here. Likewise
# BENCH_GENERATED may name a folder `RunGates.Bench generate-evidence DIR count 100` wrote.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${1:-10000}
repeats=${2:-5}
work=${BENCH_WORK:-/tmp/rungates-bench-evidence}
command -v jq >/dev/null || { echo "jq is required: apt-get install -y jq" >&2; exit 2; }

rm -rf "$work" && mkdir -p "$work"
# Two builds of the same code: the portable one (JIT; what `dotnet tool install` gets on any OS but linux-x64), and the
# Native AOT one the action's image ships and the tool installs on linux-x64 (action/publish.sh).
if [ -n "${BENCH_PORTABLE:-}" ]; then ln -s "$BENCH_PORTABLE" "$work/cli"; else
  dotnet publish "$root/src/RunGates.Cli" -c Release -p:PublishAot=false -o "$work/cli" --nologo -v quiet >/dev/null; fi
if [ -n "${BENCH_AOT:-}" ]; then ln -s "$BENCH_AOT" "$work/cli-aot"; else
  "$root/action/publish.sh" "$work/cli-aot" -v quiet >/dev/null; fi
if [ -n "${BENCH_GENERATED:-}" ]; then ln -s "$BENCH_GENERATED" "$work/evidence"; else   # generate-evidence output for this count
  dotnet run --project "$root/bench/RunGates.Bench" -c Release -- generate-evidence "$work/evidence" "$count" 100 >/dev/null; fi
cat "$work"/evidence/receipts/*.json >/dev/null   # warm the page cache for both tools

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

export BENCH_EVIDENCE="$work/evidence" BENCH_BUNDLES="$work/bundles"

# One case: both builds run SPEC and jq runs JQ over the files after it, REPEATS times each, interleaved; then both
# builds and jq must find the same failures, or the comparison means nothing.
bench_case() {
  local title=$1 spec=$2 filter=$3; shift 3
  local rg=() aot=() jqt=() ours ours_aot theirs rg_median aot_median jq_median
  for _ in $(seq "$repeats"); do
    rg+=("$(time_it "$work/cli/rungates" run --spec "$spec" --quiet --format json)")
    aot+=("$(time_it "$work/cli-aot/rungates" run --spec "$spec" --quiet --format json)")
    jqt+=("$(time_it jq -rn -f "$filter" "$@")")
  done
  "$work/cli/rungates" run --spec "$spec" --quiet --format json > "$work/results.json" 2>/dev/null || true
  "$work/cli-aot/rungates" run --spec "$spec" --quiet --format json > "$work/results-aot.json" 2>/dev/null || true
  ours=$(jq '[.checks[].findings | length] | add' "$work/results.json")
  ours_aot=$(jq '[.checks[].findings | length] | add' "$work/results-aot.json")
  theirs=$(jq -rn -f "$filter" "$@" | wc -l)
  rg_median=$(printf '%s\n' "${rg[@]}" | median)
  aot_median=$(printf '%s\n' "${aot[@]}" | median)
  jq_median=$(printf '%s\n' "${jqt[@]}" | median)
  echo "$title: files: $count, repeats: $repeats, failures found: rungates $ours (Native AOT $ours_aot), jq $theirs"
  echo "rungates run, portable:                 median ${rg_median}s  runs: ${rg[*]}"
  echo "rungates run, Native AOT (action image): median ${aot_median}s  runs: ${aot[*]}"
  echo "jq (same assertions, one process):       median ${jq_median}s  runs: ${jqt[*]}"
  echo "speed-up over jq: portable $(echo "scale=2; $jq_median / $rg_median" | bc)x, Native AOT $(echo "scale=2; $jq_median / $aot_median" | bc)x"
  [ "$ours" = "$theirs" ] && [ "$ours_aot" = "$theirs" ] || { echo "MISMATCH: rungates and jq disagree on the failures of $title" >&2; exit 1; }
}

bench_case "five each: gates" "$here/rungates.yml" "$here/assertions.jq" "$work"/evidence/receipts/*.json
# jq reads limits.json and manifest.json first.
bench_case "contract case (filter + count, reference, covers)" "$here/contract.yml" "$here/contract-assertions.jq" \
  "$work/evidence/limits.json" "$work/evidence/manifest.json" "$work"/evidence/receipts/*.json
