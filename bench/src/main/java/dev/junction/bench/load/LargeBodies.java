package dev.junction.bench.load;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends many large chat requests at once and reports how each was answered, and the target's heap as its GC
 * log ({@code -Xlog:gc:file=...}) shows it.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.load.LargeBodies --url http://127.0.0.1:4000/v1/chat/completions
 *     --model big --concurrency 24 --mb 30 [--message-mb 1] [--timeout 120] [--gc-log gc.log] [--label '"scenario":"x"']
 * </pre>
 *
 * Prints one JSON line: the count of answers per status (the calls never answered within the timeout
 * included) and, with a GC log, the heap peak, the largest heap left after a collection and the full
 * collections.
 */
public final class LargeBodies {
    /** A unified-logging GC line: {@code ... Pause Young (Normal) (G1 Evacuation Pause) 612M->80M(1024M) 12.3ms}. */
    private static final Pattern OCCUPANCY = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private LargeBodies() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int concurrency = (int) args.number("concurrency", 24);
        byte[] body = body(args.string("model", "big"), (int) (args.number("mb", 30) * 1024 * 1024), (int)
                (args.number("message-mb", 1) * 1024 * 1024));
        Duration timeout = Duration.ofSeconds((long) args.number("timeout", 120));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args.required("url")))
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.merge(outcome(call, timeout), 1, Integer::sum);
        }
        JsonObject line = new JsonObject()
                .put("concurrency", concurrency)
                .put("body_mb", body.length / 1024.0 / 1024.0)
                .put("answers", new JsonObject(new TreeMap<>(statuses)));
        String gcLog = args.string("gc-log", null);
        if (gcLog != null) {
            describeHeap(Files.readAllLines(Path.of(gcLog)), line);
        }
        String label = args.string("label", null);
        System.out.println(
                label == null
                        ? line.encode()
                        : "{" + label + "," + line.encode().substring(1));
    }

    /** A status code, {@code unanswered} (no answer in time) or {@code failed (why)} (the connection broke). */
    private static String outcome(CompletableFuture<HttpResponse<String>> call, Duration timeout) {
        try {
            return Integer.toString(
                    call.get(timeout.toSeconds() + 10, TimeUnit.SECONDS).statusCode());
        } catch (java.util.concurrent.TimeoutException late) {
            return "unanswered";
        } catch (java.util.concurrent.ExecutionException broken) {
            Throwable cause = broken.getCause();
            return cause instanceof java.net.http.HttpTimeoutException
                    ? "unanswered"
                    : "failed (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Messages of {@code messageBytes} ASCII characters each (as a long conversation), {@code bytes} in all.
     * Jackson refuses a single string over 20 M characters by default, so one huge message would measure that.
     */
    private static byte[] body(String model, int bytes, int messageBytes) {
        String open = "{\"role\":\"user\",\"content\":\"";
        String close = "\"}";
        String message = open + "a".repeat(messageBytes) + close;
        StringBuilder body =
                new StringBuilder(bytes).append("{\"model\":\"").append(model).append("\",\"messages\":[");
        int fixedTail = open.length() + close.length() + 2;
        while (body.length() + message.length() + 1 + fixedTail <= bytes) {
            body.append(message).append(',');
        }
        int rest = Math.max(0, bytes - body.length() - fixedTail);
        body.append(open).append("a".repeat(rest)).append(close).append("]}");
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * From the GC log: the largest occupancy a collection started from (the peak, garbage included), the largest
     * it left (what was still referenced), and how many full collections there were.
     */
    static void describeHeap(List<String> gcLog, JsonObject out) {
        long peak = 0;
        long afterGc = 0;
        int fullGcs = 0;
        for (String line : gcLog) {
            Matcher occupancy = OCCUPANCY.matcher(line);
            if (occupancy.find()) {
                peak = Math.max(peak, Long.parseLong(occupancy.group(1)));
                afterGc = Math.max(afterGc, Long.parseLong(occupancy.group(2)));
                fullGcs += line.contains("Pause Full") ? 1 : 0;
            }
        }
        out.put("heap_peak_mb", peak).put("heap_max_after_gc_mb", afterGc).put("full_gcs", fullGcs);
    }
}
