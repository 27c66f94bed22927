#!/usr/bin/env bash
# Times a no-op incremental `dotnet build` of a consumer with RunGates.MSBuild against the same consumer without it,
# in the same run. Usage: bench/msbuild-noop/run.sh [repeats]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
repeats=${1:-7}
work=${BENCH_WORK:-/tmp/rungates-bench-msbuild}
version=0.0.0-bench.$(date +%s)

rm -rf "$work" && mkdir -p "$work/feed"
dotnet pack "$root/src/RunGates.MSBuild" -c Release -o "$work/feed" -p:Version="$version" --nologo -v quiet >/dev/null

make_consumer() { # name, package reference or empty
  local dir="$work/$1"
  mkdir -p "$dir/config"
  cat > "$dir/NuGet.Config" <<XML
<configuration><packageSources><clear /><add key="feed" value="$work/feed" /></packageSources>
<config><add key="globalPackagesFolder" value="$work/packages" /></config></configuration>
XML
  cat > "$dir/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup>$2</ItemGroup>
</Project>
XML
  printf 'namespace C;\npublic static class G { public static int One() => 1; }\n' > "$dir/G.cs"
  printf '{ "mode": "canonical" }\n' > "$dir/config/run.json"
  cat > "$dir/rungates.yml" <<YML
version: 1
name: bench
preflight:
  - { id: inputs, files: [config/run.json] }
  - { id: mode, file: config/run.json, expect: { mode: canonical } }
YML
  (cd "$dir" && dotnet build --nologo -v quiet >/dev/null)
}

make_consumer with "<PackageReference Include=\"RunGates.MSBuild\" Version=\"$version\" PrivateAssets=\"all\" />"
make_consumer without ""

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_build() { local s e; s=$(date +%s.%N); (cd "$work/$1" && dotnet build --no-restore --nologo -v quiet >/dev/null); e=$(date +%s.%N); echo "$e - $s" | bc; }

with=() without=()
for _ in $(seq "$repeats"); do   # interleaved, so drift on the machine hits both alike
  with+=("$(time_build with)")
  without+=("$(time_build without)")
done
# The no-op build must really skip pre-flight, or the comparison measures something else.
(cd "$work/with" && dotnet build --no-restore --nologo -v d) | grep -q 'Skipping target "RunGatesPreflight" because all output files are up-to-date' \
  || { echo "pre-flight was not skipped on a no-op build" >&2; exit 1; }

w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median)
echo "no-op dotnet build with RunGates.MSBuild:    median ${w}s  runs: ${with[*]}"
echo "no-op dotnet build without it:               median ${wo}s  runs: ${without[*]}"
echo "ratio: $(echo "scale=3; $w / $wo" | bc)"
