#!/usr/bin/env bash
# The soak run of docs/reliability.md: a deployed job of N client JVMs and a coordinator JVM on a
# three-node Kafka cluster (three broker JVMs, replication factor 3, min.insync.replicas 2) for R
# rounds, while a random client is SIGKILLed and restarted every K rounds and a random broker node
# is SIGKILLed and restarted every B rounds; then `rampart audit check` reconciles the audit log
# with the topics. Prints the counts and the machine load; exits 0 only when every process ended
# cleanly and the checker found nothing (no update lost, none counted twice, no round committed
# twice).
#
#   scripts/soak.sh [--clients 20] [--rounds 300] [--kill-every 5] [--bounce-every 50]
#                   [--round-timeout 4s] [--seed 1] [--out DIR]
#
# Builds the cli module's test classes offline first (mvn -o -pl cli -am test-compile, nothing
# installed). The run folder (job files, process logs, the run directory) is DIR (default: a
# temporary folder, deleted at the end unless the run failed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    --clients|--rounds|--kill-every|--bounce-every|--round-timeout|--seed) args+=("$1" "$2"); shift 2 ;;
    *) echo "soak: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
keep=1
if [ -z "$out" ]; then out="$(mktemp -d)"; keep=0; fi
cp_file="$out/classpath.txt"
echo "soak: building the cli module's test classes (offline)"
(cd "$root" && mvn -B -q -o -pl cli -am test-compile dependency:build-classpath -Dcheckstyle.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$root/cli/target/test-classes:$root/cli/target/classes:$(cat "$cp_file")"
set +e
java -Xmx512m --add-modules jdk.incubator.vector -cp "$cp" dev.rampart.cli.deploy.SoakMain "${args[@]}" --out "$out"
code=$?
set -e
if [ "$code" -eq 0 ] && [ "$keep" -eq 0 ]; then rm -rf "$out"; elif [ "$code" -ne 0 ]; then echo "soak: run folder kept: $out"; fi
exit "$code"
