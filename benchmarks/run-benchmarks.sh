#!/usr/bin/env bash
# Runs the aggregation benchmarks and writes JMH JSON results under results/.
# Usage (from the repository root, after building):
#   mvn -B -o -q -pl aggregation install && mvn -B -o -q -pl benchmarks package
#   bash benchmarks/run-benchmarks.sh [Mean|Median|Krum|Pipeline ...]
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p results
subjects=("$@")
if [ ${#subjects[@]} -eq 0 ]; then
  subjects=(Mean Median Krum Pipeline)
fi
for s in "${subjects[@]}"; do
  echo "== ${s}Benchmark, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -jar target/benchmarks.jar "dev.rampart.benchmarks.${s}Benchmark" \
    -rf json -rff "results/${s}Benchmark.json" | tee "results/${s}Benchmark.txt"
  echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
