#!/bin/sh
# Stand-in for `npm run ci:verify-signers`, POSIX sh only: every signer the governance policy names must be in
# the signer inventory. Runs from the folder holding rungates.yml.
set -eu
missing=0
for signer in $(grep -o '0x[0-9a-fA-F]\{40\}' config/governance-policy.json); do
  if ! grep -q "\"$signer\"" config/signers.json; then
    echo "signer $signer is in the governance policy but not in the inventory"
    missing=1
  fi
done
[ "$missing" -eq 0 ] && echo "signer inventory matches the governance policy"
exit "$missing"
