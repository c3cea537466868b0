#!/usr/bin/env bash
# Side-by-side benchmark of Junction against the upstream itself, an nginx keep-alive proxy and Portkey's
# gateway, all on this machine's loopback. See bench/README.md.
#
#   bench/run.sh            full run (about 45 minutes), writes BENCHMARKS.md at the repository root
#   bench/run.sh --quick    a few seconds per scenario (about 4 minutes in all), checks that everything
#                           works (no timing checks);
#                           writes bench/.cache/BENCHMARKS-quick.md
#   bench/run.sh --smoke    what `mvn verify` runs (about 90 s): --quick trimmed further, without Portkey and
#                           without scenario 7, with the jars as built, and --java-only; writes
#                           bench/target/smoke/BENCHMARKS-smoke.md
#   bench/run.sh --only cluster   only scenario 7 (the cluster state path) and the admission JMH benchmarks,
#                           about 20 minutes (with --quick: 5); writes bench/.cache/BENCHMARKS-cluster.md
#   bench/run.sh --only load      only scenarios 1, 2 and 5 (peak throughput, fixed-rate latency, auth and
#                           limits on/off), about 20 minutes; writes bench/.cache/BENCHMARKS-load.md
# Options: --no-build (use the jars as built), --rounds N, --out FILE, --skip-jmh, --no-portkey, --java-only (no
# wrk, no nginx: a Java upstream and closed loop instead, and no nginx proxy target).
# Exits non-zero when any request failed, any scenario is missing, or a target could not start.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
CACHE=$BENCH_DIR/.cache
JUNCTION_JAR=$ROOT/gateway/target/junction.jar
BENCH_JAR=$BENCH_DIR/target/junction-bench.jar
PORT_BASE=${BENCH_PORT_BASE:-18000}
JUNCTION_JAVA_OPTS=${JUNCTION_JAVA_OPTS:--Xmx1g}
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:--Xmx2g -XX:+UseParallelGC}

MODE=full BUILD=yes ROUNDS= OUT= JMH=yes PORTKEY=yes STATE=yes ONLY= JAVA_ONLY=no
while (($#)); do
    case $1 in
        --quick) MODE=quick ;;
        --smoke) MODE=smoke BUILD=no PORTKEY=no STATE=no JAVA_ONLY=yes ;;
        --java-only) JAVA_ONLY=yes ;;
        --no-portkey) PORTKEY=no ;;
        --no-build) BUILD=no ;;
        --rounds) ROUNDS=$2 && shift ;;
        --out) OUT=$2 && shift ;;
        --skip-jmh) JMH=no ;;
        --only)
            ONLY=${2:-} && shift
            [[ $ONLY == cluster || $ONLY == load ]] || { echo "--only takes cluster or load" >&2 && exit 2; }
            ;;
        -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2 && exit 2 ;;
    esac
    shift
done

RUN=$CACHE/run
SLOW_SETTLE=5 JMH_JVM_FLAGS=
if [[ $ONLY == cluster ]]; then
    [[ $MODE != smoke ]] || { echo "--only cluster does not go with --smoke" >&2 && exit 2; }
    PORTKEY=no # scenario 7 compares Junction setups only
    if [[ -z $OUT ]]; then
        OUT=$CACHE/BENCHMARKS-cluster.md
        if [[ $MODE == quick ]]; then
            OUT=$CACHE/BENCHMARKS-cluster-quick.md
        fi
    fi
fi
if [[ $ONLY == load ]]; then
    [[ $MODE != smoke ]] || { echo "--only load does not go with --smoke" >&2 && exit 2; }
    STATE=no JMH=no # the load scenarios only: no JMH
    RUN=$CACHE/run-load # never the last full run's results
    OUT=${OUT:-$CACHE/BENCHMARKS-load$([[ $MODE == quick ]] && echo -quick || true).md}
fi
if [[ $MODE == full ]]; then
    ROUNDS=${ROUNDS:-3}
    PREWARM=20 WRK_WARMUP=3 WRK_DURATION=10
    OL_WARMUP=10 OL_DURATION=15 # the generator JVM compiles its send path in its first seconds
    STREAM_RATE_MAX=200 STREAM_WARMUP=3 STREAM_DURATION=10
    SLOW_STREAMS=10000 SLOW_CHUNKS=30 SLOW_INTERVAL=1 SLOW_RAMP=2000
    # The gateway opens its 10,000 upstream connections about 12 s into the ramp; the sample waits for all of
    # them to stream (and is taken at once when they do), well before the first stream's 30 s are over.
    SLOW_SETTLE=20
    JMH_ARGS="-f 1 -wi 3 -w 2s -i 5 -r 2s"
    OUT=${OUT:-$ROOT/BENCHMARKS.md}
