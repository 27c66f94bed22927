#!/usr/bin/env bash
# Builds the action's image and measures what a user waits for, side by side for the two ways a job gets the image:
#   prebuilt  the release's path (action.yml names the pushed image by digest): image size, `podman load` of the
#             saved image into an empty image store (the stand-in for the runner's pull; no registry is reachable
#             here), then the step from `podman run` to the commit status arriving at a stub GitHub API on 127.0.0.1
#             (bench/action/github-stub.py), run from that store. Their sum is the time to status; goal < 5 s.
#   source    main's path (action.yml names the Dockerfile): `podman build` of the Dockerfile's default stages, which
#             publish the CLI inside an SDK image (a stand-in made from this machine's dotnet and NuGet cache, restore
#             offline), then the same step. Skipped with --no-source.
# Also `rungates --version` and `rungates run` of examples/helios in the container, and the same run on the host.
# Usage: bench/action/run.sh [repeats] [--no-source]
# Needs root, podman, runc, debootstrap (as .ci/run installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
repeats=7 source_build=yes
for arg in "$@"; do case $arg in --no-source) source_build=no ;; --source) ;; *) repeats=$arg ;; esac; done
work=${BENCH_WORK:-/tmp/rungates-bench-action}
base=localhost/runtime-deps-chiseled-standin:1   # the chiseled runtime-deps stand-in the image runs on
sdk_base=localhost/bookworm-base:1               # a full Debian, under the stand-in SDK image only
tag=localhost/rungates-action:bench
if [ -z "${CONTAINERS_CONF:-}" ]; then
  printf '[containers]\ndefault_ulimits = []\n' > /tmp/rungates-containers.conf
  export CONTAINERS_CONF=/tmp/rungates-containers.conf
fi
podman() { command podman --runtime runc "$@"; }
# An image store of its own, emptied before each load: what a fresh hosted runner has before it pulls.
cold() { command podman --runtime runc --root "$work/cold/root" --runroot "$work/cold/run" "$@"; }
now() { date +%s.%N; }
since() { printf "%.3f" "$(echo "$(now) - $1" | bc)"; }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mib() { echo "scale=1; $1 / 1048576" | bc; }

rm -rf "$work" && mkdir -p "$work/context/artifacts/action"
s=$(now); "$root/action/make-chiseled-base.sh" "$base" >/dev/null; base_time=$(since "$s")

s=$(now); "$root/action/publish.sh" "$work/context/artifacts/action" -v quiet >/dev/null; publish_time=$(since "$s")
cp "$root/Dockerfile" "$root/.dockerignore" "$work/context/"
build=(build --no-cache --target prebuilt -t "$tag" -f "$work/context/Dockerfile" --build-arg "BASE_IMAGE=$base" "$work/context")
s=$(now); podman "${build[@]}" >"$work/build.log" 2>&1; build_time=$(since "$s")

image_size=$(podman image inspect --format '{{.Size}}' "$tag")
base_size=$(podman image inspect --format '{{.Size}}' "$base")
cli_size=$(du -sb "$work/context/artifacts/action" | cut -f1)

# The runner's layout: workspace at /github/workspace (working directory), file commands, event and HOME mounted.
mkdir -p "$work/temp/_runner_file_commands" "$work/temp/_github_workflow" "$work/temp/_github_home"
runner_run=(run --rm --network host --workdir /github/workspace
  -v "$work/workspace:/github/workspace" -v "$work/temp/_github_home:/github/home"
  -v "$work/temp/_github_workflow:/github/workflow" -v "$work/temp/_runner_file_commands:/github/file_commands"
  -e INPUT_SPEC=rungates.yml -e INPUT_COMMAND=run -e INPUT_FAIL-ON=partial -e GITHUB_ACTIONS=true -e CI=true
  -e GITHUB_WORKSPACE=/github/workspace -e GITHUB_OUTPUT=/github/file_commands/set_output
  -e GITHUB_STEP_SUMMARY=/github/file_commands/step_summary -e HOME=/github/home
  --entrypoint /app/rungates)
time_one() { local s; s=$(now); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; since "$s"; }

