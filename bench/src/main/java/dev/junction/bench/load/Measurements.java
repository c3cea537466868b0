package dev.junction.bench.load;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What an open-loop run saw in its measured window. Histograms are in microseconds. */
final class Measurements {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram firstByte = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram senderLag = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder statusErrors = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final WorstPerSlot slots;

    /** @param slots where to keep the worst latency of each 10 ms, or null */
    Measurements(WorstPerSlot slots) {
        this.slots = slots;
    }

    void senderLag(long nanos) {
        sent.increment();
        senderLag.recordValue(Math.min(HIGHEST_MICROS, nanos / 1000));
    }

    void firstByte(long nanosSinceDue) {
        firstByte.recordValue(Math.min(HIGHEST_MICROS, nanosSinceDue / 1000));
    }

    void ok(long nanosSinceDue) {
        ok.increment();
        if (slots != null) {
            slots.record(nanosSinceDue);
        }
        latency.recordValue(Math.min(HIGHEST_MICROS, nanosSinceDue / 1000));
    }

    void ioError() {
        ioErrors.increment();
    }

    void statusError() {
        statusErrors.increment();
    }

    void incomplete() {
        incomplete.increment();
    }

    void timeouts(long count) {
        timeouts.add(count);
    }

    /** A copy of the latency histogram (see {@link #describe}). */
    Histogram latency() {
        return latency.copy();
    }

    /**
     * Reads copies of the histograms: an answer that arrives after the drain deadline may still be recorded
     * meanwhile, and iterating a histogram while it records fails.
     */
    void describe(JsonObject out, long measureNanos) {
        Histogram latency = this.latency.copy();
        Histogram firstByte = this.firstByte.copy();
        Histogram senderLag = this.senderLag.copy();
        long errors = ioErrors.sum() + statusErrors.sum() + incomplete.sum() + timeouts.sum();
        out.put("sent", sent.sum())
                .put("ok", ok.sum())
                .put("achieved_rps", Math.round(ok.sum() / (measureNanos / 1e9) * 10) / 10.0)
                .put("errors", errors)
                .put("errors_io", ioErrors.sum())
                .put("non2xx", statusErrors.sum())
                .put("errors_incomplete", incomplete.sum())
                .put("errors_timeout", timeouts.sum());
        ResultLine.percentiles(out, "lat", latency);
        if (firstByte.getTotalCount() > 0) {
            ResultLine.percentiles(out, "ttft", firstByte);
        }
        out.put("sender_lag_p99_ms", senderLag.getValueAtPercentile(99) / 1000.0)
                .put("sender_lag_max_ms", senderLag.getMaxValue() / 1000.0);
    }
}
