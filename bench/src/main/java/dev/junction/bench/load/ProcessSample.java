package dev.junction.bench.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM process's footprint at one moment: RSS and threads from {@code /proc/PID/status}, heap used and
 * committed from {@code jstat -gc}. With {@code afterGc}, a full GC is requested first ({@code jcmd PID
 * GC.run}), so "used" is then the live set.
 */
record ProcessSample(long rssKb, long threads, double heapUsedMb, double heapCommittedMb) {

    static ProcessSample of(long pid, boolean afterGc) {
        if (afterGc) {
            run(List.of("jcmd", Long.toString(pid), "GC.run"));
        }
        long rss = statusField(pid, "VmRSS:");
        long threads = statusField(pid, "Threads:");
        String[] jstat =
                run(List.of("jstat", "-gc", Long.toString(pid))).strip().split("\n");
        String[] names = jstat[0].strip().split("\\s+");
        String[] values = jstat[jstat.length - 1].strip().split("\\s+");
        double used = 0;
        double committed = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            double kb = Double.parseDouble(values[i]);
            switch (names[i]) {
                case "S0U", "S1U", "EU", "OU" -> used += kb;
                case "S0C", "S1C", "EC", "OC" -> committed += kb;
                default -> {}
            }
        }
        return new ProcessSample(rss, threads, used / 1024, committed / 1024);
    }

    void describe(JsonObject out, String prefix) {
        out.put(prefix + "_rss_mb", Math.round(rssKb / 102.4) / 10.0)
                .put(prefix + "_threads", threads)
                .put(prefix + "_heap_used_mb", Math.round(heapUsedMb * 10) / 10.0)
                .put(prefix + "_heap_committed_mb", Math.round(heapCommittedMb * 10) / 10.0);
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
                }
            }
            throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
