#!/usr/bin/env bash
# The end-to-end round benchmark: one broker JVM (testkit's embedded KRaft broker), then for each
# model dimension d and repetition a coordinator JVM and 10 client JVMs running R rounds of a job
# whose trainer does no training, followed on the same broker by the plain-Kafka floor moving the
# same bytes with the same fan-out (FloorMain). round_report.py then writes the table, JSON and CSV.
#
#   benchmarks/run-round.sh [--dims 100000,1000000,10000000] [--rounds R] [--reps 3] [--warmup W]
#                           [--cooldown C] [--clients 10] [--client-jvms per-client|single] [--out DIR]
#                           [--coordinator-heap SIZE]
#
# Defaults: --rounds 6, --warmup 2 and --cooldown 1 (rounds dropped at the start and at the end of
# every repetition, Rampart and floor alike: JIT warm-up, and client JVMs exiting during the final
# round; the warm-up shrinks when fewer rounds leave none to measure, e.g. to 1 of --rounds 3),
# --client-jvms per-client (one JVM per client; "single" runs them all in one JVM),
# --out benchmarks/results/round, --coordinator-heap the coordinator's -Xmx for every d (default
# 512m below d = 5*10^5, 1g below 5*10^6, else 4g). Builds the benchmarks module when its classes are missing
# or older than its sources (mvn -B -q -o -pl benchmarks -am package -DskipTests
# -Dcheckstyle.skip=true; nothing is installed).
# RAMPART_ROUND_BUILD=always forces that build. Every JVM started here is stopped on exit (also on
# Ctrl-C), and the temporary folder (logs, readiness files) is removed; the broker deletes its data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dims=100000,1000000,10000000
rounds=6
reps=3
warmup=2
cooldown=1
clients=10
client_jvms=per-client
out="$root/benchmarks/results/round"
coordinator_heap=""

while [ $# -gt 0 ]; do
  case "$1" in
    --dims) dims="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --cooldown) cooldown="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --client-jvms) client_jvms="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --coordinator-heap) coordinator_heap="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run-round: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$client_jvms" in per-client|single) ;; *) echo "run-round: --client-jvms must be per-client or single" >&2; exit 2 ;; esac
if [ $((cooldown + 1)) -ge "$rounds" ]; then
  echo "run-round: --cooldown $cooldown leaves no measured round after a warm-up round of --rounds $rounds" >&2; exit 2
fi
if [ $((warmup + cooldown)) -ge "$rounds" ]; then
  warmup=$((rounds - cooldown - 1))
  echo "run-round: warm-up reduced to $warmup round(s) so that --rounds $rounds leaves one to measure"
fi

classes="$root/benchmarks/target/classes"
if [ "${RAMPART_ROUND_BUILD:-}" = always ] || [ ! -f "$root/benchmarks/target/classpath.txt" ] \
    || [ ! -f "$classes/.round-built" ] \
    || [ -n "$(find "$root/benchmarks/src" "$root/benchmarks/pom.xml" -type f -newer "$classes/.round-built" -print -quit)" ]; then
  echo "run-round: building the benchmarks module (offline, no install)"
  (cd "$root" && mvn -B -q -o -pl benchmarks -am package -DskipTests -Dcheckstyle.skip=true)
  touch "$classes/.round-built"
fi
cp="$classes:$(cat "$root/benchmarks/target/classpath.txt")"

work="$(mktemp -d "${TMPDIR:-/tmp}/rampart-round-XXXXXX")"
pids=()

