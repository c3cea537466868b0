#!/usr/bin/env bash
# What metrics and tracing cost: three single-node Junctions with master key + rpm/tpm (as scenario 5), on the same
# upstream, measured in turn in the same run: none (bench/junction-bench-auth.yaml), metrics
# (callbacks: ["prometheus"], /metrics scraped every 5 s during the load) and metrics + traces (callbacks:
# ["prometheus", "otel"], every span exported over OTLP/HTTP to the upstream nginx, which takes them).
# Peak throughput with wrk, then latency at a fixed rate with the open-loop generator.
#
#   bench/observe.sh [--rounds 3] [--seconds 20] [--rate 3000]
#   (uses the jars as built: mvn -B -q -DskipTests package first; writes bench/.cache/observe.md)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
CACHE=$BENCH_DIR/.cache
RUN=$CACHE/run-observe
JUNCTION_JAR=${JUNCTION_JAR:-$ROOT/gateway/target/junction.jar}
BENCH_JAR=${BENCH_JAR:-$BENCH_DIR/target/junction-bench.jar}
PORT_BASE=${BENCH_PORT_BASE:-18000}
PORTKEY=no JAVA_ONLY=no
SLOW_CHUNKS=1 SLOW_INTERVAL=1
JUNCTION_JAVA_OPTS=${JUNCTION_JAVA_OPTS:--Xmx1g}
ROUNDS=3 SECONDS_MEASURED=20 RATE=3000
while (($#)); do
    case $1 in
        --rounds) ROUNDS=$2 && shift ;;
        --seconds) SECONDS_MEASURED=$2 && shift ;;
        --rate) RATE=$2 && shift ;;
        -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
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
trap stop_all EXIT
check_ports_free
start_nginx

cat "$BENCH_DIR/junction-bench-auth.yaml" - >"$RUN/metrics.yaml" <<'YAML'
litellm_settings:
  callbacks: ["prometheus"]
YAML
cat "$BENCH_DIR/junction-bench-auth.yaml" - >"$RUN/metrics-traces.yaml" <<YAML
litellm_settings:
  callbacks: ["prometheus", "otel"]
environment_variables:
  OTEL_EXPORTER: otlp_http
  OTEL_ENDPOINT: "http://127.0.0.1:$UPSTREAM_PORT"
YAML

declare -A PORT=([none]=$JUNCTION_AUTH_PORT [metrics]=$JUNCTION_PORT [metrics-traces]=${NODE_PORTS[0]})
declare -A CONFIG=([none]=$BENCH_DIR/junction-bench-auth.yaml [metrics]=$RUN/metrics.yaml
    [metrics-traces]=$RUN/metrics-traces.yaml)
hz=$HZ_BASE
# One node at a time: three JVMs starting together on a busy 2-core machine miss Junction's start-up deadline.
for setup in none metrics metrics-traces; do
    hz=$((hz + 1))
    # Each node keeps its embedded key store (the master key's) in a data directory of its own.
    JUNCTION_DATA_DIR=$RUN/data-$setup start_junction "$setup" "${CONFIG[$setup]}" "${PORT[$setup]}" \
        "bench-obs-$setup-$$" "$hz"
    url=http://127.0.0.1:${PORT[$setup]}/v1/chat/completions
    deadline=$(($(date +%s) + 240))
    until curl -sf -m 5 -H "Authorization: Bearer $MASTER_KEY" -H 'content-type: application/json' \
        --data-binary "@$BENCH_DIR/bodies/chat.json" "$url" >/dev/null; do
        (($(date +%s) < deadline)) || die "$setup did not answer; see $RUN/logs/$setup.log"
        sleep 1
    done
done

# A Prometheus scraping every 5 s, as a real one would, on the nodes that serve /metrics.
(while true; do
    for setup in metrics metrics-traces; do
        curl -s -m 5 "http://127.0.0.1:${PORT[$setup]}/metrics" >/dev/null || true
    done
    sleep 5
done) &
PIDS+=($!)

