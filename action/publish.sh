#!/usr/bin/env bash
# Publishes the rungates CLI the way the action's image ships it: Native AOT for this machine's Linux (linux-x64 or
# linux-arm64: Native AOT does not cross-compile to another architecture without a cross toolchain, so the release
# builds each image platform on a runner of that architecture), one self-contained
# executable with no .NET runtime and no JIT (the image needs only runtime-deps: glibc, OpenSSL, CA certificates).
# A job starts in ~0.01 s instead of ~0.06 s (self-contained ReadyToRun) and runs its gates and ledger without JIT
# pauses; docs/benchmarks.md has the figures. Core, GitHub and the CLI build with the trim and AOT analyzers on, and
# every JSON shape is source-generated, so nothing in it needs reflection.
# Native AOT links with the platform's C toolchain: clang (or gcc) and zlib headers must be installed
# (`apt-get install clang zlib1g-dev`); the Dockerfile's publish stage installs them.
# One place for these options: the Dockerfile's publish stage, the container tests and the benchmarks call it.
# Usage: action/publish.sh OUTPUT_DIR [extra dotnet publish arguments...]   (RUNGATES_RID overrides the runtime id)
set -euo pipefail
out=${1:?usage: action/publish.sh OUTPUT_DIR [dotnet publish arguments...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
case ${RUNGATES_RID:-$(uname -m)} in
  x86_64 | linux-x64) rid=linux-x64 ;;
  aarch64 | arm64 | linux-arm64) rid=linux-arm64 ;;
  *) echo "action/publish.sh: no Native AOT runtime id for '${RUNGATES_RID:-$(uname -m)}' (expected x86_64 or aarch64)" >&2; exit 2 ;;
esac
# PublishAot, and leaving the symbols (rungates.dbg, 25 MB) out of a RID's publish, come from the project itself
# (src/RunGates.Cli/RunGates.Cli.csproj), which packs the same build as the linux-x64 tool package.
dotnet publish "$root/src/RunGates.Cli/RunGates.Cli.csproj" -c Release -r "$rid" -o "$out" --nologo "$@"
