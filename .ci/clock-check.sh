#!/usr/bin/env bash
# One clock: the DynamoDB-backed tests again with the machine's date a year ahead (faketime), so a test that meets the
# wall clock fails here, not on the day the calendar passes its fixed date. Expects `mvn verify` to have run first.
set -euo pipefail
cd "$(dirname "$0")/.."
SHIFT="${CLOCK_SHIFT:-+365d}"
if ! command -v faketime >/dev/null 2>&1; then
    echo "clock-check: installing faketime (Debian)"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get install -y -qq faketime >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq faketime; }
fi
echo "clock-check: $(FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$SHIFT" date -u +%F) (the machine's date $SHIFT)"
# the JVM's monotonic clock stays real; without FORCE_MONOTONIC_FIX=0 every timed wait returns at once and the JVM spins
FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 faketime -f "$SHIFT" mvn -B -ntp -q -pl functions -am test \
    -Dtest='*OnDynamoDbLocalTest,DynamoFaultsTest,ArchitectureTest' -Dsurefire.failIfNoSpecifiedTests=false
echo "clock-check: OK"