# `rungates github` as the runner starts it: the image's entry point, inputs and GITHUB_* of a pull request event,
# posting to the stub on 127.0.0.1 (--network host); timed from `podman run` to the status request arriving.
port=18931
python3 "$here/github-stub.py" "$port" >"$work/stub.log" 2>&1 &
stub=$!
trap 'kill $stub 2>/dev/null || true' EXIT
printf '{"pull_request":{"number":7,"head":{"sha":"%s","repo":{"full_name":"acme/helios"}},"base":{"repo":{"full_name":"acme/helios"}}}}' \
  0123456789abcdef0123456789abcdef01234567 > "$work/temp/_github_workflow/event.json"
action_run=(run --rm --network host --workdir /github/workspace
  -v "$work/workspace:/github/workspace" -v "$work/temp/_github_home:/github/home"
  -v "$work/temp/_github_workflow:/github/workflow" -v "$work/temp/_runner_file_commands:/github/file_commands"
  -e INPUT_SPEC=rungates.yml -e INPUT_COMMAND=run -e INPUT_FAIL-ON=partial -e INPUT_TOKEN=bench-token
  -e GITHUB_ACTIONS=true -e CI=true -e GITHUB_WORKSPACE=/github/workspace -e GITHUB_REPOSITORY=acme/helios
  -e GITHUB_EVENT_NAME=pull_request -e GITHUB_EVENT_PATH=/github/workflow/event.json -e GITHUB_RUN_ID=1
  -e "GITHUB_API_URL=http://127.0.0.1:$port" -e "GITHUB_SERVER_URL=http://127.0.0.1:$port"
  -e GITHUB_OUTPUT=/github/file_commands/set_output -e GITHUB_STEP_SUMMARY=/github/file_commands/step_summary
  -e HOME=/github/home)
sleep 0.5
status_posted() {   # PODMAN IMAGE: seconds from `podman run` to the stub's log line for POST .../statuses/...
  local s; s=$(now)
  "$1" "${action_run[@]}" "$2" >/dev/null 2>&1 || { echo "rungates github failed in the container" >&2; exit 1; }
  local at; at=$(grep -a ' POST /repos/acme/helios/statuses/' "$work/stub.log" | tail -1 | cut -d' ' -f1)
  [ -n "$at" ] && [ "$(echo "$at > $s" | bc)" = 1 ] || { echo "no status was posted" >&2; exit 1; }
  printf "%.3f" "$(echo "$at - $s" | bc)"
}
cold_load() {   # seconds to load the saved image into an emptied store
  rm -rf "$work/cold" && mkdir -p "$work/cold"
  local s; s=$(now)
  cold load -q -i "$work/image.tar" >/dev/null 2>&1 || { echo "podman load failed" >&2; exit 1; }
  since "$s"
}
podman save -q -o "$work/image.tar" "$tag"
archive_size=$(stat -c %s "$work/image.tar")
gzip -1 -c "$work/image.tar" > "$work/image.tar.gz"
compressed_size=$(stat -c %s "$work/image.tar.gz")

version=() run=() host_run=() loaded=() posted=() total=()
for _ in $(seq "$repeats"); do   # interleaved, so drift on the machine hits all alike
  rm -rf "$work/workspace" && cp -r "$root/examples/helios" "$work/workspace"
  version+=("$(time_one podman "${runner_run[@]}" "$tag" --version)")
  run+=("$(time_one podman "${runner_run[@]}" "$tag" run --spec rungates.yml)")
  rm -rf "$work/workspace/out"
  host_run+=("$(cd "$work/workspace" && time_one "$work/context/artifacts/action/rungates" run --spec rungates.yml)")
  rm -rf "$work/workspace/out"
  load=$(cold_load)
  step=$(status_posted cold "$tag")
  loaded+=("$load") posted+=("$step") total+=("$(printf '%.3f' "$(echo "$load + $step" | bc)")")
done
grep -q 'Verdict: CERTIFIED (pass)' <(podman "${runner_run[@]}" "$tag" run --spec rungates.yml 2>/dev/null) \
  || { echo "helios did not pass in the container" >&2; exit 1; }
cold system reset -f >/dev/null 2>&1 || true

