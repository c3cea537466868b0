#!/usr/bin/env bash
# What the p99 tail at a fixed rate is made of: runs Junction (master key + rpm/tpm, as in scenario 5) with
# two configs and the bare Vert.x proxy in turn, each fresh, at one fixed rate, and puts every 10 ms whose
# worst latency is over 5 ms down to a GC pause of the target, one of the load generator, or neither; it also
# reads how long the target's event loops ran and how long they waited for a CPU (/proc schedstat).
#
#   bench/tail.sh [--rate 6000] [--rounds 3] [--seconds 20] [--config-b FILE] [--jar-b FILE]
#   (JUNCTION_JAVA_OPTS as for run.sh, default -Xmx1g; a GC log is added)
#
# Config A is bench/junction-bench-auth.yaml; config B (default) is the same with
# router_settings.rate_limit_sync_interval_ms: 100. With --jar-b, B runs that Junction jar (another build)
# on config A, or on --config-b if given. Uses the jars as built (mvn -B -q -DskipTests package
# first). Writes bench/.cache/tail.md; about 3 minutes per round. A diagnosis, not part of BENCHMARKS.md.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
CACHE=$BENCH_DIR/.cache
RUN=$CACHE/run-tail
JUNCTION_JAR=$ROOT/gateway/target/junction.jar
BENCH_JAR=$BENCH_DIR/target/junction-bench.jar
PORT_BASE=${BENCH_PORT_BASE:-18000}
PORTKEY=no
SLOW_CHUNKS=1 SLOW_INTERVAL=1
JAVA_OPTS_BASE=${JUNCTION_JAVA_OPTS:--Xmx1g}
RATE=6000 ROUNDS=3 SECONDS_MEASURED=20 CONFIG_B= JAR_B=
while (($#)); do
    case $1 in
        --rate) RATE=$2 && shift ;;
        --rounds) ROUNDS=$2 && shift ;;
        --seconds) SECONDS_MEASURED=$2 && shift ;;
        --config-b) CONFIG_B=$2 && shift ;;
        --jar-b) JAR_B=$(realpath "$2") && shift ;;
        -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2 && exit 2 ;;
    esac
    shift
done

# shellcheck source=lib/setup.sh
source "$BENCH_DIR/lib/setup.sh"
# shellcheck source=lib/targets.sh
source "$BENCH_DIR/lib/targets.sh"

[[ -f $JUNCTION_JAR && -f $BENCH_JAR ]] || die "build first: mvn -B -q -DskipTests package"
rm -rf "$RUN" && mkdir -p "$RUN/logs"
install_tools
[[ -z $JAR_B || -f $JAR_B ]] || die "no such jar: $JAR_B"
if [[ -z $CONFIG_B && -n $JAR_B ]]; then
    CONFIG_B=$BENCH_DIR/junction-bench-auth.yaml
elif [[ -z $CONFIG_B ]]; then
    CONFIG_B=$RUN/junction-sync-100ms.yaml
    cat "$BENCH_DIR/junction-bench-auth.yaml" - >"$CONFIG_B" <<'EOF'
router_settings:
  rate_limit_sync_interval_ms: 100
EOF
fi
trap stop_all EXIT
check_ports_free
start_nginx

# schedstat PID FILE: one line per thread: name, CPU ns, run-queue wait ns, time slices.
schedstat() {
    local task
    for task in /proc/"$1"/task/*; do
        printf '%s %s\n' "$(tr ' ' '_' <"$task/comm")" "$(cat "$task/schedstat")"
    done >"$2" 2>/dev/null || true
}

# measure LABEL TARGET [CONFIG]: starts the target (junction-auth with CONFIG, or vertx-proxy) with a GC log,
# warms it up, and runs the open loop.
measure() {
    local label=$1 target=$2 url pid
    url=$(target_url "$target" chat)
    JUNCTION_JAVA_OPTS="$JAVA_OPTS_BASE -Xlog:gc:file=$RUN/$label-gc.log:time"
    if [[ $target == junction-auth ]]; then
        start_junction junction-auth "$3" "$JUNCTION_AUTH_PORT" "bench-tail-$$" $((HZ_BASE + 1))
        # shellcheck disable=SC2154 # start_junction names the PID variable after the target (eval)
        pid=$PID_junction_auth
    else
        start_vertx_proxy
        pid=$PID_vertx_proxy
    fi
    probe "$target" chat 240
    WRK_BODY=$BENCH_DIR/bodies/chat.json WRK_HEADERS="Authorization: Bearer $MASTER_KEY" \
        wrk -t1 -c32 -d20s -s "$BENCH_DIR/wrk/chat.lua" "$url" >/dev/null
    schedstat "$pid" "$RUN/$label-sched-before.txt"
    java -Xmx2g -XX:+UseParallelGC -Xlog:gc:file="$RUN/$label-generator-gc.log":time -cp "$BENCH_JAR" \
        dev.junction.bench.load.OpenLoop --url "$url" \
        --body "$BENCH_DIR/bodies/chat.json" --header "Authorization: Bearer $MASTER_KEY" --rate "$RATE" \
        --warmup 10 --duration "$SECONDS_MEASURED" --connections 512 --slots "$RUN/$label-slots.txt" \
        2>>"$RUN/logs/openloop.log" | grep '^RESULT' >"$RUN/$label-result.txt"
    schedstat "$pid" "$RUN/$label-sched-after.txt"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    java -cp "$BENCH_JAR" dev.junction.bench.tail.TailAttribution --label "$label (p99 $(
        grep -o '"lat_p99_ms":[0-9.]*' "$RUN/$label-result.txt" | cut -d: -f2) ms)" \
        --slots "$RUN/$label-slots.txt" --gc "$RUN/$label-gc.log" --generator-gc "$RUN/$label-generator-gc.log" \
        --sched-before "$RUN/$label-sched-before.txt" --sched-after "$RUN/$label-sched-after.txt" >>"$RUN/rows.md"
}

for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS at $RATE req/s"
    measure "A$round" junction-auth "$BENCH_DIR/junction-bench-auth.yaml"
    JUNCTION_JAR=${JAR_B:-$JUNCTION_JAR} measure "B$round" junction-auth "$CONFIG_B"
    measure "bare$round" vertx-proxy
done

{
    echo "# Where the tail comes from ($(date -u +%FT%TZ), $RATE req/s, ${SECONDS_MEASURED}s measured)"
    echo
    echo "A: $BENCH_DIR/junction-bench-auth.yaml; B: $CONFIG_B${JAR_B:+ on $JAR_B}; bare: the bare Vert.x proxy."
    echo "Slow slots: 10 ms of due times whose worst latency is over 5 ms."
    echo
    java -cp "$BENCH_JAR" dev.junction.bench.tail.TailAttribution --header
    echo "|---|---|---|---|---|---|---|---|---|"
    cat "$RUN/rows.md"
} | tee "$CACHE/tail.md"
