# The image of the RunGates GitHub Action (action.yml: `runs.image: Dockerfile`). See action/README.md.
#
# It sits at the repository root because of how the runner builds it: `docker build -t <tag> -f <Dockerfile> <folder
# of the Dockerfile>`, with no --build-arg. The build context is the Dockerfile's own folder (action/Dockerfile could
# not see src/), and every ARG below keeps its default there. So the defaults must build from this checkout alone.
#
# Build arguments:
#   SDK_IMAGE   the .NET SDK image that publishes the CLI (default: the public one; used only when CLI=source)
#   BASE_IMAGE  the image the CLI runs in; it needs only glibc, OpenSSL and CA certificates, since the CLI is
#               self-contained (default: the public .NET runtime-deps image)
#   CLI         `source` (default: the runner's path) publishes the CLI from src/ in the SDK image;
#               `prebuilt` copies a CLI already published by `action/publish.sh artifacts/action` from the context,
#               for machines that reach no image registry (tests, bench/action/run.sh) or a release job that
#               publishes once
# Only the selected stage is built (BuildKit and podman/buildah skip stages the final one does not use), so the
# prebuilt path never pulls SDK_IMAGE. Both paths run the same action/publish.sh, hence the same binaries.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
ARG CLI=source

FROM ${SDK_IMAGE} AS cli-source
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src
# global.json is left out on purpose: it pins the developers' SDK feature band, which the SDK image need not have.
COPY Directory.Build.props Directory.Packages.props ./
COPY action/publish.sh action/
COPY src/ src/
RUN action/publish.sh /app

FROM scratch AS cli-prebuilt
COPY artifacts/action/ /app/

FROM cli-${CLI} AS cli

FROM ${BASE_IMAGE}
COPY --from=cli /app/ /app/
# No WORKDIR and no USER: the runner mounts the workspace at /github/workspace, makes it the working directory, and
# runs the container as root so the workspace is writable (GitHub's "Dockerfile support for GitHub Actions").
# Exec form: no shell sits between the runner and the CLI, so INPUT_FAIL-ON and the other dashed names the runner
# passes (not valid shell variable names) reach `rungates github` untouched.
ENTRYPOINT ["/app/rungates", "github"]
