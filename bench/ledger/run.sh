#!/usr/bin/env bash
# Times `rungates ledger write` and `rungates ledger verify` (published Release CLI, as the action image ships it)
# against GNU sha256sum (one process and two in parallel) and `openssl dgst -sha256` (two in parallel), on (a) 16 files
# of 64 MiB, (b) 20,000 files of 16 KiB and (c) 200,000 files of 64 bytes in 400 folders (issue #15: the per-file
# cost), warm cache, in one run.
# Also reports peak RSS (when /usr/bin/time is present) and `openssl speed -evp sha256` x cores as the ceiling.
# Usage: bench/ledger/run.sh [repeats] [--million]
#   BENCH_TINY_FILES=1000000 (or --million as the second argument) for the million-file case; BENCH_SETS="tiny" (any of
#   large small tiny) to time only some sets.
#   The million-file tree takes minutes to create and warm, so it can be made once and timed in several short jobs:
#   BENCH_PREPARE=1 creates the sets (and the CLI) and exits; BENCH_REUSE=1 keeps sets already in BENCH_WORK that have
#   the expected number of files; BENCH_COMMANDS="rg_write sha_par" times only some of sha_one sha_par ossl_par
#   rg_write sha_check rg_verify (and rgb_write rgb_verify); BENCH_RSS=0 skips the peak-RSS line, BENCH_RSS_ONLY=1
#   prints only it. BENCH_CLI_B=DIR adds a second published CLI (rgb_*), interleaved with the first, for A/B runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
repeats=${1:-5}
work=${BENCH_WORK:-/tmp/rungates-bench-ledger}
cores=$(nproc)
large=${BENCH_LARGE_FILES:-16}   # smaller counts only to smoke-test this script
small=${BENCH_SMALL_FILES:-20000}
tiny=${BENCH_TINY_FILES:-200000}
[ "${2:-}" = --million ] && tiny=1000000
sets=${BENCH_SETS:-large small tiny}
export LC_ALL=C

