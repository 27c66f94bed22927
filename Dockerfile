# The image of the RunGates GitHub Action (action.yml: `runs.image: Dockerfile`). See action/README.md.
#
# It sits at the repository root because of how the runner builds it: `docker build -t <tag> -f <Dockerfile> <folder
# of the Dockerfile>`, with no --build-arg and no --target. The build context is the Dockerfile's own folder (an
# action/Dockerfile could not see src/), every ARG keeps its default, and the last stage is the image. So the
# defaults build the CLI from this checkout alone.
#
# Two ways to the same image:
#   default (the runner's)  the last stage: publishes the CLI from src/ in SDK_IMAGE, copies it onto BASE_IMAGE
#   --target prebuilt       copies a CLI already published by `action/publish.sh artifacts/action` from the
#                           context onto BASE_IMAGE; for machines that reach no image registry (the container
#                           tests, bench/action/run.sh) or a release job that publishes once. SDK_IMAGE is not
#                           pulled: only the stages the target needs are built.
# Both run the same action/publish.sh, hence the same binaries; the release builds --target prebuilt once per platform
# (linux/amd64, linux/arm64) and its action.yml names the pushed image by digest (action/pin-release.sh). Arguments:
#   SDK_IMAGE   the .NET SDK image that publishes the CLI (default: the public one)
#   BASE_IMAGE  the image the CLI runs in. The CLI is one Native AOT executable, so it needs only glibc, libgcc_s,
#               OpenSSL and CA certificates: the chiseled runtime-deps image carries those and little else (no
#               shell, no package manager). action/make-chiseled-base.sh makes its local stand-in for machines that
#               reach no registry; on it the image is about 22 MiB (172 MiB on the runtime-deps:10.0 stand-in).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled

FROM ${BASE_IMAGE} AS runtime
# Root, said explicitly: a chiseled image defaults to the non-root user `app` (uid 1654), but the runner mounts the
# workspace, owned by the runner's own user (uid 1001 on hosted runners), at /github/workspace and runs the container
# with no --user, so only root can write the bundle there (GitHub's "Dockerfile support for GitHub Actions": Docker
# actions run as root). No WORKDIR: the runner makes the workspace the working directory.
USER 0:0
# Exec form: no shell sits between the runner and the CLI (a chiseled image has none), so INPUT_FAIL-ON and the other
# dashed names the runner passes (not valid shell variable names) reach `rungates github` untouched.
ENTRYPOINT ["/app/rungates", "github"]

FROM runtime AS prebuilt
COPY artifacts/action/ /app/

FROM ${SDK_IMAGE} AS publish
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Native AOT links with the platform's C toolchain, which the SDK image does not carry.
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# global.json is left out on purpose: it pins the developers' SDK feature band, which the SDK image need not have.
COPY Directory.Build.props Directory.Packages.props ./
COPY action/publish.sh action/
COPY src/ src/
# No build servers: they would outlive the step for nothing.
RUN bash action/publish.sh /app --disable-build-servers

FROM runtime
COPY --from=publish /app/ /app/
