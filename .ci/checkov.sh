#!/usr/bin/env bash
# Scans template.yaml with checkov (pinned): fails on any failed check, and on a skip that has no reason or that
# SECURITY.md does not list. Skips live in the template (Metadata: checkov: skip: - {id, comment}).
# checkov goes into its own venv (its pinned dependencies would clash with sam's), kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"
VENV="${CHECKOV_VENV:-$HOME/.cache/omnicanal/checkov-$CHECKOV_VERSION}"
REPORT_DIR="${CHECKOV_REPORT_DIR:-target/checkov}"

if [[ "$("$VENV/bin/checkov" --version 2>/dev/null)" != "$CHECKOV_VERSION" ]]; then
    echo "checkov: installing checkov==$CHECKOV_VERSION in $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
fi
mkdir -p "$REPORT_DIR"
# --skip-download: no call to the vendor's API (there is no network here, and nothing there is needed)
set +e
"$VENV/bin/checkov" -f template.yaml --framework cloudformation --skip-download -o json > "$REPORT_DIR/checkov.json"
rc=$?
set -e
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$REPORT_DIR/checkov.json" 2>/dev/null \
    || { echo "checkov: no report (exit $rc)" >&2; cat "$REPORT_DIR/checkov.json" >&2; exit 1; }

python3 - "$REPORT_DIR/checkov.json" SECURITY.md <<'EOF'
import json, re, sys
report = json.load(open(sys.argv[1]))
security = open(sys.argv[2]).read()
results, summary = report["results"], report["summary"]
problems = [f"failed: {c['check_id']} {c['check_name']} on {c['resource']} (template.yaml lines "
            f"{c['file_line_range'][0]}-{c['file_line_range'][1]})" for c in results["failed_checks"]]
for c in results["skipped_checks"]:
    reason = ((c.get("check_result") or {}).get("suppress_comment") or "").strip()
    if not reason or reason.lower() == "no comment provided":
        problems.append(f"skipped without a reason: {c['check_id']} on {c['resource']}")
listed = {re.sub(r"[^A-Z0-9_]", "", word) for word in security.split()}
unlisted = sorted({c["check_id"] for c in results["skipped_checks"]} - listed)
if unlisted:
    problems.append(f"skipped but not listed in SECURITY.md: {', '.join(unlisted)}")
if summary["parsing_errors"]:
    problems.append(f"{summary['parsing_errors']} parsing errors")
print(f"checkov {summary['checkov_version']}: {summary['passed']} checks passed, {summary['failed']} failed, "
      f"{summary['skipped']} skipped, on {summary['resource_count']} resources")
for p in problems:
    print("checkov: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
