#!/usr/bin/env bash
# Turns the checkout's two actions into the release's: action.yml runs the image the release pushed, named by digest
# (`image: docker://IMAGE@sha256:...`, so the runner pulls that exact image and never builds), and setup/action.yml
# installs the tool version released with it. On main both keep building and installing from source and inputs; the
# release workflow runs this on a commit of its own, which the floating major tag (v1) then names.
# Usage: action/pin-release.sh --image REGISTRY/OWNER/NAME --digest sha256:HEX --version X.Y.Z [--root DIR]
# Refuses (exit 2, nothing written) a malformed image name, digest or version, or files not shaped as on main.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
image='' digest='' version=''
fail() { echo "action/pin-release.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --image | --digest | --version | --root)
      [ $# -ge 2 ] || fail "$1 needs a value."
      case $1 in --image) image=$2 ;; --digest) digest=$2 ;; --version) version=$2 ;; --root) root=$2 ;; esac
      shift 2 ;;
    *) fail "unknown argument '$1'; expected --image, --digest, --version or --root." ;;
  esac
done

# Whole-value matches only (grep -x on one line): a newline or a tag hidden in a value must not reach the YAML.
matches() { [ "$(printf '%s' "$1" | wc -l)" -eq 0 ] && printf '%s\n' "$1" | grep -Eqx "$2"; }
matches "$image" '[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+' \
  || fail "the image name '$image' is not a lower-case repository such as ghcr.io/owner/rungates (no tag, no digest)."
matches "$digest" 'sha256:[0-9a-f]{64}' \
  || fail "the digest '$digest' is not sha256: followed by 64 lower-case hexadecimal digits."
matches "$version" '[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?' \
  || fail "the version '$version' is not a release version such as 1.2.3 or 1.2.3-rc.1."

action=$root/action.yml
setup=$root/setup/action.yml
[ -f "$action" ] || fail "$action not found."
[ -f "$setup" ] || fail "$setup not found."

# Each rewrite replaces exactly one line known from main; anything else (already pinned, edited) is refused.
rewrite() {   # FILE LINE-ON-MAIN NEW-LINE OUT
  local count
  count=$(grep -cFx -- "$2" "$1" || true)
  [ "$count" = 1 ] || fail "$1 has $count lines '$2' (expected exactly one, as on main)."
  awk -v old="$2" -v new="$3" '$0 == old { print new; next } { print }' "$1" > "$4"
}
action_new=$(mktemp "$action.XXXXXX")
setup_new=$(mktemp "$setup.XXXXXX")
trap 'rm -f "$action_new" "$setup_new"' EXIT
rewrite "$action" '  image: Dockerfile' "  image: docker://$image@$digest" "$action_new"
rewrite "$setup" "        RUNGATES_RELEASED_VERSION: ''" "        RUNGATES_RELEASED_VERSION: '$version'" "$setup_new"
chmod --reference="$action" "$action_new"
chmod --reference="$setup" "$setup_new"
mv "$action_new" "$action"
mv "$setup_new" "$setup"
echo "action.yml: image docker://$image@$digest"
echo "setup/action.yml: rungates $version"
