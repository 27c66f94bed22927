#!/usr/bin/env bash
# The install step of setup/action.yml: `dotnet tool install rungates` into a folder of the runner's temp folder, one
# per version, and the executable's path as the step output `path`. Run by the runner with these variables:
#   RUNGATES_RELEASED_VERSION  the version released with the action's ref (written by action/pin-release.sh; empty on main)
#   RUNGATES_VERSION           the `version` input; overrides the released one when given
#   RUNGATES_PACKAGE_SOURCE    the `package-source` input: a feed or folder passed as --add-source when given
#   RUNGATES_TOOL_ROOT         where tools are installed (${{ runner.temp }}/rungates-tool)
# On linux-x64 `dotnet tool install` picks the Native AOT package (rungates.linux-x64), elsewhere the portable one.
set -euo pipefail
error() { echo "::error title=rungates setup::$*"; exit 2; }

version=${RUNGATES_VERSION:-${RUNGATES_RELEASED_VERSION:-}}
[ -n "$version" ] || error "No rungates version to install: this ref of rungates/rungates/setup names no release (main does not). Use a released ref such as rungates/rungates/setup@v1, or give the version input."
# Whole value only: the version reaches dotnet's command line and a folder name.
printf '%s\n' "$version" | grep -Eqx '[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?' && [ "$(printf '%s' "$version" | wc -l)" -eq 0 ] \
  || error "The version input is not a release version such as 1.2.3 or 1.2.3-rc.1."
root=${RUNGATES_TOOL_ROOT:?RUNGATES_TOOL_ROOT is not set}
tool_path=$root/$version

executable() { if [ -f "$tool_path/rungates.exe" ]; then echo "$tool_path/rungates.exe"; else echo "$tool_path/rungates"; fi; }
# A second use of the action in the same job finds the tool already installed.
if [ ! -x "$(executable)" ]; then
  arguments=(tool install rungates --tool-path "$tool_path" --version "$version")
  if [ -n "${RUNGATES_PACKAGE_SOURCE:-}" ]; then arguments+=(--add-source "$RUNGATES_PACKAGE_SOURCE"); fi
  dotnet "${arguments[@]}" || error "dotnet tool install rungates --version $version failed (see the lines above)."
fi
exe=$(executable)
"$exe" --version
echo "path=$exe" >> "$GITHUB_OUTPUT"
