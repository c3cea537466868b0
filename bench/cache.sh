#!/usr/bin/env bash
# The response cache's figures (issue 19): a hit's latency and throughput next to a miss, on one node and across
# a two-node cluster, and the cache's heap per 10,000 entries. See bench/README.md, "Response cache".
#
#   bench/cache.sh [--no-build] [--duration S] [--connections N]
#
# Java only: BenchUpstream answers at once, ClosedLoop loads each case for --duration seconds (default 10) over
# --connections keep-alive connections (default 32). Writes bench/.cache/BENCHMARKS-cache.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
JUNCTION_JAR=$ROOT/gateway/target/junction.jar
BENCH_JAR=$BENCH_DIR/target/junction-bench.jar
PORT_BASE=${BENCH_PORT_BASE:-19400}
JUNCTION_JAVA_OPTS=${JUNCTION_JAVA_OPTS:--Xmx1g}
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:--Xmx1g}
RUN=$BENCH_DIR/.cache/cache-run
OUT=$BENCH_DIR/.cache/BENCHMARKS-cache.md
BUILD=yes DURATION=10 CONNECTIONS=32
while (($#)); do
    case $1 in
        --no-build) BUILD=no ;;
        --duration) DURATION=$2 && shift ;;
        --connections) CONNECTIONS=$2 && shift ;;
        -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2 && exit 2 ;;
    esac
    shift
done

UPSTREAM_PORT=$((PORT_BASE + 80))
SINGLE_PORT=$((PORT_BASE + 1))
NODE1_PORT=$((PORT_BASE + 11))
NODE2_PORT=$((PORT_BASE + 12))
HZ_BASE=$((PORT_BASE + 500))
PIDS=()
log() { echo "[cache-bench $(date +%H:%M:%S)] $*" >&2; }
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
mkdir -p "$RUN"

if [[ $BUILD == yes ]]; then
    log "building the jars"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am)
fi

# start_junction NAME HTTP_PORT CLUSTER_NAME HZ_PORT [MEMBERS]
start_junction() {
    local args=(--config "$BENCH_DIR/junction-bench-cache.yaml" --host 127.0.0.1 --port "$2" --cluster-name "$3"
        --cluster-port "$4")
    [[ -n ${5:-} ]] && args+=(--cluster-members "$5")
    # shellcheck disable=SC2086 # a list of JVM flags
    BENCH_API_BASE="http://127.0.0.1:$UPSTREAM_PORT/v1" java $JUNCTION_JAVA_OPTS -jar "$JUNCTION_JAR" "${args[@]}" \
        >"$RUN/$1.log" 2>&1 &
    PIDS+=($!)
}

wait_ready() {
    local port=$1 _
    for _ in $(seq 240); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/health/liveliness" && return 0
        sleep 1
    done
    echo "nothing serves on :$port; see $RUN/*.log" >&2 && exit 1
}

# A chat body: the bench's haiku request with its own cache controls.
body() {
    echo "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a haiku about caches.\"}],\"max_tokens\":64$1}" \
        >"$RUN/$2.json"
}

# load LABEL PORT BODY: one ClosedLoop run; prints its RESULT json
load() {
    # shellcheck disable=SC2086 # a list of JVM flags
    java $LOADGEN_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.ClosedLoop \
        --url "http://127.0.0.1:$2/v1/chat/completions" --body "$RUN/$3.json" --connections "$CONNECTIONS" \
        --warmup 2 --duration "$DURATION" --label "\"case\":\"$1\"" | sed -n 's/^RESULT //p'
}

row() {
    python3 -c '
import json, sys
r = json.loads(sys.argv[2])
errors = r.get("errors")
print("| %s | %.0f | %s | %s | %s | %s |" % (sys.argv[1], r["rps"], r["lat_p50_ms"], r["lat_p99_ms"], r["requests"], errors))
' "$1" "$2"
}

log "starting the upstream :$UPSTREAM_PORT, one node :$SINGLE_PORT, a two-node cluster :$NODE1_PORT :$NODE2_PORT"
# shellcheck disable=SC2086
java $JUNCTION_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.BenchUpstream --port "$UPSTREAM_PORT" \
    >"$RUN/upstream.log" 2>&1 &
PIDS+=($!)
start_junction single "$SINGLE_PORT" "cache-single-$$" $((HZ_BASE + 1))
members="127.0.0.1:$((HZ_BASE + 11)),127.0.0.1:$((HZ_BASE + 12))"
start_junction node1 "$NODE1_PORT" "cache-pair-$$" $((HZ_BASE + 11)) "$members"
wait_ready "$SINGLE_PORT"
wait_ready "$NODE1_PORT"
start_junction node2 "$NODE2_PORT" "cache-pair-$$" $((HZ_BASE + 12)) "$members"
wait_ready "$NODE2_PORT"
for _ in $(seq 60); do
    joined=$(curl -s "http://127.0.0.1:$NODE1_PORT/health/readiness" | grep -o '"cluster_members":[0-9]*' | cut -d: -f2)
    [[ $joined == 2 ]] && break
    sleep 1
done
[[ ${joined:-} == 2 ]] || { echo "the pair has ${joined:-no} members" >&2 && exit 1; }

body ',"caching":false' off
body ',"cache":{"no-cache":true}' miss
body '' hit
# The entry every hit reads, stored through node 1 (on the single node, through itself).
for port in "$SINGLE_PORT" "$NODE1_PORT"; do
    curl -sf -o /dev/null -H 'content-type: application/json' --data @"$RUN/hit.json" \
        "http://127.0.0.1:$port/v1/chat/completions"
done
sleep 1
hit_headers=$(curl -s -D - -o /dev/null -H 'content-type: application/json' --data @"$RUN/hit.json" \
    "http://127.0.0.1:$NODE2_PORT/v1/chat/completions" | tr -d '\r')
grep -q '^x-litellm-response-cost: 0.0' <<<"$hit_headers" || { echo "node 2 did not answer from the cache" >&2 && exit 1; }

rows=()
for case in "one node|$SINGLE_PORT|off|cache bypassed (caching: false)" \
    "one node|$SINGLE_PORT|miss|miss (no-cache: provider called, answer stored)" \
    "one node|$SINGLE_PORT|hit|hit" \
    "two nodes|$NODE1_PORT|miss|miss on node 1" \
    "two nodes|$NODE1_PORT|hit|hit on node 1" \
    "two nodes|$NODE2_PORT|hit|hit on node 2"; do
    IFS='|' read -r setup port kind label <<<"$case"
    log "$setup: $label"
    result=$(load "$setup $kind" "$port" "$kind")
    rows+=("$(row "$setup: $label" "$result")")
done

log "heap per 10,000 entries"
# shellcheck disable=SC2086
heap=$(java -Xmx1g -cp "$BENCH_JAR" dev.junction.bench.cache.CacheHeap --entries 10000 --answer-bytes 600 \
    2>"$RUN/heap.log" | sed -n 's/^RESULT //p')

{
    echo "# Response cache"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
        "ClosedLoop $CONNECTIONS connections x ${DURATION} s per case, an upstream answering at once"
    echo
    echo "| case | requests/s | p50 ms | p99 ms | requests | errors |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Heap per 10,000 entries of a 600-byte chat answer: \`$heap\`"
} >"$OUT"
cat "$OUT"
