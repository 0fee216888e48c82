#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver from Debian's packages for the web app's browser tests
# (WebAppBrowserTest). CI must run them: .ci/run then sets OMNICANAL_REQUIRE_BROWSER, so a missing browser fails.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "browser: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | head -1)"
    exit 0
fi
echo "browser: installing chromium and chromium-driver (Debian)"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
echo "browser: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | head -1)"
