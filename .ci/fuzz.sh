#!/usr/bin/env bash
# External fuzzing: schemathesis (pinned) against the local stack with openapi.yaml, as a customer and as staff.
# Fails on any 5xx or any response that does not conform to openapi.yaml. Expects local/target/omnicanal-local.jar
# (mvn verify builds it). FUZZ_EXAMPLES bounds the cases per operation and phase (a few minutes in all).
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
EXAMPLES="${FUZZ_EXAMPLES:-10}"
SEED="${FUZZ_SEED:-20261123}"
REPORT_DIR="${FUZZ_REPORT_DIR:-target/fuzz}"
export PATH="$HOME/.local/bin:$PATH"

if ! command -v schemathesis >/dev/null 2>&1 || [[ "$(schemathesis --version)" != *"$SCHEMATHESIS_VERSION"* ]]; then
    echo "fuzz: installing schemathesis==$SCHEMATHESIS_VERSION"
    python3 -m pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

JAR=local/target/omnicanal-local.jar
[[ -f "$JAR" ]] || { echo "fuzz: $JAR is missing: run mvn verify first" >&2; exit 1; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
mkdir -p "$REPORT_DIR"
PORT=$PORT java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$JAR:local/target/lib/*" com.omnicanal.local.LocalStack \
    > "$REPORT_DIR/stack.log" 2>&1 &
STACK_PID=$!
trap 'kill "$STACK_PID" 2>/dev/null || true; wait "$STACK_PID" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -sf "$BASE/_local/health" >/dev/null && break
    kill -0 "$STACK_PID" 2>/dev/null || { echo "fuzz: the local stack died" >&2; tail -50 "$REPORT_DIR/stack.log" >&2; exit 1; }
    sleep 1
done
curl -sf "$BASE/_local/health" >/dev/null || { echo "fuzz: the local stack did not become ready" >&2; exit 1; }

token() {
    curl -sf -X POST "$BASE/_local/tokens" -d "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
STORE=$(curl -sf "$BASE/stores" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
CUSTOMER=$(token '{"sub":"fuzz-customer","role":"customer"}')
STAFF=$(token "{\"sub\":\"fuzz-staff\",\"role\":\"staff\",\"storeId\":\"$STORE\"}")

# One schemathesis process per role, both at once, each with one worker: in one process, two workers' threads can race
# in CPython 3.11's ast.parse (hypothesis describing a filter's lambda), which ended a CI run with "SystemError: AST
# constructor recursion depth mismatch" (python/cpython#106905); two processes share nothing and take as long.
fuzz_as() {
    local who=$1 token=$2
    schemathesis run openapi.yaml --url "$BASE" -H "Authorization: Bearer $token" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection,unsupported_method \
        --max-examples "$EXAMPLES" --seed "$SEED" --workers 1 --no-color --suppress-health-check all \
        --report junit --report-junit-path "$REPORT_DIR/$who.xml" > "$REPORT_DIR/$who.txt" 2>&1
}
echo "fuzz: schemathesis as customer and as staff (store $STORE), at once, $EXAMPLES examples per operation, seed $SEED"
set +e
fuzz_as customer "$CUSTOMER" & CUSTOMER_RUN=$!
fuzz_as staff "$STAFF" & STAFF_RUN=$!
wait "$CUSTOMER_RUN"; customer_rc=$?
wait "$STAFF_RUN"; staff_rc=$?
set -e

total=0
status=0
for who in customer staff; do
    [[ $who == customer ]] && rc=$customer_rc || rc=$staff_rc
    echo "fuzz: as $who"
    tail -25 "$REPORT_DIR/$who.txt"
    # on failure, what failed and why (the summary above only counts them)
    ((rc == 0)) || sed -n '/^=* \(ERRORS\|FAILURES\) =*$/,/^=* \(WARNINGS\|SUMMARY\) =*$/p' "$REPORT_DIR/$who.txt" | head -200
    cases=$(grep -oE '[0-9]+ generated' "$REPORT_DIR/$who.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)
    echo "fuzz: $who: $cases cases, exit $rc"
    total=$((total + cases))
    ((rc == 0)) || status=1
done
echo "fuzz: $total cases in all"
if grep -q '"level":"ERROR"' "$REPORT_DIR/stack.log"; then
    echo "fuzz: the stack logged errors:" >&2; grep '"level":"ERROR"' "$REPORT_DIR/stack.log" | head -20 >&2; status=1
fi
exit $status