commands=${BENCH_COMMANDS:-sha_one sha_par ossl_par rg_write sha_check rg_verify${BENCH_CLI_B:+ rgb_write rgb_verify}}
# A set is kept only when asked and when it holds what this run would create (tiny: its file count is in a stamp).
kept() { [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$work/$1.stamp" ] && [ "$(cat "$work/$1.stamp")" = "$2" ]; }
if [ "${BENCH_REUSE:-0}" = 1 ]; then mkdir -p "$work/large" "$work/small" "$work/tiny"
else rm -rf "$work" && mkdir -p "$work/large" "$work/small" "$work/tiny"; fi
# The CLI as the action image ships it and the tool installs on linux-x64 (action/publish.sh: Native AOT).
# BENCH_PUBLISH=tool times the framework-dependent, JIT-compiled build the tool installs elsewhere (~0.1 s more a run).
# BENCH_CLI=DIR times a CLI already published there (action/publish.sh DIR) instead of publishing one now.
if [ -n "${BENCH_CLI:-}" ]; then
  mkdir -p "$work/cli" && cp "$BENCH_CLI/rungates" "$work/cli/"
elif [ "${BENCH_REUSE:-0}" = 1 ] && [ -x "$work/cli/rungates" ]; then
  :   # the CLI the set was prepared with
elif [ "${BENCH_PUBLISH:-image}" = tool ]; then
  dotnet publish "$root/src/RunGates.Cli" -c Release -p:PublishAot=false -o "$work/cli" --nologo -v quiet >/dev/null
else
  "$root/action/publish.sh" "$work/cli" -v quiet >/dev/null
fi
rg="$work/cli/rungates"
if [ -n "${BENCH_CLI_B:-}" ]; then mkdir -p "$work/cli-b" && cp "$BENCH_CLI_B/rungates" "$work/cli-b/"; fi
rgb="$work/cli-b/rungates"

# (a) 16 x 64 MiB of random bytes; (b) 20,000 x 16 KiB cut from one random stream, 100 folders of 200.
if [[ " $sets " == *" large "* ]] && ! kept large "$large"; then
  rm -rf "$work/large" "$work/large.stamp" && mkdir -p "$work/large"
  for i in $(seq -w 1 "$large"); do head -c $((64 << 20)) /dev/urandom > "$work/large/part-$i.bin"; done
  echo "$large" > "$work/large.stamp"
fi
if [[ " $sets " == *" small "* ]] && ! kept small "$small"; then
  rm -rf "$work/small" "$work/small.stamp" && mkdir -p "$work/small"
  head -c $((small * 16384)) /dev/urandom > "$work/small.stream"
  (cd "$work/small" && split -b 16384 -a 5 -d "$work/small.stream" f && rm "$work/small.stream" \
    && for d in $(seq -w 0 99); do mkdir "d$d"; done \
    && ls | grep '^f' | awk '{ printf "%s d%02d\n", $1, int((NR-1)/200) }' | xargs -n 2 sh -c 'mv "$0" "$1/"')
  [ "$(find "$work/small" -type f | wc -l)" = "$small" ] || { echo "small set is not $small files" >&2; exit 1; }
  echo "$small" > "$work/small.stamp"
fi
# (c) tiny files: 64 random bytes each, 400 folders (2,500 per folder at a million).
if [[ " $sets " == *" tiny "* ]] && ! kept tiny "$tiny"; then
  rm -rf "$work/tiny" "$work/tiny.stamp" && mkdir -p "$work/tiny"
  python3 "$here/make-tiny-tree.py" "$work/tiny" "$tiny"
  [ "$(find "$work/tiny" -type f | wc -l)" = "$tiny" ] || { echo "tiny set is not $tiny files" >&2; exit 1; }
  echo "$tiny" > "$work/tiny.stamp"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }
# Runs "$@" in the set's folder with stdout to a file, echoes seconds.
time_it() { local s e; s=$(now); "$@" > "$work/out.tmp"; e=$(now); echo "$e - $s" | bc; }

sha_one()  { (cd "$1" && find . -type f -print0 | xargs -0 sha256sum); }
# xargs gets -n so that both processes have work: 8 batches per set (-n 2 for 16 files, -n 2500 for 20,000).
sha_par()  { (cd "$1" && find . -type f -print0 | xargs -0 -P2 -n "$2" sha256sum); }
# The same OpenSSL SHA-256 that rungates calls, through OpenSSL's own command line, two processes at a time.
ossl_par() { (cd "$1" && find . -type f -print0 | xargs -0 -P2 -n "$2" openssl dgst -sha256); }
sha_check() { (cd "$1" && sha256sum -c --quiet "$work/$2.sums"); }
rg_write() { "$rg" ledger write --root "$1"; }
rg_verify() { "$rg" ledger verify "$work/$2.rg" --root "$1" --quiet; }
rgb_write() { "$rgb" ledger write --root "$1"; }
rgb_verify() { "$rgb" ledger verify "$work/$2.rg" --root "$1" --quiet; }

rss() { # peak RSS in MiB of "$@", or "n/a"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null || true
    awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt"
  else echo "n/a"; fi
}

# The ceiling (2 s of one core): skipped when only preparing, or with BENCH_CEILING=0 (tiny files are not hash-bound).
ceiling=""
if [ "${BENCH_PREPARE:-0}" != 1 ] && [ "${BENCH_CEILING:-1}" != 0 ]; then
  ossl=$(openssl speed -evp sha256 -bytes 16384 -seconds 2 2>/dev/null | awk '/^sha256/ { v=$NF; sub(/k$/, "", v); print v * 1000 }')
  ceiling=$(echo "$ossl * $cores" | bc)
  echo "openssl speed -evp sha256 -bytes 16384: $(echo "scale=1; $ossl / 1048576" | bc) MiB/s per core, x $cores cores = $(echo "scale=1; $ceiling / 1048576" | bc) MiB/s"
fi
of_ceiling() { if [ -n "$ceiling" ]; then printf ' vs openssl x cores %s%%' "$(echo "scale=1; 100 * $bytes / $1 / $ceiling" | bc)"; fi; }

has() { [[ " $commands " == *" $1 "* ]]; }
ratio() { # "<label> x<ratio of medians $2 / $3>" when both were timed
  if [ -n "${m[$2]:-}" ] && [ -n "${m[$3]:-}" ]; then printf ' %s x%s' "$1" "$(echo "scale=2; ${m[$2]} / ${m[$3]}" | bc)"; fi; }
for set in $sets; do
  dir="$work/$set"
  # -n: 8 batches per set for (a) and (b); 5,000 files per sha256sum process for (c), as in issue #15.
  case $set in large) n=$(((large + 7) / 8)) ;; small) n=$(((small + 7) / 8)) ;; tiny) n=5000 ;; esac
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  # The reference ledgers and the cache warm-up are done once per set (outside the timing when prepared beforehand).
  # BENCH_PREPARE=1 BENCH_REUSE=1 only warms a kept set: run it just before a quiet job that times the set.
  [ "${BENCH_PREPARE:-0}" = 1 ] && find "$dir" -type f -print0 | xargs -0 cat > /dev/null
  if ! { [ "${BENCH_REUSE:-0}" = 1 ] && [ -s "$work/$set.sums" ] && [ -s "$work/$set.rg" ]; }; then
    find "$dir" -type f -print0 | xargs -0 cat > /dev/null   # warm the cache
    sha_one "$dir" | sort -k2 > "$work/$set.sums"
    rg_write "$dir" > "$work/$set.rg"
    # Same digests for the same files, or the timings compare different work.
    diff <(sort -k2 "$work/$set.rg") <(sed 's#  \./#  #' "$work/$set.sums" | sort -k2) >/dev/null || { echo "$set: rungates and sha256sum disagree" >&2; rm -f "$work/$set.rg"; exit 1; }
  fi
  if [ -n "${BENCH_CLI_B:-}" ]; then
    rgb_write "$dir" > "$work/out-b.tmp"
    cmp -s "$work/out-b.tmp" "$work/$set.rg" || { echo "$set: the two CLIs write different ledgers" >&2; exit 1; }
  fi
  [ "${BENCH_PREPARE:-0}" = 1 ] && { echo "prepared $set: $(cat "$work/$set.stamp") files in $dir"; continue; }
  declare -A t=() m=()
  if [ "${BENCH_RSS_ONLY:-0}" != 1 ]; then
    for _ in $(seq "$repeats"); do   # interleaved, so drift on the machine hits all alike
      for k in $commands; do
        case $k in
          sha_par|ossl_par) t[$k]+="$(time_it "$k" "$dir" "$n") " ;;
          sha_check|rg_verify|rgb_verify) t[$k]+="$(time_it "$k" "$dir" "$set") " ;;
          *) t[$k]+="$(time_it "$k" "$dir") " ;;
        esac
      done
    done
    echo
    echo "== $set: $(find "$dir" -type f | wc -l) files, $((bytes >> 20)) MiB, repeats $repeats"
    for k in $commands; do
      m[$k]=$(tr ' ' '\n' <<< "${t[$k]}" | grep . | median)
      printf '%-10s median %7.3fs  %8.1f MiB/s  runs: %s\n' "$k" "${m[$k]}" "$(echo "$bytes / ${m[$k]} / 1048576" | bc -l)" "${t[$k]}"
    done
    for w in rg rgb; do
      if [ -n "${m[${w}_write]:-}" ]; then
        echo "write ($w):$(ratio "vs sha256sum" sha_one ${w}_write)$(ratio "vs xargs -P2" sha_par ${w}_write)$(ratio "vs openssl dgst -P2" ossl_par ${w}_write)$(of_ceiling "${m[${w}_write]}")"
      fi
      if [ -n "${m[${w}_verify]:-}" ]; then
        echo "verify ($w):$(ratio "vs sha256sum -c" sha_check ${w}_verify)$(ratio "vs xargs -P2" sha_par ${w}_verify)$(of_ceiling "${m[${w}_verify]}")"
      fi
    done
  fi
  if [ "${BENCH_RSS:-1}" != 0 ]; then
    line="peak RSS MiB ($set):"
    has rg_write && line+=" rungates write $(rss "$rg" ledger write --root "$dir"),"
    has rg_verify && line+=" verify $(rss "$rg" ledger verify "$work/$set.rg" --root "$dir" --quiet),"
    has rgb_write && line+=" B write $(rss "$rgb" ledger write --root "$dir"),"
    has rgb_verify && line+=" B verify $(rss "$rgb" ledger verify "$work/$set.rg" --root "$dir" --quiet),"
    has sha_check && line+=" sha256sum -c $(rss sh -c "cd '$dir' && sha256sum -c --quiet '$work/$set.sums'"),"
    has sha_par && line+=" xargs -P2 sha256sum (largest process) $(rss sh -c "cd '$dir' && find . -type f -print0 | xargs -0 -P2 -n $n sha256sum")"
    echo "$line"
  fi
  unset t m
done
