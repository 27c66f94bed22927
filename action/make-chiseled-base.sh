#!/usr/bin/env bash
# Makes the local stand-in for mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled, the image the action's CLI
# runs on, where no image registry is reachable: no shell, no package manager, only the shared libraries a Native AOT
# executable loads (glibc, libgcc_s, OpenSSL 3), the CA certificates, an /etc/passwd naming root and `app` (uid 1654)
# and /tmp. Like the chiseled image it defaults to the non-root user `app`, so the Dockerfile's `USER 0:0` is tested.
# The files are sliced from this machine's Debian packages (libc6, libgcc-s1, libssl3, ca-certificates), as chisel
# slices Ubuntu's: the CLI published here links against the same glibc. Skips everything when the image exists.
# Usage: action/make-chiseled-base.sh [image-name]   (needs root, dpkg and podman; see action/README.md)
set -euo pipefail
image=${1:-localhost/runtime-deps-chiseled-standin:1}
podman() { command podman --runtime runc "$@"; }

if podman image exists "$image"; then
  echo "$image already exists"
  exit 0
fi

for package in libc6 libgcc-s1 libssl3 ca-certificates; do
  dpkg -s "$package" >/dev/null 2>&1 || { echo "make-chiseled-base.sh: the Debian package $package is not installed" >&2; exit 1; }
done

root=$(mktemp -d /tmp/rungates-chiseled-base.XXXXXX)
trap 'rm -rf "$root" "$root.log"' EXIT
# usrmerge: /lib and /lib64 are links into /usr here, as in the chiseled image; made first, so copies go through them.
for merged in lib lib64; do
  if [ -L "/$merged" ]; then mkdir -p "$root/usr/$merged"; cp -a "/$merged" "$root/$merged"; fi
done
# Shared objects only (no gconv modules, documentation, locales or binaries), with the symbolic links that name them
# (ld-linux's /lib64 link, libssl.so.3 and so on), copied as links so the tree keeps the package's layout.
dpkg -L libc6 libgcc-s1 libssl3 | grep -E '\.so(\.[0-9]+)*$' | grep -v '/gconv/' | while read -r file; do
  [ -e "$file" ] || continue
  mkdir -p "$root$(dirname "$file")"
  cp -a "$file" "$root$file"
  # A link's target is copied too (bookworm's /lib is itself a link to usr/lib).
  if [ -L "$file" ]; then
    target=$(readlink -f "$file")
    mkdir -p "$root$(dirname "$target")" && cp -a "$target" "$root$target"
  fi
done
mkdir -p "$root/etc/ssl/certs" "$root/usr/lib/ssl" "$root/tmp" "$root/home/app" "$root/root"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
ln -s /etc/ssl/certs "$root/usr/lib/ssl/certs"
ln -s /etc/ssl/certs/ca-certificates.crt "$root/usr/lib/ssl/cert.pem"
printf 'root:x:0:0:root:/root:/noshell\napp:x:1654:1654::/home/app:/noshell\n' > "$root/etc/passwd"
printf 'root:x:0:\napp:x:1654:\n' > "$root/etc/group"
chmod 1777 "$root/tmp"
chown 1654:1654 "$root/home/app"
tar -C "$root" -c . | podman import --change 'USER 1654:1654' --change 'ENV APP_UID=1654' - "$image" >"$root.log" 2>&1 \
  || { cat "$root.log" >&2; exit 1; }
echo "$image imported"
