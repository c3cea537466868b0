# Sourced by run.sh: starting, checking and addressing every target. All on loopback.

UPSTREAM_PORT=$((PORT_BASE + 80))
PROXY_PORT=$((PORT_BASE + 81))
PROXY_H2_PORT=$((PORT_BASE + 82)) # the same nginx proxy over h2c, for scenario 3b
VERTX_PROXY_PORT=$((PORT_BASE + 90))
PORTKEY_PORT=$((PORT_BASE + 87))
JUNCTION_PORT=$((PORT_BASE + 100))
JUNCTION_AUTH_PORT=$((PORT_BASE + 101))
NODE_PORTS=($((PORT_BASE + 111)) $((PORT_BASE + 112)) $((PORT_BASE + 113)))
HZ_BASE=$((PORT_BASE - 2200)) # Hazelcast member ports, e.g. 15800..15813 for the default base
MASTER_KEY=sk-bench-master
# Scenario 7's setups: one node without limits, then with rpm/tpm in each accuracy mode on 1 node and on 3.
STATE_SETUPS=(state-1node-nolimit state-1node-batched state-1node-strict state-3nodes-batched state-3nodes-strict)

PIDS=()

# active TARGET...: the targets of this run, one per line (Portkey's, NAME@portkey included, only with Portkey;
# the nginx proxy only with nginx, not in a --java-only run).
active() {
    local target
    for target in "$@"; do
        [[ $PORTKEY == no && ($target == portkey || $target == *@portkey) ]] && continue
        [[ $JAVA_ONLY == yes && $target == nginx-proxy ]] && continue
        echo "$target"
    done
}

stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_ports_free() {
    local port
    for port in $UPSTREAM_PORT $PROXY_PORT $PROXY_H2_PORT $VERTX_PROXY_PORT $PORTKEY_PORT $JUNCTION_PORT $JUNCTION_AUTH_PORT "${NODE_PORTS[@]}"; do
        port_free "$port" || die "port $port is taken; set BENCH_PORT_BASE to move all bench ports"
    done
}

# url KIND: the path of each upstream behaviour (chat: JSON answer, sse: short stream, slow: slow stream).
upstream_path() {
    case $1 in
        chat) echo /v1/chat/completions ;;
        sse) echo /sse/v1/chat/completions ;;
        slow) echo /slow/v1/chat/completions ;;
    esac
}

# target_url TARGET KIND
target_url() {
    case $1 in
        upstream) echo "http://127.0.0.1:$UPSTREAM_PORT$(upstream_path "$2")" ;;
        nginx-proxy) echo "http://127.0.0.1:$PROXY_PORT$(upstream_path "$2")" ;;
        vertx-proxy) echo "http://127.0.0.1:$VERTX_PROXY_PORT$(upstream_path "$2")" ;;
        portkey) echo "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" ;;
        junction) echo "http://127.0.0.1:$JUNCTION_PORT/v1/chat/completions" ;;
        junction-auth) echo "http://127.0.0.1:$JUNCTION_AUTH_PORT/v1/chat/completions" ;;
        junction-node[123]) echo "http://127.0.0.1:${NODE_PORTS[${1#junction-node} - 1]}/v1/chat/completions" ;;
        state-*) echo "http://127.0.0.1:$(state_port "$1")/v1/chat/completions" ;;
        *) die "unknown target $1" ;;
    esac
}

# h2c_url TARGET KIND: where TARGET takes HTTP/2 with prior knowledge (Junction's one port takes both).
h2c_url() {
    case $1 in
        nginx-proxy) echo "http://127.0.0.1:$PROXY_H2_PORT$(upstream_path "$2")" ;;
        *) target_url "$1" "$2" ;;
    esac
}

# target_urls TARGET KIND: one URL per node of a scenario-7 setup, else the target's one URL.
target_urls() {
    local node
    for node in $(state_nodes "$1"); do
        target_url "$node" "$2"
    done
}

# state_nodes SETUP: the nodes of a scenario-7 setup (a 3-node setup's are SETUP-node1..3); any other target is
# its own one node.
state_nodes() {
    case $1 in
        state-3nodes-batched | state-3nodes-strict) echo "$1-node1 $1-node2 $1-node3" ;;
        *) echo "$1" ;;
    esac
}

