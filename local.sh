#!/usr/bin/env bash
# Starts the local stack: DynamoDB Local in this JVM, demo data, and the gateway on 127.0.0.1:${PORT:-3000}.
# Builds first when the jars are missing or older than the sources. Pass --data-dir DIR to keep data across runs.
set -euo pipefail
cd "$(dirname "$0")"
jar=local/target/omnicanal-local.jar
if [ ! -f "$jar" ] || [ -n "$(find . -name target -prune -o -newer "$jar" \( -name '*.java' -o -name '*.json' -o -name 'pom.xml' -o -name 'template.yaml' -o -name 'openapi.yaml' \) -print -quit)" ]; then
  echo "Building (mvn -DskipTests install)..." >&2
  mvn -q -B -DskipTests install
  # Maven leaves an unchanged jar untouched: mark it fresh, or every later start would rebuild (about 30 s)
  touch "$jar"
fi
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$jar:local/target/lib/*" com.omnicanal.local.LocalStack "$@"