# Stops every JVM still running (newest first, SIGTERM, then SIGKILL after 10 s), then removes the
# temporary folder. The broker's shutdown hook deletes its storage.
stop_all() {
  local code=$?
  trap - EXIT INT TERM
  local n=${#pids[@]}
  for ((k = n - 1; k >= 0; k--)); do
    kill "${pids[$k]}" 2>/dev/null || true
  done
  for ((k = n - 1; k >= 0; k--)); do
    for _ in $(seq 1 100); do kill -0 "${pids[$k]}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${pids[$k]}" 2>/dev/null || true
    wait "${pids[$k]}" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$code"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Removes finished JVMs from the list of JVMs to stop.
forget() {
  local keep=()
  for p in "${pids[@]}"; do
    kill -0 "$p" 2>/dev/null && keep+=("$p")
  done
  pids=("${keep[@]+"${keep[@]}"}")
}

fail() {
  echo "run-round: $1" >&2
  for log in "$work"/logs/*.log; do
    [ -f "$log" ] && { echo "--- $(basename "$log") (last 15 lines)" >&2; tail -n 15 "$log" >&2; }
  done
  exit 1
}

run_java() {  # run_java LOG HEAP MAIN ARGS... (in the background; $! is the JVM)
  local log="$1" heap="$2" main="$3"
  shift 3
  java "-Xmx$heap" -cp "$cp" "dev.rampart.benchmarks.round.$main" "$@" >"$log" 2>&1 &
  pids+=($!)
}

heap_for() {  # heap_for D ROLE: the -Xmx of each JVM (coordinator 4g at d >= 5e6 unless --coordinator-heap)
  local d="$1" role="$2"
  case "$role" in
    coordinator) if [ -n "$coordinator_heap" ]; then echo "$coordinator_heap";
      elif [ "$d" -ge 5000000 ]; then echo 4g; elif [ "$d" -ge 500000 ]; then echo 1g; else echo 512m; fi ;;
    client) if [ "$d" -ge 5000000 ]; then echo 768m; elif [ "$d" -ge 500000 ]; then echo 256m; else echo 192m; fi ;;
    floor) if [ "$d" -ge 5000000 ]; then echo 1g; else echo 512m; fi ;;
  esac
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

# await_all WHAT PID...: waits until every JVM has exited; the first that exits with an error
# fails the run at once (a round would otherwise wait its whole timeout for a dead client).
await_all() {
  local what="$1"
  shift
  local left=("$@")
  while [ ${#left[@]} -gt 0 ]; do
    local still=()
    for p in "${left[@]}"; do
      if kill -0 "$p" 2>/dev/null; then still+=("$p"); else wait "$p" || fail "a JVM of $what exited with an error"; fi
    done
    left=("${still[@]+"${still[@]}"}")
    [ ${#left[@]} -gt 0 ] && sleep 0.5
  done
  return 0
}

mkdir -p "$work/logs" "$out"
raw="$out/raw"
rm -rf "$raw"
mkdir -p "$raw"
echo "label,load1,load5,load15" > "$raw/load.csv"
echo "start,$(load | tr ' ' ',')" >> "$raw/load.csv"
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "dims=$dims rounds=$rounds reps=$reps warmup=$warmup cooldown=$cooldown clients=$clients client_jvms=$client_jvms"
  echo "java=$(java -version 2>&1 | head -n 2 | tail -n 1)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') x $(nproc)"
  echo "memory=$(free -g | awk '/Mem:/ {print $2 " GiB"}')"
} > "$raw/run.txt"

echo "run-round: starting the broker"
run_java "$work/logs/broker.log" 1g BrokerMain --port 0 --bootstrap-file "$work/bootstrap.txt"
broker_pid=$!
for _ in $(seq 1 240); do
  [ -f "$work/bootstrap.txt" ] && break
  kill -0 "$broker_pid" 2>/dev/null || fail "the broker exited"
  sleep 0.5
done
[ -f "$work/bootstrap.txt" ] || fail "the broker did not start within 120 s"
bootstrap="$(cat "$work/bootstrap.txt")"
echo "run-round: broker at $bootstrap"

# One repetition at dimension $1: the clients (waiting for the job's topics), the coordinator, and
# once they have finished, the floor, which then deletes every topic.
repetition() {
  local d="$1" rep="$2"
  local dir="$raw/d$d/rep$rep" job="round-d$d-rep$rep"
  mkdir -p "$dir" "$work/ready-$d-$rep"
  local client_pids=()
  if [ "$client_jvms" = single ]; then
    run_java "$work/logs/clients.log" 4g ClientMain --bootstrap "$bootstrap" --job "$job" \
      --dimension "$d" --clients "$(seq -s, 0 $((clients - 1)))" --out "$dir" --ready "$work/ready-$d-$rep/all"
    client_pids+=($!)
  else
    for i in $(seq 0 $((clients - 1))); do
      run_java "$work/logs/client-$i.log" "$(heap_for "$d" client)" ClientMain --bootstrap "$bootstrap" --job "$job" \
        --dimension "$d" --clients "$i" --out "$dir" --ready "$work/ready-$d-$rep/$i"
      client_pids+=($!)
    done
  fi
  for _ in $(seq 1 480); do
    [ "$(ls "$work/ready-$d-$rep" | wc -l)" -ge "${#client_pids[@]}" ] && break
    sleep 0.25
  done
  [ "$(ls "$work/ready-$d-$rep" | wc -l)" -ge "${#client_pids[@]}" ] || fail "clients not ready after 120 s"
  run_java "$work/logs/coordinator.log" "$(heap_for "$d" coordinator)" CoordinatorMain --bootstrap "$bootstrap" \
    --job "$job" --dimension "$d" --rounds "$rounds" --clients "$clients" --out "$dir"
  await_all "d=$d rep $rep" $! "${client_pids[@]}"
  cp "$work/logs/coordinator.log" "$dir/coordinator.log"
  forget
  run_java "$work/logs/floor.log" "$(heap_for "$d" floor)" FloorMain --bootstrap "$bootstrap" --tag "d$d-rep$rep" \
    --dimension "$d" --rounds "$rounds" --clients "$clients" --out "$dir" --delete-topics true
  wait $! || fail "floor of d=$d rep $rep failed"
  forget
  echo "run-round: d=$d rep $rep: $(grep -h '^coordinator: [0-9]' "$dir/coordinator.log" | head -n 1); $(tail -n 2 "$work/logs/floor.log" | head -n 1)"
}

IFS=, read -r -a dim_list <<< "$dims"
for d in "${dim_list[@]}"; do
  echo "d$d-before,$(load | tr ' ' ',')" >> "$raw/load.csv"
  for rep in $(seq 1 "$reps"); do
    repetition "$d" "$rep"
  done
  echo "d$d-after,$(load | tr ' ' ',')" >> "$raw/load.csv"
done
echo "end,$(load | tr ' ' ',')" >> "$raw/load.csv"

python3 "$root/benchmarks/round_report.py" --raw "$raw" --warmup "$warmup" --cooldown "$cooldown" --out "$out"