# state_port NODE: the HTTP port of a scenario-7 node (its Hazelcast port is this minus PORT_BASE plus HZ_BASE).
state_port() {
    case $1 in
        state-1node-nolimit) echo $((PORT_BASE + 120)) ;;
        state-1node-batched) echo $((PORT_BASE + 121)) ;;
        state-1node-strict) echo $((PORT_BASE + 122)) ;;
        state-3nodes-batched-node[123]) echo $((PORT_BASE + 130 + ${1##*node})) ;;
        state-3nodes-strict-node[123]) echo $((PORT_BASE + 140 + ${1##*node})) ;;
        *) die "unknown scenario-7 node $1" ;;
    esac
}

# target_headers TARGET KIND: extra request headers, one per line.
target_headers() {
    local base
    case $1 in
        portkey)
            base=$(upstream_path "$2")
            printf 'x-portkey-provider: openai\nx-portkey-custom-host: http://127.0.0.1:%s%s\nAuthorization: Bearer sk-bench-upstream\n' \
                "$UPSTREAM_PORT" "${base%/chat/completions}"
            ;;
        junction-auth) printf 'Authorization: Bearer %s\n' "$MASTER_KEY" ;;
    esac
}

# body_file KIND: the request body; the model names a Junction model group bound to that upstream path.
body_file() {
    case $1 in
        chat) echo "$BENCH_DIR/bodies/chat.json" ;;
        sse) echo "$BENCH_DIR/bodies/chat-stream.json" ;;
        slow) echo "$BENCH_DIR/bodies/chat-slow.json" ;;
    esac
}

render_nginx() {
    local template=$1 out=$2 port=$3
    sed -e "s#@PORT@#$port#g; s#@UPSTREAM_PORT@#$UPSTREAM_PORT#g; s#@H2_PORT@#$PROXY_H2_PORT#g; s#@RUN@#$RUN#g; s#@NOFILE@#$(ulimit -n)#g" "$template" >"$out"
}

# The streamed chunks of the upstream's two stream locations, generated for the mode's lengths.
render_stream_bodies() {
    local chunk i
    chunk='{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_bench","choices":[{"index":0,"delta":{"content":" word%s"},"logprobs":null,"finish_reason":null}]}'
    : >"$RUN/sse-body.inc"
    for i in $(seq 1 9); do
        printf "echo_sleep 0.005;\necho -n 'data: $chunk\\\\n\\\\n';\necho_flush;\n" "$i" >>"$RUN/sse-body.inc"
    done
    : >"$RUN/slow-stream.inc"
    for i in $(seq 1 "$SLOW_CHUNKS"); do
        printf "echo_sleep %s;\necho -n 'data: $chunk\\\\n\\\\n';\necho_flush;\n" "$SLOW_INTERVAL" "$i" >>"$RUN/slow-stream.inc"
    done
}

# The upstream every target talks to: nginx and its echo module, or in a --java-only run BenchUpstream (Java), which
# answers the same three paths. The nginx proxy target comes with nginx.
start_upstream() {
    if [[ $JAVA_ONLY == yes ]]; then
        # shellcheck disable=SC2086 # JUNCTION_JAVA_OPTS is a list of JVM flags
        java $JUNCTION_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.BenchUpstream --port "$UPSTREAM_PORT" \
            --slow-chunks "$SLOW_CHUNKS" --slow-interval "$SLOW_INTERVAL" >"$RUN/logs/upstream.log" 2>&1 &
        PIDS+=($!)
        PID_upstream=$!
        log "nginx-proxy: skipped: needs nginx (--java-only; the full run and --quick have it)"
        return
    fi
    start_nginx
}

start_nginx() {
    mkdir -p "$RUN/tmp" && chmod 777 "$RUN/tmp"
    render_stream_bodies
    render_nginx "$BENCH_DIR/conf/upstream.conf" "$RUN/upstream.conf" "$UPSTREAM_PORT"
    render_nginx "$BENCH_DIR/conf/proxy.conf" "$RUN/proxy.conf" "$PROXY_PORT"
    nginx -p "$RUN" -e "$RUN/logs/upstream-startup.log" -c "$RUN/upstream.conf" -g 'daemon off;' \
        >"$RUN/logs/upstream.out" 2>&1 &
    PIDS+=($!)
    PID_upstream=$!
    nginx -p "$RUN" -e "$RUN/logs/proxy-startup.log" -c "$RUN/proxy.conf" -g 'daemon off;' \
        >"$RUN/logs/proxy.out" 2>&1 &
    PIDS+=($!)
    PID_nginx_proxy=$!
}

