#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser). Run before `npm test`: when it is
# missing and this is a Debian machine where we are root, install it; otherwise say how.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  echo "Installing Debian's Chromium for the browser tests…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium > /dev/null
else
  echo "The browser tests need Chromium at $CHROMIUM: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
fi
