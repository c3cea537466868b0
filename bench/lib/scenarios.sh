# Sourced by run.sh: the scenarios. Every measurement appends one JSON line to $RESULTS.

# record OUT [FIELDS]: appends a RESULT line from a tool's output, with the 1-minute load average at its end
# and any further JSON FIELDS ('"name":value,...').
record() {
    local line load
    line=$(grep -m1 '^RESULT ' "$1" | sed 's/^RESULT //') || true
    [[ -n $line ]] || die "no result in $1"
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "${line%\}},\"loadavg1\":$load${2:+,$2}}" >>"$RESULTS"
}

label() {
    printf '"scenario":"%s","target":"%s","round":%s' "$1" "$2" "$3"
}

# Rotates the target list by the round number, so that no target always goes first (or last).
rotated() {
    local round=$1
    shift
    local list=("$@") n=$# i
    for ((i = 0; i < n; i++)); do
        echo "${list[(i + round) % n]}"
    done
}

# wrk_once OUT TARGET KIND SECONDS CONNECTIONS THREADS [LABEL]: closed-loop load, with wrk; in a --java-only run
# with ClosedLoop, one thread, which warms the target up for WRK_WARMUP seconds first (see warmup_once).
wrk_once() {
    if [[ $JAVA_ONLY == yes ]]; then
        local headers=() line
        while IFS= read -r line; do
            [[ -n $line ]] && headers+=(--header "$line")
        done < <(target_headers "$2" "$3")
        # shellcheck disable=SC2086 # LOADGEN_JAVA_OPTS is a list of JVM flags
        java $LOADGEN_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.ClosedLoop --url "$(target_url "$2" "$3")" \
            --body "$(body_file "$3")" "${headers[@]}" --connections "$5" --warmup "$WRK_WARMUP" --duration "$4" \
            --label "${7:-}" >"$1" 2>&1
        return
    fi
    WRK_BODY=$(body_file "$3") WRK_HEADERS=$(target_headers "$2" "$3") WRK_LABEL=${7:-} \
        wrk -t"$6" -c"$5" -d"$4"s --timeout 30s -s "$BENCH_DIR/wrk/chat.lua" "$(target_url "$2" "$3")" >"$1" 2>&1
}

# warmup_once OUT TARGET KIND SECONDS CONNECTIONS THREADS: load before a measurement, not recorded. A --java-only
# run has none: its ClosedLoop warms up in the measuring process itself, one JVM start fewer (so the target's CPU
# per request counts the warm-up too: a smoke measures nothing).
warmup_once() {
    [[ $JAVA_ONLY == yes ]] || wrk_once "$@"
}

# Before any round: load on every target long enough for the JVMs' JIT to settle, streams included.
prewarm() {
    local target
    if [[ $JAVA_ONLY == yes ]]; then
        log "pre-warm left out (--java-only): every ClosedLoop and OpenLoop run warms its target up first"
        return
    fi
    log "pre-warming every target (${PREWARM}s of chat, $((PREWARM / 3 + 1))s of streams each)"
    for target in $(active upstream nginx-proxy vertx-proxy portkey junction junction-auth junction-node1 junction-node2 junction-node3); do
        wrk_once "$RUN/logs/prewarm-$target.txt" "$target" chat "$PREWARM" "$WRK_CONNECTIONS" "$WRK_THREADS"
    done
    for target in $(active upstream nginx-proxy portkey junction junction-auth); do
        wrk_once "$RUN/logs/prewarm-sse-$target.txt" "$target" sse $((PREWARM / 3 + 1)) 16 1
    done
}

scenario_peak() {
    local round target out ticks requests cpu
    log "scenario 1: peak throughput (wrk, $WRK_CONNECTIONS connections, $WRK_THREADS threads), $ROUNDS round(s)"
    for ((round = 1; round <= ROUNDS; round++)); do
        for target in $(rotated "$round" $(active upstream nginx-proxy vertx-proxy portkey junction junction-auth)); do
            out=$RUN/logs/peak-$target-$round.txt
            warmup_once "$out.warmup" "$target" chat "$WRK_WARMUP" "$WRK_CONNECTIONS" "$WRK_THREADS"
            ticks=$(cpu_ticks "$target")
            wrk_once "$out" "$target" chat "$WRK_DURATION" "$WRK_CONNECTIONS" "$WRK_THREADS" \
                "$(label peak "$target" "$round")"
            ticks=$(($(cpu_ticks "$target") - ticks))
            # The target's own CPU per answered request, all its threads (and nginx's workers) included.
            requests=$(grep -o '"requests":[0-9]*' "$out" | cut -d: -f2)
            cpu=$(awk -v t="$ticks" -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
                'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}')
            record "$out" "\"cpu_us_per_request\":$cpu"
            log "  round $round $target: $(grep -o '"rps":[0-9.]*' "$out" | cut -d: -f2) req/s, $cpu us CPU per request"
        done
    done
}

