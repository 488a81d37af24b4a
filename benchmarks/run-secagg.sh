#!/usr/bin/env bash
# Runs the secure-aggregation benchmarks and writes JMH JSON and console output under results/.
# Usage (from the repository root):
#   mvn -B -o -q install -DskipTests -pl benchmarks -am && bash benchmarks/run-secagg.sh [ratio] [round] [grid]
# ratio: plain send path vs the secure session and its part after training, d = 10^6, s = 10 (single shots)
# round: a whole client round, MLP or fixed 100 ms training step included (ClientRoundBenchmark)
# grid:  SecureAggregationBenchmark over d, s and dropouts, client and coordinator
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p results
parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  parts=(ratio round grid)
fi
java -version 2>&1 | head -n 1 > results/secagg-java-version.txt
log() { echo "$1 load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a results/secagg-load.txt; }
echo "== $(date -u +%FT%TZ) run-secagg.sh ${parts[*]}" >> results/secagg-load.txt
for p in "${parts[@]}"; do
  case "$p" in
    ratio)
      log "ratio before"
      java -jar target/benchmarks.jar "SecureAggregationBenchmark.(plainClient|secureClient|secureSendAfterTraining)" \
        -p d=1000000 -p s=10 -p dropoutPercent=0 -bm ss -tu ms -wi 60 -i 40 -f 3 \
        -rf json -rff results/SecureAggregationClientRatio.json | tee results/SecureAggregationClientRatio.txt
      log "ratio after" ;;
    round)
      log "round before"
      java -jar target/benchmarks.jar ClientRoundBenchmark \
        -rf json -rff results/ClientRoundBenchmark.json | tee results/ClientRoundBenchmark.txt
      log "round after" ;;
    grid)
      log "grid before"
      java -jar target/benchmarks.jar dev.rampart.benchmarks.SecureAggregationBenchmark \
        -rf json -rff results/SecureAggregationBenchmark.json | tee results/SecureAggregationBenchmark.txt
      log "grid after" ;;
    *) echo "unknown part '$p' (ratio, round or grid)" >&2; exit 2 ;;
  esac
done
