#!/usr/bin/env bash
# The deployed topology without Docker: one Kafka broker JVM (Apache Kafka 4.4.0 `kafka.Kafka`
# from the project's own dependency set, KRaft, storage formatted first), one coordinator JVM and
# N client JVMs, each started with `rampart coordinator|client --config <yaml>`. Keys, registry,
# data, configs and one log per process go under the run directory; the broker's data lives in a
# temporary folder that is deleted on exit. Ctrl-C (or SIGTERM) stops every child and cleans up.
#
#   scripts/local-cluster.sh [--clients N] [--rounds R] [--seed S] [--run-dir DIR]
#                            [--port P] [--round-timeout 30s] [--aggregation SPEC]
#
# Exit code: 0 when the coordinator and every client completed the job, 1 otherwise.
# RAMPART_CLASSPATH overrides the classpath (default: the simulator jar and target/classpath.txt,
# built with Maven when missing); RAMPART_JAVA_OPTS is added to every rampart JVM (default
# -Xmx256m), RAMPART_BROKER_JAVA_OPTS to the broker's (default -Xmx384m).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients=4
rounds=10
seed=42
port=19092
round_timeout=30s
aggregation=average
run_dir=""

while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --run-dir) run_dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --round-timeout) round_timeout="$2"; shift 2 ;;
    --aggregation) aggregation="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "local-cluster: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

run_dir="${run_dir:-$root/runs/local-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$run_dir"/{keys,data,config,logs}
run_dir="$(cd "$run_dir" && pwd)"

if [ -z "${RAMPART_CLASSPATH:-}" ]; then
  "$root/rampart" --version >/dev/null   # builds the project when needed
  jar="$(ls "$root"/simulator/target/rampart-simulator-*.jar | grep -v -- '-sources' | head -n 1)"
  RAMPART_CLASSPATH="$jar:$(cat "$root/simulator/target/classpath.txt")"
fi
java_opts=(${RAMPART_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1})

broker_dir="$(mktemp -d "${TMPDIR:-/tmp}/rampart-broker-XXXXXX")"
children=()

# Stops the coordinator and the clients first (SIGTERM: the coordinator finishes its open round),
# then the broker they need for that, then deletes the broker's data.
stop_all() {
  local code=$?
  trap - EXIT INT TERM
  local n=${#children[@]}
  for ((k = n - 1; k >= 0; k--)); do
    kill "${children[$k]}" 2>/dev/null || true
    [ "${children[$k]}" = "${broker_pid:-}" ] || wait "${children[$k]}" 2>/dev/null || true
  done
  if [ -n "${broker_pid:-}" ]; then
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$broker_dir"
  exit "$code"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rampart() {
  java "${java_opts[@]}" -cp "$RAMPART_CLASSPATH" dev.rampart.cli.Main "$@"
}

# Starts `rampart "$@"` in the background with its output in $1; the JVM itself is the child
# (no wrapper shell), so $! is the process that a stop must signal.
rampart_bg() {
  local log="$1"
  shift
  java "${java_opts[@]}" -cp "$RAMPART_CLASSPATH" dev.rampart.cli.Main "$@" >"$log" 2>&1 &
}

# --- broker -------------------------------------------------------------------------------
controller_port=$((port + 1))
cat > "$broker_dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$broker_dir/log
metadata.log.dir=$broker_dir/metadata
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
log.cleaner.dedupe.buffer.size=8388608
PROPS
echo "local-cluster: formatting broker storage in $broker_dir"
java "${java_opts[@]}" -cp "$RAMPART_CLASSPATH" kafka.tools.StorageTool format \
  -t "$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
  -c "$broker_dir/server.properties" >"$run_dir/logs/broker-format.log" 2>&1
java ${RAMPART_BROKER_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC} -cp "$RAMPART_CLASSPATH" kafka.Kafka "$broker_dir/server.properties" \
  >"$run_dir/logs/broker.log" 2>&1 &
children+=($!)
broker_pid=$!
echo "local-cluster: broker pid $broker_pid on 127.0.0.1:$port (log: $run_dir/logs/broker.log)"

# --- enrollment, data and configuration -----------------------------------------------------
registry="$run_dir/registry.txt"
ids=()
for i in $(seq 0 $((clients - 1))); do ids+=("$(printf 'client-%02d' "$i")"); done
if [ ! -f "$run_dir/keys/coordinator.key" ]; then
  rampart keys generate --dir "$run_dir/keys" --id coordinator $(printf -- '--id %s ' "${ids[@]}") >/dev/null
  rampart registry add "${ids[@]}" --key-dir "$run_dir/keys" --registry "$registry" >/dev/null
fi
split_note="$(rampart data split --clients "$clients" --seed "$seed" --out "$run_dir/data")"
trainer_seed_base="$(echo "$split_note" | sed -n 's/.*data.seed=\(-\{0,1\}[0-9]*\)+i.*/\1/p')"
job="digits-local-$(basename "$run_dir")"
cat > "$run_dir/config/coordinator.yaml" <<YAML
job: $job
identity: ../keys/coordinator.key
registry: ../registry.txt
run-directory: ../coordinator
rounds: $rounds
round-timeout: $round_timeout
aggregation: "$aggregation"
evaluation:
  test-data: ../data/test.csv
kafka:
  bootstrap-servers: 127.0.0.1:$port
YAML
for i in $(seq 0 $((clients - 1))); do
  id="${ids[$i]}"
  cat > "$run_dir/config/$id.yaml" <<YAML
job: $job
identity: ../keys/$id.key
coordinator-key: ../keys/coordinator.pub
data:
  path: ../data/$id.csv
  seed: $((trainer_seed_base + i))
kafka:
  bootstrap-servers: 127.0.0.1:$port
YAML
done

# The broker has been starting meanwhile; wait until it listens.
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$broker_pid" 2>/dev/null || { echo "local-cluster: broker exited; see $run_dir/logs/broker.log:" >&2; tail -n 20 "$run_dir/logs/broker.log" >&2; exit 1; }
  sleep 0.5
done

# --- clients, then the coordinator -----------------------------------------------------------
# Clients start first and wait for the job's topics, so the first round's deadline is not spent
# on their JVM start-up.
client_pids=()
for i in $(seq 0 $((clients - 1))); do
  id="$(printf 'client-%02d' "$i")"
  rampart_bg "$run_dir/logs/$id.log" client --config "$run_dir/config/$id.yaml"
  client_pids+=($!)
  children+=($!)
done
echo "local-cluster: $clients clients started (logs: $run_dir/logs/client-NN.log)"
for i in $(seq 0 $((clients - 1))); do
  log="$run_dir/logs/$(printf 'client-%02d' "$i").log"
  for _ in $(seq 1 240); do
    grep -q "waiting for the job's topics" "$log" 2>/dev/null && break
    kill -0 "${client_pids[$i]}" 2>/dev/null || { echo "local-cluster: client $i exited; see $log" >&2; exit 1; }
    sleep 0.5
  done
done
rampart_bg "$run_dir/logs/coordinator.log" coordinator --config "$run_dir/config/coordinator.yaml"
coordinator_pid=$!
children+=($coordinator_pid)
echo "local-cluster: coordinator pid $coordinator_pid (log: $run_dir/logs/coordinator.log)"

status=0
wait "$coordinator_pid" || status=1
for pid in "${client_pids[@]}"; do
  wait "$pid" || status=1
done
tail -n 1 "$run_dir/logs/coordinator.log"
echo "local-cluster: run directory $run_dir (exit $status)"
exit "$status"
