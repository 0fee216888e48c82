#!/usr/bin/env bash
# Lints template.yaml and builds it with SAM (no Docker needed: CodeUri is the jar Maven built).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cfn-lint >/dev/null 2>&1 || pip install --quiet cfn-lint
command -v sam >/dev/null 2>&1 || pip install --quiet aws-sam-cli
test -f functions/target/omnicanal-functions-lambda.jar || { echo "build the jar first (mvn package)"; exit 1; }
cfn-lint template.yaml
export AWS_DEFAULT_REGION=eu-west-3 SAM_CLI_TELEMETRY=0
sam build --template-file template.yaml --build-dir /tmp/omnicanal-sam-build --region eu-west-3 >/tmp/omnicanal-sam-build.log 2>&1 \
  || { cat /tmp/omnicanal-sam-build.log; exit 1; }
sam validate --lint --template-file template.yaml --region eu-west-3
echo "template.yaml: cfn-lint clean, sam build ok ($(ls /tmp/omnicanal-sam-build | tr '\n' ' '))"
