# Sourced by run.sh: installing the tools, building, and describing the machine.

PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}

log() {
    printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
    log "ERROR: $*"
    exit 1
}

# wrk, nginx and nginx's echo module (the streaming upstream) from Debian; Portkey (install_portkey) from npm
# into .cache, unless the run leaves it out (--no-portkey, --smoke, --only cluster). A --java-only run (--smoke)
# needs neither wrk nor nginx.
install_tools() {
    [[ $JAVA_ONLY == no ]] || return 0
    if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null \
        || [[ ! -f /usr/lib/nginx/modules/ngx_http_echo_module.so ]]; then
        [[ $(id -u) -eq 0 ]] || die "wrk, nginx and libnginx-mod-http-echo are missing; run as root or install them"
        log "installing wrk, nginx and libnginx-mod-http-echo with apt-get"
        apt-get update -q >"$RUN/logs/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            wrk nginx-light libnginx-mod-http-echo >>"$RUN/logs/apt.log" 2>&1 \
            || die "apt-get install failed, see $RUN/logs/apt.log"
    fi
}

install_portkey() {
    PORTKEY_DIR=$CACHE/portkey
    [[ $PORTKEY == yes ]] || return 0
    command -v node >/dev/null || die "node is needed for the Portkey baseline (or pass --no-portkey)"
    PORTKEY_MAIN=$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js
    if [[ ! -f $PORTKEY_MAIN ]] || ! grep -q "\"version\": \"$PORTKEY_VERSION\"" \
        "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/package.json"; then
        log "installing @portkey-ai/gateway@$PORTKEY_VERSION into $PORTKEY_DIR"
        mkdir -p "$PORTKEY_DIR"
        [[ -f $PORTKEY_DIR/package.json ]] || echo '{"name":"junction-bench-portkey","private":true}' >"$PORTKEY_DIR/package.json"
        npm install --prefix "$PORTKEY_DIR" --no-audit --no-fund --loglevel=error \
            "@portkey-ai/gateway@$PORTKEY_VERSION" >"$RUN/logs/npm.log" 2>&1 \
            || die "npm install failed, see $RUN/logs/npm.log"
    fi
}

build_jars() {
    if [[ $BUILD == yes || ! -f $JUNCTION_JAR || ! -f $BENCH_JAR ]]; then
        log "building junction.jar and junction-bench.jar (mvn package -pl bench -am, no tests)"
        (cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am) >"$RUN/logs/mvn.log" 2>&1 \
            || die "build failed, see $RUN/logs/mvn.log"
    fi
}

# Enough descriptors for 10,000 streams: with the client side multiplexed over h2c (scenario 3b), the gateway
# and the upstream hold one per stream for the upstream connections.
raise_limits() {
    ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    log "open files limit: $(ulimit -n)"
    if [[ -z $ONLY ]] && (($(ulimit -n) < SLOW_STREAMS + 1000)); then
        log "warning: a gateway relaying $SLOW_STREAMS streams needs about $((SLOW_STREAMS + 1000)) descriptors"
    fi
}

# key=value lines the report prints as the conditions of the run.
describe_machine() {
    local out=$RUN/env.properties
    {
        echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "mode=$MODE"
        echo "rounds=$ROUNDS"
        echo "cores=$(nproc)"
        echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
        echo "memory=$(free -h | awk '/^Mem:/{print $2}')"
        echo "kernel=$(uname -sr)"
        echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
        echo "jdk=$(java -version 2>&1 | head -2 | tail -1)"
        echo "junction_commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
        echo "junction_java_opts=$JUNCTION_JAVA_OPTS"
        if [[ $JAVA_ONLY == yes ]]; then
            echo "upstream=BenchUpstream (Java, Vert.x; --java-only)"
            echo "wrk=not run: ClosedLoop (Java) instead (--java-only)"
            echo "skipped_targets=nginx-proxy$([[ $PORTKEY == yes ]] || echo ,portkey)"
        else
            echo "upstream=nginx with the echo module (conf/upstream.conf)"
            echo "nginx=$(nginx -v 2>&1 | sed 's/^nginx version: //')"
            echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
        fi
        echo "node=$(node --version 2>/dev/null || echo none)"
        if [[ $PORTKEY == yes ]]; then
            echo "portkey=@portkey-ai/gateway $PORTKEY_VERSION"
        else
            echo "portkey=not run"
            [[ $JAVA_ONLY == yes ]] || echo "skipped_targets=portkey"
        fi
        if [[ $STATE == no ]]; then
            # Scenario 7 starts nine more JVMs one after another: alone longer than the rest of the smoke.
            echo "skipped_scenarios=state-peak,state-latency"
        fi
        if [[ $JAVA_ONLY == yes ]]; then
            echo "wrk_settings=ClosedLoop: 1 thread, ${WRK_CONNECTIONS} connections, ${WRK_WARMUP} s warm-up + ${WRK_DURATION} s measured in one process"
        else
            echo "wrk_settings=${WRK_THREADS} threads, ${WRK_CONNECTIONS} connections, ${WRK_WARMUP} s warm-up + ${WRK_DURATION} s measured"
        fi
        echo "openloop_settings=${OL_WARMUP} s warm-up + ${OL_DURATION} s measured, latency from the intended send time"
        echo "stream_settings=${STREAM_WARMUP} s warm-up + ${STREAM_DURATION} s measured; slow streams: ${SLOW_STREAMS} x ${SLOW_CHUNKS} chunks ${SLOW_INTERVAL} s apart, opened at ${SLOW_RAMP}/s"
        echo "jmh_settings=$JMH_ARGS"
        echo "open_files_limit=$(ulimit -n) per process (hard limit $(ulimit -Hn))"
        echo "load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
        echo "busy_at_start=$(busy_processes)"
    } >"$out"
}

# The other processes using CPU right now (their command names and share), to tell how quiet the machine was.
busy_processes() {
    ps -eo pcpu=,comm= --sort=-pcpu | awk -v self="$$" '$1 > 5 {printf "%s%s %s%%", (n++ ? ", " : ""), $2, $1} END {if (!n) print "none"}'
}
