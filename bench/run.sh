#!/usr/bin/env bash
# Runs every benchmark on demand and prints its figures (copy them into BENCHMARKS.md with this command).
# Usage: bench/run.sh [messages per round] [rounds] [runs]
#   dispatcher throughput: messages per round (2000), rounds (5); issue 9's benchmarks (cold start, warm overhead with
#   JMH, contention, local stack): runs per figure (7). Pass Maven options (e.g. -Dmaven.repo.local=...) in MAVEN_OPTS.
#   BEFORE_JAR=<an earlier omnicanal-functions-lambda.jar> measures it beside the current one (cold start, warm overhead).
#   The catalogue at 50,000 products (issue 16): CatalogBench, last.
set -euo pipefail
cd "$(dirname "$0")/.."
# package, never install: -am builds the modules the bench needs (functions, local) in this tree
mvn -q -B -ntp -pl bench -am package -DskipTests
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: bench/run.sh $*"
java -XX:+UseSerialGC -cp "bench/target/omnicanal-bench.jar:bench/target/lib/*" com.omnicanal.bench.DispatcherThroughput "${1:-2000}" "${2:-5}"
java -XX:+UseSerialGC ${BEFORE_JAR:+-Dbench.beforeJar="$BEFORE_JAR"} -cp "bench/target/omnicanal-bench.jar:bench/target/lib/*" com.omnicanal.bench.Bench all "${3:-7}"
java -XX:+UseSerialGC -cp "bench/target/omnicanal-bench.jar:bench/target/lib/*" com.omnicanal.bench.CatalogBench 50000 300
echo
echo "Lambda jars:"
ls -l functions/target/omnicanal-functions-lambda.jar functions/target/omnicanal-messaging-lambda.jar | awk '{printf "  %s %.1f MB (%d bytes)\n", $9, $5/1e6, $5}'
