#!/usr/bin/env bash
# Create the data root layout and prove it is writable.
# Usage: scripts/init_external.sh [DATA_ROOT]   (default: $EXTERNAL_DATA_ROOT, else ./data)
set -euo pipefail
root="${1:-${EXTERNAL_DATA_ROOT:-./data}}"

if [[ ! -e "$root" ]]; then
  parent=$(dirname -- "$root")
  if [[ ! -d "$parent" ]]; then
    echo "init_external: data root parent '$parent' does not exist (is the external drive mounted?)" >&2
    exit 1
  fi
  mkdir -p -- "$root" 2>/dev/null || { echo "init_external: cannot create data root '$root' (read-only or no permission)" >&2; exit 1; }
fi
if [[ ! -d "$root" ]]; then
  echo "init_external: data root '$root' is not a directory" >&2
  exit 1
fi
if [[ ! -w "$root" ]]; then
  echo "init_external: data root '$root' is read-only; mount it writable or choose another EXTERNAL_DATA_ROOT" >&2
  exit 1
fi
for sub in bronze silver gold cache warehouse ollama logs; do
  mkdir -p -- "$root/$sub" 2>/dev/null || { echo "init_external: cannot create '$root/$sub' (read-only?)" >&2; exit 1; }
done
probe="$root/cache/.write-test.$$"
if ! touch -- "$probe" 2>/dev/null; then
  echo "init_external: cannot write in '$root/cache' (read-only?)" >&2
  exit 1
fi
rm -f -- "$probe"
echo "init_external: data root ready at $(cd "$root" && pwd)"