# cpu_of PID: user + system clock ticks of the process so far.
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }

peak() { # peak SETUP ROUND
    local url=http://127.0.0.1:${PORT[$1]}/v1/chat/completions out=$RUN/peak-$1-$2.txt pid var=PID_${1//-/_} before
    pid=${!var}
    WRK_BODY=$BENCH_DIR/bodies/chat.json WRK_HEADERS="Authorization: Bearer $MASTER_KEY" \
        wrk -t2 -c64 -d10s -s "$BENCH_DIR/wrk/chat.lua" "$url" >/dev/null 2>&1
    before=$(cpu_of "$pid")
    WRK_BODY=$BENCH_DIR/bodies/chat.json WRK_HEADERS="Authorization: Bearer $MASTER_KEY" \
        wrk -t2 -c64 -d"${SECONDS_MEASURED}"s -s "$BENCH_DIR/wrk/chat.lua" "$url" >"$out" 2>&1
    local ticks=$(($(cpu_of "$pid") - before)) rps requests
    rps=$(grep -o '"rps":[0-9.]*' "$out" | cut -d: -f2)
    requests=$(grep -o '"requests":[0-9]*' "$out" | cut -d: -f2)
    printf '%s %s %s %s\n' "$1" "$2" "$rps" "$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.1f", t * 1e6 / hz / n}')" >>"$RUN/peak.txt"
    log "  peak round $2 $1: $rps req/s"
}

fixed() { # fixed SETUP ROUND
    local url=http://127.0.0.1:${PORT[$1]}/v1/chat/completions line
    line=$(java -Xmx1g -cp "$BENCH_JAR" dev.junction.bench.load.OpenLoop --url "$url" \
        --body "$BENCH_DIR/bodies/chat.json" --header "Authorization: Bearer $MASTER_KEY" --rate "$RATE" \
        --warmup 5 --duration "$SECONDS_MEASURED" --connections 256 2>>"$RUN/logs/openloop.log" | grep '^RESULT')
    printf '%s %s %s %s\n' "$1" "$2" \
        "$(grep -o '"lat_p50_ms":[0-9.]*' <<<"$line" | cut -d: -f2)" \
        "$(grep -o '"lat_p99_ms":[0-9.]*' <<<"$line" | cut -d: -f2)" >>"$RUN/fixed.txt"
    log "  fixed rate round $2 $1: $line"
}

for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    order=(none metrics metrics-traces)
    ((round % 2 == 0)) && order=(metrics-traces metrics none)
    for setup in "${order[@]}"; do peak "$setup" "$round"; done
    for setup in "${order[@]}"; do fixed "$setup" "$round"; done
done

{
    echo "# What metrics and tracing cost ($(date -u +%FT%TZ), $(nproc) cores, $ROUNDS rounds)"
    echo
    echo "Junction with master key and rpm/tpm; peak: wrk -t2 -c64, ${SECONDS_MEASURED} s after 10 s of warm-up;"
    echo "fixed rate: $RATE req/s open loop, ${SECONDS_MEASURED} s after 5 s of warm-up. Medians of the rounds."
    echo
    echo "| setup | req/s (rounds) | CPU us/request | p50 ms at $RATE/s | p99 ms at $RATE/s |"
    echo "|---|---|---|---|---|"
    for setup in none metrics metrics-traces; do
        rps=$(awk -v s="$setup" '$1 == s {print $3}' "$RUN/peak.txt" | sort -n | tr '\n' ' ')
        med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
        echo "| $setup | $(awk -v s="$setup" '$1 == s {print $3}' "$RUN/peak.txt" | med) ($rps) |" \
            "$(awk -v s="$setup" '$1 == s {print $4}' "$RUN/peak.txt" | med) |" \
            "$(awk -v s="$setup" '$1 == s {print $3}' "$RUN/fixed.txt" | med) |" \
            "$(awk -v s="$setup" '$1 == s {print $4}' "$RUN/fixed.txt" | med) |"
    done
} | tee "$CACHE/observe.md"