# The floor of Junction's stack: Vert.x's HTTP server and client relaying to the upstream, nothing else.
start_vertx_proxy() {
    # shellcheck disable=SC2086 # JUNCTION_JAVA_OPTS is a list of JVM flags
    java $JUNCTION_JAVA_OPTS -cp "$BENCH_JAR" dev.junction.bench.load.BareProxy --port "$VERTX_PROXY_PORT" \
        --upstream "http://127.0.0.1:$UPSTREAM_PORT" >"$RUN/logs/vertx-proxy.log" 2>&1 &
    PIDS+=($!)
    PID_vertx_proxy=$!
}

# cpu_ticks TARGET: CPU time (user + system, in clock ticks) used so far by the target's process and its
# children (nginx's workers), all threads included.
cpu_ticks() {
    local var=PID_${1//-/_} pid total=0 ticks
    [[ -n ${!var:-} ]] || { echo 0; return; }
    for pid in ${!var} $(pgrep -P "${!var}"); do
        ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
        total=$((total + ticks))
    done
    echo "$total"
}

start_portkey() {
    (cd "$PORTKEY_DIR" && exec node --import "$BENCH_DIR/conf/portkey-fetch-shim.mjs" "$PORTKEY_MAIN" \
        --headless --port="$PORTKEY_PORT") >"$RUN/logs/portkey.log" 2>&1 &
    PIDS+=($!)
    PID_portkey=$!
}

# start_junction NAME CONFIG HTTP_PORT CLUSTER_NAME HZ_PORT [MEMBERS]
start_junction() {
    local args=(--config "$2" --host 127.0.0.1 --port "$3" --cluster-name "$4" --cluster-port "$5")
    [[ -n ${6:-} ]] && args+=(--cluster-members "$6")
    # shellcheck disable=SC2086 # JUNCTION_JAVA_OPTS is a list of JVM flags
    BENCH_API_BASE="http://127.0.0.1:$UPSTREAM_PORT/v1" \
        BENCH_SSE_API_BASE="http://127.0.0.1:$UPSTREAM_PORT/sse/v1" \
        BENCH_SLOW_API_BASE="http://127.0.0.1:$UPSTREAM_PORT/slow/v1" \
        java $JUNCTION_JAVA_OPTS -jar "$JUNCTION_JAR" "${args[@]}" >"$RUN/logs/$1.log" 2>&1 &
    PIDS+=($!)
    eval "PID_${1//-/_}=$!"
}

start_all() {
    check_ports_free
    if [[ $JAVA_ONLY == yes ]]; then
        log "starting the Java upstream :$UPSTREAM_PORT, bare Vert.x proxy :$VERTX_PROXY_PORT$([[ $PORTKEY == no ]] || echo ", Portkey :$PORTKEY_PORT")"
    else
        log "starting nginx upstream :$UPSTREAM_PORT, nginx proxy :$PROXY_PORT, bare Vert.x proxy :$VERTX_PROXY_PORT$([[ $PORTKEY == no ]] || echo ", Portkey :$PORTKEY_PORT")"
    fi
    start_upstream
    start_vertx_proxy
    [[ $PORTKEY == no ]] || start_portkey
    local suffix=$$ members
    members="127.0.0.1:$((HZ_BASE + 11)),127.0.0.1:$((HZ_BASE + 12)),127.0.0.1:$((HZ_BASE + 13))"
    log "starting Junction :$JUNCTION_PORT, Junction with auth and limits :$JUNCTION_AUTH_PORT"
    start_junction junction "$BENCH_DIR/junction-bench.yaml" "$JUNCTION_PORT" "bench-single-$suffix" $((HZ_BASE + 1))
    start_junction junction-auth "$BENCH_DIR/junction-bench-auth.yaml" "$JUNCTION_AUTH_PORT" \
        "bench-auth-$suffix" $((HZ_BASE + 2))
    # In waves of two JVMs, each once the last serves: seven JVMs starting at once on a busy 2-core machine took
    # Hazelcast's start past Junction's start-up deadline (as in scenario 7), and on a quiet one two at a time
    # already keep both cores busy. The third node joins the cluster the first two formed.
    wait_ready upstream nginx-proxy vertx-proxy portkey junction junction-auth
    log "starting the 3-node cluster :${NODE_PORTS[*]}, two nodes, then the third"
    local i
    for i in 1 2 3; do
        start_junction "junction-node$i" "$BENCH_DIR/junction-bench.yaml" "${NODE_PORTS[i - 1]}" \
            "bench-c3-$suffix" $((HZ_BASE + 10 + i)) "$members"
        ((i == 1)) || wait_ready $(seq -f 'junction-node%g' 1 "$i")
    done
    local joined
    for _ in $(seq 30); do
        joined=$(curl -s "http://127.0.0.1:${NODE_PORTS[0]}/health/readiness" | grep -o '"cluster_members":[0-9]*' | cut -d: -f2)
        [[ $joined == 3 ]] && break
        sleep 1
    done
    [[ $joined == 3 ]] || die "the 3-node cluster has ${joined:-no} members; see $RUN/logs/junction-node*.log"
    log "all targets answer; the cluster has 3 members"
}

# Scenario 7's Junction processes, started for it and stopped after it so they never load the other scenarios.
start_state_targets() {
    local setup node config name hz members
    STATE_PIDS_FROM=${#PIDS[@]}
    for setup in "${STATE_SETUPS[@]}"; do
        for node in $(state_nodes "$setup"); do
            port_free "$(state_port "$node")" || die "port $(state_port "$node") is taken; set BENCH_PORT_BASE"
        done
    done
    # One setup at a time, each ready before the next starts: nine JVMs starting at once on 2 cores (busy with
    # other work too) took Hazelcast's start past Junction's start-up deadline.
    log "starting scenario 7's Junction processes, one setup after another: 3 single nodes, two 3-node clusters"
    for setup in "${STATE_SETUPS[@]}"; do
        case $setup in
            *nolimit) config=$BENCH_DIR/junction-bench.yaml ;;
            *batched) config=$BENCH_DIR/junction-bench-limits.yaml ;;
            *strict) config=$BENCH_DIR/junction-bench-limits-strict.yaml ;;
        esac
        members=
        for node in $(state_nodes "$setup"); do
            members+=${members:+,}127.0.0.1:$(($(state_port "$node") - PORT_BASE + HZ_BASE))
        done
        name="bench-$setup-$$"
        for node in $(state_nodes "$setup"); do
            hz=$(($(state_port "$node") - PORT_BASE + HZ_BASE))
            # A single node lists only itself, so it never looks for (or finds) the others.
            start_junction "$node" "$config" "$(state_port "$node")" "$name" "$hz" "$members"
        done
        for node in $(state_nodes "$setup"); do
            probe "$node" chat 240
        done
        if [[ $setup == state-3nodes-* ]]; then
            for _ in $(seq 30); do
                members=$(curl -s "http://127.0.0.1:$(state_port "$setup-node1")/health/readiness" \
                    | grep -o '"cluster_members":[0-9]*' | cut -d: -f2)
                [[ $members == 3 ]] && break
                sleep 1
            done
            [[ $members == 3 ]] || die "$setup has ${members:-no} members; see $RUN/logs/$setup-node*.log"
        fi
    done
    log "scenario 7's setups answer; both clusters have 3 members"
}