elif [[ $MODE == smoke ]]; then
    # A check that every scenario still runs end to end, never a measurement: the shortest that still
    # exercises each path (JIT warm-up included, so that no request times out on a cold JVM).
    ROUNDS=${ROUNDS:-1}
    PREWARM=1 WRK_WARMUP=1 WRK_DURATION=2
    OL_WARMUP=1 OL_DURATION=2
    STREAM_RATE_MAX=50 STREAM_WARMUP=1 STREAM_DURATION=2
    SLOW_STREAMS=200 SLOW_CHUNKS=2 SLOW_INTERVAL=1 SLOW_RAMP=200 SLOW_SETTLE=1
    # The admission benchmarks on 1 member only: each 3-member case starts a Hazelcast cluster (--only cluster
    # --quick runs them all).
    JMH_ARGS="-f 0 -wi 0 -i 1 -r 100ms -p members=1"
    JMH_JVM_FLAGS=-Djmh.ignoreLock=true
    RUN=$BENCH_DIR/target/smoke/run # never the developer's last full run in .cache/run
    OUT=${OUT:-$BENCH_DIR/target/smoke/BENCHMARKS-smoke.md}
else
    ROUNDS=${ROUNDS:-1}
    PREWARM=2 WRK_WARMUP=1 WRK_DURATION=2
    OL_WARMUP=1 OL_DURATION=2
    STREAM_RATE_MAX=100 STREAM_WARMUP=1 STREAM_DURATION=2
    SLOW_STREAMS=300 SLOW_CHUNKS=3 SLOW_INTERVAL=1 SLOW_RAMP=300
    JMH_ARGS="-f 0 -wi 0 -i 1 -r 1s" # in-process: checks that every benchmark runs, measures nothing
    # Measuring nothing, it need not wait for (nor fail on) another JMH run holding the machine-wide lock.
    JMH_JVM_FLAGS=-Djmh.ignoreLock=true
    OUT=${OUT:-$CACHE/BENCHMARKS-quick.md}
fi
WRK_THREADS=2 WRK_CONNECTIONS=64
RESULTS=$RUN/results.jsonl
JMH_FILTER=
if [[ $ONLY == cluster ]]; then
    JMH_FILTER='Admission.*\.admit$' # both accuracy modes, 1 and 3 members, common pool as is and widened
fi

# shellcheck source=lib/setup.sh
source "$BENCH_DIR/lib/setup.sh"
# shellcheck source=lib/targets.sh
source "$BENCH_DIR/lib/targets.sh"
# shellcheck source=lib/scenarios.sh
source "$BENCH_DIR/lib/scenarios.sh"

# The whole run is one function, parsed before it starts: editing this file during a run cannot change it.
main() {
    local started
    started=$(date +%s)
    rm -rf "$RUN"
    mkdir -p "$RUN/logs" "$RUN/hgrm"
    : >"$RESULTS"
    trap stop_all EXIT
    trap 'exit 130' INT TERM

    if [[ $ONLY == cluster ]]; then
        only_cluster
        return
    fi
    install_tools
    install_portkey
    build_jars
    raise_limits
    describe_machine
    start_all

    prewarm
    scenario_peak
    scenario_fixed_rate
    if [[ $ONLY == load ]]; then
        finish_run "$started" --only load
        return
    fi
    scenario_streaming
    scenario_cluster
    if [[ $STATE == yes ]]; then
        scenario_state
    fi
    scenario_slow_streams
    finish_run "$started"
}

# finish_run STARTED [REPORT OPTION...]: stops the targets, runs JMH (unless left out) and writes the report.
finish_run() {
    local started=$1
    shift
    stop_all
    echo "load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RUN/env.properties"
    if [[ $JMH == yes ]]; then
        run_jmh
    fi
    echo "runtime_s=$(($(date +%s) - started))" >>"$RUN/env.properties"
    log "writing $OUT"
    mkdir -p "$(dirname "$OUT")"
    java -cp "$BENCH_JAR" dev.junction.bench.report.Report --results "$RESULTS" --env "$RUN/env.properties" \
        $([[ $JMH == yes ]] && echo "--jmh $RUN/jmh.json") --out "$OUT" "$@"
}

# --only cluster: the upstream, scenario 7's setups, and the admission JMH benchmarks.
only_cluster() {
    local started
    started=$(date +%s)
    install_tools
    build_jars
    raise_limits
    describe_machine
    check_ports_free
    start_upstream
    probe upstream chat 30
    scenario_state
    finish_run "$started" --only cluster
}

main