echo "command: podman --runtime runc ${runner_run[*]} IMAGE ..."
echo "base image ($base): $(mib "$base_size") MiB, made or found in ${base_time}s"
echo "publish (action/publish.sh): ${publish_time}s, CLI $(mib "$cli_size") MiB"
echo "podman build --target prebuilt: ${build_time}s"
echo "image size: $(mib "$image_size") MiB (base + CLI); saved archive $(mib "$archive_size") MiB, gzip -1 $(mib "$compressed_size") MiB"
echo "podman run, rungates --version: median $(printf '%s
' "${version[@]}" | median)s  runs: ${version[*]}"
echo "podman run, rungates run helios: median $(printf '%s
' "${run[@]}" | median)s  runs: ${run[*]}"
echo "same run on the host, no container: median $(printf '%s
' "${host_run[@]}" | median)s  runs: ${host_run[*]}"
echo "prebuilt: podman load into an empty store (stand-in for the pull): median $(printf '%s
' "${loaded[@]}" | median)s  runs: ${loaded[*]}"
echo "prebuilt: step start (podman run, rungates github on pull_request) to status posted: median $(printf '%s
' "${posted[@]}" | median)s  runs: ${posted[*]}"
echo "prebuilt: load + step start to status: median $(printf '%s
' "${total[@]}" | median)s  runs: ${total[*]}"

if [ "$source_build" = yes ]; then
  # A stand-in for mcr.microsoft.com/dotnet/sdk:10.0: a full Debian plus this machine's dotnet and the NuGet
  # packages the CLI restores (offline: no package source), so the Dockerfile's default stages run unchanged.
  sdk=localhost/dotnet-sdk-standin:10
  if ! podman image exists "$sdk"; then
    "$root/action/make-base-image.sh" "$sdk_base" >/dev/null
    mkdir -p "$work/nuget/NuGet"
    printf '<configuration><packageSources><clear /></packageSources></configuration>\n' > "$work/nuget/NuGet/NuGet.Config"
    assets=$root/src/RunGates.Cli/obj/project.assets.json
    for package in $(jq -r '(.libraries | to_entries[] | select(.value.type == "package") | .key),
        (.project.frameworks[].downloadDependencies[]? | "\(.name)/\(.version | gsub("[\\[\\] ]"; "") | split(",")[0])")' "$assets" \
        | tr 'A-Z' 'a-z'); do
      mkdir -p "$work/nuget/packages/$(dirname "$package")"
      cp -r "$HOME/.nuget/packages/$package" "$work/nuget/packages/$package"
    done
    ctr=$(podman create "$sdk_base" true)
    podman cp /usr/share/dotnet "$ctr:/usr/share/dotnet"
    podman cp "$work/nuget" "$ctr:/root/.nuget"
    podman commit -q --change 'ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV DOTNET_ROOT=/usr/share/dotnet' "$ctr" "$sdk" >/dev/null
    podman rm "$ctr" >/dev/null
  fi
  source_built=() source_posted=() source_total=()
  for _ in $(seq "$(( repeats < 3 ? repeats : 3 ))"); do   # each build takes minutes: at most three
    s=$(now)
    podman build --no-cache -t "$tag-source" -f "$root/Dockerfile" --build-arg "SDK_IMAGE=$sdk" --build-arg "BASE_IMAGE=$base" "$root" \
      >"$work/build-source.log" 2>&1 || { tail -n 30 "$work/build-source.log" >&2; exit 1; }
    built=$(since "$s")
    rm -rf "$work/workspace" && cp -r "$root/examples/helios" "$work/workspace"
    step=$(status_posted podman "$tag-source")
    source_built+=("$built") source_posted+=("$step") source_total+=("$(printf '%.3f' "$(echo "$built + $step" | bc)")")
    podman rmi "$tag-source" $(sed -n 's/^--> \([0-9a-f]\{11,\}\)$/\1/p' "$work/build-source.log") >/dev/null 2>&1 || true
  done
  echo "source: podman build, default stages (stand-in SDK, restore offline): median $(printf '%s\n' "${source_built[@]}" | median)s  runs: ${source_built[*]}"
  echo "  (command: podman --runtime runc build --no-cache -t $tag-source -f Dockerfile --build-arg SDK_IMAGE=$sdk --build-arg BASE_IMAGE=$base .)"
  echo "source: step start to status posted: median $(printf '%s\n' "${source_posted[@]}" | median)s  runs: ${source_posted[*]}"
  echo "source: build + step start to status: median $(printf '%s\n' "${source_total[@]}" | median)s  runs: ${source_total[*]}"
fi
podman rmi "$tag" $(sed -n 's/^--> \([0-9a-f]\{11,\}\)$/\1/p' "$work/build.log") >/dev/null 2>&1 || true
