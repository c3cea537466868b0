#!/usr/bin/env bash
# Heap under many large request bodies at once: starts Junction (a mocked model, so that no upstream is
# involved) with JUNCTION_JAVA_OPTS (default -Xmx1g) and a GC log, sends --concurrency bodies of --mb MB at
# once, and prints one JSON line: the answers by status, the calls never answered, and the heap peak (the
# largest occupancy a collection started from), plus whether the node logged an OutOfMemoryError.
#
#   bench/large-bodies.sh [--concurrency 24] [--mb 30] [--jar FILE] [--config-extra 'general_settings: ...']
#
# Uses the jars as built (mvn -B -q -DskipTests package first). A measurement, not part of BENCHMARKS.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
JAR=$ROOT/gateway/target/junction.jar
BENCH_JAR=$BENCH_DIR/target/junction-bench.jar
CONCURRENCY=24 MB=30 EXTRA=
while (($#)); do
    case $1 in
        --concurrency) CONCURRENCY=$2 && shift ;;
        --mb) MB=$2 && shift ;;
        --jar) JAR=$(realpath "$2") && shift ;;
        --config-extra) EXTRA=$2 && shift ;;
        -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2 && exit 2 ;;
    esac
    shift
done
[[ -f $JAR && -f $BENCH_JAR ]] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

RUN=$(mktemp -d /tmp/junction-large-bodies.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$RUN/config.yaml" <<YAML
model_list:
  - model_name: big
    litellm_params:
      model: openai/gpt-4o
      mock_response: "ok"
general_settings:
  max_request_size_mb: 32
$EXTRA
YAML
# shellcheck disable=SC2086
java ${JUNCTION_JAVA_OPTS:--Xmx1g} -Xlog:gc:file="$RUN/gc.log" -jar "$JAR" --config "$RUN/config.yaml" \
    --host 127.0.0.1 --port "$PORT" --cluster-name "large-bodies-$$" --data-dir "$RUN/data" >"$RUN/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true; wait $NODE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/health/liveliness" >/dev/null && break
    kill -0 $NODE 2>/dev/null || { cat "$RUN/node.log" >&2; exit 1; }
    sleep 0.5
done
RESULT=$(java -Xmx3g -cp "$BENCH_JAR" dev.junction.bench.load.LargeBodies \
    --url "http://127.0.0.1:$PORT/v1/chat/completions" --model big --concurrency "$CONCURRENCY" --mb "$MB" \
    --gc-log "$RUN/gc.log")
OOM=$(grep -c OutOfMemoryError "$RUN/node.log" || true)
echo "${RESULT%\}},\"node_out_of_memory_lines\":$OOM,\"run_dir\":\"$RUN\"}"
