#!/usr/bin/env bash
# Install the Debian packages watchdog-kg needs, only where they are missing.
#   java       HermiT (the OWL reasoner behind `kg validate`) runs on the JVM
#   chromium   (with `test`) the browser tests drive Debian's Chromium through playwright
# Usage: scripts/system-deps.sh [test]
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ "${1:-}" = "test" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing Debian packages: ${need[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