# The median of a field over the recorded lines of one scenario and target.
median_of() {
    grep "\"scenario\":\"$1\",\"target\":\"$2\"" "$RESULTS" | grep -o "\"$3\":[0-9.]*" | cut -d: -f2 | sort -g \
        | awk '{v[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# openloop_once OUT TARGET KIND RATE WARMUP DURATION LABEL [--stream]
openloop_once() {
    local headers=() line
    while IFS= read -r line; do
        [[ -n $line ]] && headers+=(--header "$line")
    done < <(target_headers "$2" "$3")
    local urls=() url
    for url in $(target_urls "$2" "$3"); do
        urls+=(--url "$url")
    done
    # Node closes idle connections after 5 s; the generator must let go of them first (see OpenLoop).
    local keepalive=120
    [[ $2 == portkey ]] && keepalive=2
    java $LOADGEN_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.OpenLoop \
        "${urls[@]}" --body "$(body_file "$3")" "${headers[@]}" \
        --rate "$4" --warmup "$5" --duration "$6" --connections 512 --keepalive "$keepalive" --label "$7" \
        --hgrm "$RUN/hgrm/$(basename "$1" .txt).hgrm" "${@:8}" >"$1" 2>&1
}

scenario_fixed_rate() {
    local peak portkey_peak round target out
    # Half of the realistic case's peak: master key and rpm/tpm accounting on.
    peak=$(median_of peak junction-auth rps)
    portkey_peak=0
    [[ $PORTKEY == no ]] || portkey_peak=$(median_of peak portkey rps)
    FIXED_RATE=$(awk -v p="$peak" 'BEGIN {r = int(p / 2); print (r < 20 ? 20 : r)}')
    PORTKEY_RATE=$(awk -v p="$portkey_peak" 'BEGIN {r = int(p / 2); print (r < 10 ? 10 : r)}')
    log "scenario 2: open loop at $FIXED_RATE req/s (half of the median peak of Junction with auth and limits, $peak)" \
        "$([[ $PORTKEY == no ]] || echo "; Portkey at $PORTKEY_RATE req/s (half of its own peak $portkey_peak)")"
    for ((round = 1; round <= ROUNDS; round++)); do
        for target in $(rotated "$round" $(active upstream nginx-proxy vertx-proxy junction junction-auth upstream@portkey portkey@portkey)); do
            local name=${target%@*} rate=$FIXED_RATE scenario=fixed-rate
            if [[ $target == *@portkey ]]; then
                rate=$PORTKEY_RATE scenario=fixed-rate-portkey
            fi
            out=$RUN/logs/$scenario-$name-$round.txt
            openloop_once "$out" "$name" chat "$rate" "$OL_WARMUP" "$OL_DURATION" "$(label "$scenario" "$name" "$round")"
            record "$out"
            log "  round $round $name @ $rate/s: p50 $(grep -o '"lat_p50_ms":[0-9.]*' "$out" | cut -d: -f2) ms," \
                "p99 $(grep -o '"lat_p99_ms":[0-9.]*' "$out" | cut -d: -f2) ms," \
                "errors $(grep -o '"errors":[0-9]*' "$out" | cut -d: -f2)"
        done
    done
}

scenario_streaming() {
    local round target out
    STREAM_RATE=$STREAM_RATE_MAX
    if [[ $PORTKEY == yes ]]; then
        STREAM_RATE=$(awk -v r="$STREAM_RATE_MAX" -v p="$PORTKEY_RATE" 'BEGIN {print (p < r ? p : r)}')
    fi
    log "scenario 3a: streams at $STREAM_RATE/s (open loop): time to first token"
    for ((round = 1; round <= ROUNDS; round++)); do
        for target in $(rotated "$round" $(active upstream nginx-proxy portkey junction)); do
            out=$RUN/logs/stream-$target-$round.txt
            openloop_once "$out" "$target" sse "$STREAM_RATE" "$STREAM_WARMUP" "$STREAM_DURATION" \
                "$(label stream "$target" "$round")" --stream
            record "$out"
            log "  round $round $target: ttft p50 $(grep -o '"ttft_p50_ms":[0-9.]*' "$out" | cut -d: -f2) ms," \
                "errors $(grep -o '"errors":[0-9]*' "$out" | cut -d: -f2)"
        done
    done
}

# 3 wrk processes at once, a third of the connections each: all at one node, or one per node.
scenario_cluster() {
    local round target out conns=$((WRK_CONNECTIONS / 3)) i nodes
    log "scenario 4: 3-node cluster vs 1 node (3 wrk processes x $conns connections), $ROUNDS round(s)"
    for ((round = 1; round <= ROUNDS; round++)); do
        for target in $(rotated "$round" junction-1node junction-3nodes); do
            if [[ $target == junction-1node ]]; then
                nodes=(junction junction junction)
            else
                nodes=(junction-node1 junction-node2 junction-node3)
            fi
            for i in 0 1 2; do
                warmup_once "$RUN/logs/cluster-$target-$round-$i.warmup" "${nodes[i]}" chat "$WRK_WARMUP" "$conns" 1 &
            done
            wait_jobs
            for i in 0 1 2; do
                wrk_once "$RUN/logs/cluster-$target-$round-$i.txt" "${nodes[i]}" chat "$WRK_DURATION" "$conns" 1 \
                    "$(label cluster-part "$target" "$round"),\"part\":$i" &
            done
            wait_jobs
            for i in 0 1 2; do
                record "$RUN/logs/cluster-$target-$round-$i.txt"
            done
            sum_round cluster-part cluster "$target" "$round"
        done
    done
}

wait_jobs() {
    local job
    for job in $(jobs -p); do
        # The servers are background jobs too; wait only for the wrk runs just started.
        [[ " ${PIDS[*]} " == *" $job "* ]] || wait "$job"
    done
}

# sum_round PART_SCENARIO SCENARIO TARGET ROUND: one line per round, the three wrk parts' requests added up.
sum_round() {
    local lines
    lines=$(grep "\"scenario\":\"$1\",\"target\":\"$3\",\"round\":$4," "$RESULTS")
    awk -v s="$2" -v t="$3" -v r="$4" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
        {
            match($0, /"rps":[0-9.]+/); rps += substr($0, RSTART + 6, RLENGTH - 6)
            # ClosedLoop counts every failure in "errors"; wrk splits them.
            n = split($0 ~ /"errors":/ ? "errors" : "errors_connect errors_read errors_write errors_timeout non2xx", f, " ")
            for (i = 1; i <= n; i++) if (match($0, "\"" f[i] "\":[0-9]+")) err += substr($0, RSTART + length(f[i]) + 3, RLENGTH - length(f[i]) - 3)
        }
        END { printf "{\"scenario\":\"%s\",\"target\":\"%s\",\"round\":%s,\"tool\":\"wrk x3\",\"rps\":%.1f,\"errors\":%d,\"loadavg1\":%s}\n", s, t, r, rps, err, load }
    ' <<<"$lines" >>"$RESULTS"
    log "  round $4 $3: $(tail -1 "$RESULTS" | grep -o '"rps":[0-9.]*' | cut -d: -f2) req/s"
}

# state_wrk OUT SETUP SECONDS [LABEL]: three wrk processes at once, a third of the connections each, one per
# node of a 3-node setup or all three at a single node; writes OUT-0.txt .. OUT-2.txt.
state_wrk() {
    local nodes i
    read -r -a nodes <<<"$(state_nodes "$2")"
    ((${#nodes[@]} == 3)) || nodes=("$2" "$2" "$2")
    for i in 0 1 2; do
        wrk_once "$1-$i.txt" "${nodes[i]}" chat "$3" $((WRK_CONNECTIONS / 3)) 1 \
            ${4:+"$4,\"part\":$i"} &
    done
    wait_jobs
}

# Scenario 7: the cluster state path. Rpm/tpm limits that never refuse, on 1 node and on 3, batched and strict,
# plus 1 node without limits; peak throughput, then latency at one fixed rate for all.
scenario_state() {
    local round setup out i slowest
    start_state_targets
    log "scenario 7: cluster state path, ${STATE_SETUPS[*]}; pre-warming each for ${PREWARM}s"
    for setup in "${STATE_SETUPS[@]}"; do
        state_wrk "$RUN/logs/prewarm-$setup" "$setup" "$PREWARM"
    done
    for ((round = 1; round <= ROUNDS; round++)); do
        for setup in $(rotated "$round" "${STATE_SETUPS[@]}"); do
            out=$RUN/logs/state-peak-$setup-$round
            [[ $JAVA_ONLY == yes ]] || state_wrk "$out.warmup" "$setup" "$WRK_WARMUP"
            state_wrk "$out" "$setup" "$WRK_DURATION" "$(label state-peak-part "$setup" "$round")"
            for i in 0 1 2; do
                record "$out-$i.txt"
            done
            sum_round state-peak-part state-peak "$setup" "$round"
        done
    done
    slowest=$(for setup in "${STATE_SETUPS[@]}"; do median_of state-peak "$setup" rps; done | sort -g | head -1)
    STATE_RATE=$(awk -v p="$slowest" 'BEGIN {r = int(p / 2); print (r < 20 ? 20 : r)}')
    log "scenario 7: open loop at $STATE_RATE req/s (half of the slowest setup's median peak $slowest)"
    for ((round = 1; round <= ROUNDS; round++)); do
        for setup in $(rotated "$round" upstream "${STATE_SETUPS[@]}"); do
            out=$RUN/logs/state-latency-$setup-$round.txt
            openloop_once "$out" "$setup" chat "$STATE_RATE" "$OL_WARMUP" "$OL_DURATION" \
                "$(label state-latency "$setup" "$round")"
            record "$out"
            log "  round $round $setup: p50 $(grep -o '"lat_p50_ms":[0-9.]*' "$out" | cut -d: -f2) ms," \
                "p99 $(grep -o '"lat_p99_ms":[0-9.]*' "$out" | cut -d: -f2) ms," \
                "errors $(grep -o '"errors":[0-9]*' "$out" | cut -d: -f2)"
        done
    done
    stop_state_targets
}

scenario_slow_streams() {
    local target out pid
    # Over HTTP/1.1 the gateway would hold two descriptors per stream (client and upstream), and this kind of
    # machine caps a process at 20,000: multiplexing the client side over h2c (80 streams per connection, under
    # the servers' 100 and 128) leaves the upstream side as it is in production.
    local connections=$(((SLOW_STREAMS + 79) / 80))
    log "scenario 3b: $SLOW_STREAMS concurrent slow streams ($SLOW_CHUNKS chunks, $SLOW_INTERVAL s apart) over $connections h2c connections"
    for target in $(active nginx-proxy junction); do
        out=$RUN/logs/slow-$target.txt
        pid=()
        [[ $target == junction ]] && pid=(--pid "$PID_junction")
        java $LOADGEN_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.SlowStreams \
            --url "$(h2c_url "$target" slow)" --body "$(body_file slow)" --streams "$SLOW_STREAMS" \
            --http2-connections "$connections" \
            --ramp "$SLOW_RAMP" --settle "$SLOW_SETTLE" \
            --max-wait "$(awk -v n="$SLOW_STREAMS" -v r="$SLOW_RAMP" -v c="$SLOW_CHUNKS" -v i="$SLOW_INTERVAL" \
                'BEGIN {print int(n / r + c * i + 30)}')" \
            "${pid[@]}" --label "$(label slow-streams "$target" 1)" >"$out" 2>&1
        record "$out"
        log "  $target: $(grep -o '"completed":[0-9]*' "$out" | cut -d: -f2) of $SLOW_STREAMS streams completed"
    done
}

run_jmh() {
    log "JMH microbenchmarks ($JMH_ARGS${JMH_FILTER:+, only $JMH_FILTER})"
    # shellcheck disable=SC2086 # JMH_JVM_FLAGS and JMH_ARGS are lists of options
    java $JMH_JVM_FLAGS -jar "$BENCH_JAR" ${JMH_FILTER:+"$JMH_FILTER"} $JMH_ARGS -rf json -rff "$RUN/jmh.json" \
        >"$RUN/logs/jmh.txt" 2>&1 \
        || die "JMH failed, see $RUN/logs/jmh.txt"
}
