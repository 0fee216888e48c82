#!/usr/bin/env bash
# Runs the benchmarks on demand and prints their figures (copy them into BENCHMARKS.md with this command).
# Usage: bench/run.sh [messages per round] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests install
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)"
java -XX:+UseSerialGC -cp "bench/target/omnicanal-bench.jar:bench/target/lib/*" com.omnicanal.bench.DispatcherThroughput "$@"
