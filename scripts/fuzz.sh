#!/usr/bin/env bash
# Runs the Jazzer fuzz targets (every @FuzzTest in a *FuzzTest class) for longer than `mvn verify`
# does, one JVM per target, and prints how many inputs each one executed. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [target|all] [duration|runs]
#
#   target    a fuzz test class's simple name (e.g. ReassemblerFuzzTest), or "all" (default)
#   duration  how long per target, e.g. 30s, 10m, 1h (default 60s); or
#   runs      a bare number: stop each target after that many executions (e.g. 1000000)
#
# Environment: FUZZ_NICE (default 10) is the nice level of the fuzzing JVMs; FUZZ_XMX (default 1g)
# their heap; MVN_FLAGS (default -o) extra Maven flags for the build step; FUZZ_SKIP_BUILD=1 reuses
# the classes and classpath of an earlier run.
# Output: target/fuzz/<Class>/{corpus,crashes,log.txt} in the owning module. A crash leaves its
# input under crashes/ and makes the script exit with status 1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=${1:-all}
BUDGET=${2:-60s}
NICE=${FUZZ_NICE:-10}
XMX=${FUZZ_XMX:-1g}
# Targets that write files (audit segments, config files) run far faster on a memory file system.
TMPDIR_OPT=()
if [[ -d /dev/shm && -w /dev/shm ]]; then TMPDIR_OPT=(-Djava.io.tmpdir=/dev/shm); fi
JVM_MODULES=$(sed -n 's:.*<rampart.jvm.modules>\(.*\)</rampart.jvm.modules>.*:\1:p' pom.xml)

if [[ "$BUDGET" =~ ^[0-9]+$ ]]; then
  # max_total_time=0 lifts the time limit of the @FuzzTest annotation.
  LIMIT=("-runs=$BUDGET" "-max_total_time=0")
elif [[ "$BUDGET" =~ ^([0-9]+)(s|m|h)$ ]]; then
  n=${BASH_REMATCH[1]}
  case ${BASH_REMATCH[2]} in s) secs=$n ;; m) secs=$((n * 60)) ;; h) secs=$((n * 3600)) ;; esac
  LIMIT=("-max_total_time=$secs")
else
  echo "budget must be a duration (30s, 10m, 1h) or a number of runs, but was '$BUDGET'" >&2
  exit 2
fi

# Discover targets: module, class, method of every @FuzzTest.
mapfile -t TARGETS < <(grep -rl --include='*FuzzTest.java' '@FuzzTest' ./*/src/test/java | sort |
  while read -r file; do
    module=${file#./}; module=${module%%/*}
    class=${file#*/src/test/java/}; class=${class%.java}; class=${class//\//.}
    method=$(grep -A1 '@FuzzTest' "$file" | sed -n 's/.*void \([A-Za-z0-9_]*\)(.*/\1/p' | head -1)
    echo "$module $class $method"
  done)
SELECTED=()
for t in "${TARGETS[@]}"; do
  read -r module class method <<<"$t"
  if [[ "$TARGET" == all || "$TARGET" == "${class##*.}" ]]; then SELECTED+=("$t"); fi
done
if [[ ${#SELECTED[@]} -eq 0 ]]; then
  echo "unknown target '$TARGET'; known: all $(for t in "${TARGETS[@]}"; do read -r _ c _ <<<"$t"; printf '%s ' "${c##*.}"; done)" >&2
  exit 2
fi

MODULES=$(for t in "${SELECTED[@]}"; do read -r m _ _ <<<"$t"; echo "$m"; done | sort -u | paste -sd,)
if [[ "${FUZZ_SKIP_BUILD:-0}" != 1 ]]; then
  echo "building $MODULES (test classes and test classpath)..."
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS--o} -pl "$MODULES" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test >/dev/null
fi

STATUS=0
RESULTS=()
for t in "${SELECTED[@]}"; do
  read -r module class method <<<"$t"
  simple=${class##*.}
  out="$ROOT/$module/target/fuzz/$simple"
  mkdir -p "$out/corpus" "$out/crashes"
  cp="$ROOT/$module/target/test-classes:$ROOT/$module/target/classes:$(cat "$ROOT/$module/target/fuzz-classpath.txt")"
  echo "fuzzing $simple.$method ($BUDGET) -> $out"
  set +e
  # shellcheck disable=SC2086
  (cd "$ROOT/$module" && nice -n "$NICE" java $JVM_MODULES -Xmx"$XMX" "${TMPDIR_OPT[@]}" -cp "$cp" \
    com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
    "${LIMIT[@]}" -print_final_stats=1 -artifact_prefix="$out/crashes/" "$out/corpus") \
    >"$out/log.txt" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$out/log.txt" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/log.txt" | tail -1)
  if [[ $rc -ne 0 ]]; then
    STATUS=1
    RESULTS+=("$(printf '%-24s %12s runs %6ss  FAILED (exit %d, see %s)' "$simple" "${runs:-?}" "${secs:-?}" "$rc" "$out/log.txt")")
  else
    RESULTS+=("$(printf '%-24s %12s runs %6ss  ok' "$simple" "${runs:-?}" "${secs:-?}")")
  fi
done
echo
printf '%-24s %17s %7s\n' target executions time
printf '%s\n' "${RESULTS[@]}"
exit $STATUS