stop_state_targets() {
    local i
    for ((i = STATE_PIDS_FROM; i < ${#PIDS[@]}; i++)); do
        kill "${PIDS[i]}" 2>/dev/null || true
    done
    for ((i = STATE_PIDS_FROM; i < ${#PIDS[@]}; i++)); do
        wait "${PIDS[i]}" 2>/dev/null || true
    done
    PIDS=("${PIDS[@]:0:STATE_PIDS_FROM}")
}

# One real request per target and kind; anything but a 200 with the expected body stops the run.
probe() {
    local target=$1 kind=$2 deadline=$(($(date +%s) + ${3:-180})) headers=() line out
    while IFS= read -r line; do
        [[ -n $line ]] && headers+=(-H "$line")
    done < <(target_headers "$target" "$kind")
    while true; do
        out=$(curl -s -m 10 -o - -w '\n%{http_code}' -H 'content-type: application/json' "${headers[@]}" \
            --data-binary "@$(body_file "$kind")" "$(target_url "$target" "$kind")" 2>/dev/null || true)
        if [[ ${out##*$'\n'} == 200 ]] && grep -q -e 'chat.completion' <<<"$out"; then
            return 0
        fi
        (($(date +%s) < deadline)) || die "$target ($kind) did not answer 200: ${out:0:300}"
        sleep 1
    done
}

# wait_ready TARGET...: each of them (that this run has) answers a chat request, and those with a stream path a
# stream.
wait_ready() {
    local target
    for target in $(active "$@"); do
        probe "$target" chat 240
    done
    for target in $(active "$@"); do
        [[ $target == vertx-proxy || $target == junction-node* ]] || probe "$target" sse 30
    done
}
