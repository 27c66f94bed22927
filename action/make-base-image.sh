#!/usr/bin/env bash
# Makes a minimal Debian bookworm (ca-certificates, libssl3, libicu72, apt) imported into podman as
# localhost/bookworm-base:1, where no image registry is reachable. It is the base of bench/action/run.sh's stand-in
# SDK image, which needs a full distribution; the action's image itself runs on the chiseled stand-in
# (make-chiseled-base.sh). Skips everything when that image already exists.
# Usage: action/make-base-image.sh [image-name]   (needs root, debootstrap and podman; see action/README.md)
set -euo pipefail
image=${1:-localhost/bookworm-base:1}

if podman image exists "$image"; then
  echo "$image already exists"
  exit 0
fi

# The Debian mirror apt already uses here (deb822 `URIs:` or one-line `deb URL suite ...`), else the public one.
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*debian\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 || true)
if [ -z "$mirror" ]; then
  mirror=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*debian\)[[:space:]]\+bookworm[[:space:]].*/\2/p' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n 1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

root=$(mktemp -d /tmp/rungates-bookworm-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=ca-certificates,libssl3,libicu72 bookworm "$root" "$mirror" >"$root.log" 2>&1 \
  || { tail -n 20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
# apt's package lists and caches are not needed at run time and are most of the size debootstrap leaves.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | podman import - "$image" >/dev/null
echo "$image imported"
