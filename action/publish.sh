#!/usr/bin/env bash
# Publishes the rungates CLI the way the action's image ships it: self-contained for linux-x64 (the image needs no
# .NET runtime, only runtime-deps) and ReadyToRun (precompiled, so a job does not pay for JIT at start-up: about
# 0.3 s less on a small runbook). Not trimmed: Octokit reads GitHub's answers by reflection and is not trim-safe.
# One place for these options: the Dockerfile's source stage, the container test and bench/action/run.sh call it.
# Usage: action/publish.sh OUTPUT_DIR [extra dotnet publish arguments...]
set -euo pipefail
out=${1:?usage: action/publish.sh OUTPUT_DIR [dotnet publish arguments...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet publish "$root/src/RunGates.Cli/RunGates.Cli.csproj" -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -o "$out" --nologo "$@"
