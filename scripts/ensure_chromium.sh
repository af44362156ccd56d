#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright; install it when missing and we can.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure_chromium: installing Debian chromium for the browser tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "ensure_chromium: /usr/bin/chromium missing and cannot apt-get install it; browser tests will skip outside CI" >&2
fi
