package dev.junction.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI chat stream that goes wrong on demand, the way providers' streams do in production: a first
 * chunk that comes late, a connection cut or a stall after some chunks, a data line that is not JSON, a
 * close without {@code [DONE]}. Faults combine.
 *
 * <pre>{@code
 * upstream.on(OpenAiWire.CHAT_PATH)
 *         .reply(FaultyStream.of(OpenAiWire.chat("gpt-4o").content("The quick brown fox"), 4).cutAfter(3).answer());
 * }</pre>
 *
 * <p>Frames are counted as the stream has them: the role chunk, one chunk per piece of content, the finish
 * chunk, then {@code [DONE]}; {@code cutAfter(3)} sends the role chunk and two pieces.
 */
public final class FaultyStream {
    /** What a misbehaving server sends in place of a chunk: cut short, not JSON. */
    public static final String MALFORMED_FRAME = "data: {\"id\":\"chatcmpl-broken\",\"choices\":[{\"delta\":\n\n";

    private final List<String> frames;
    private Duration firstDelay = Duration.ZERO;
    private Duration gap = Duration.ZERO;
    private StreamAnswer.Ending ending = StreamAnswer.Ending.END;
    private int keep;

    private FaultyStream(List<String> frames) {
        this.frames = new ArrayList<>(frames);
        this.keep = frames.size();
    }

    /** {@code chat} streamed in {@code pieces} content chunks, without usage. */
    public static FaultyStream of(OpenAiChat chat, int pieces) {
        return of(chat, pieces, false);
    }

    /** {@code chat} streamed in {@code pieces} content chunks, with a usage chunk when {@code includeUsage}. */
    public static FaultyStream of(OpenAiChat chat, int pieces, boolean includeUsage) {
        return new FaultyStream(chat.streamEvents(pieces, includeUsage));
    }

    /** The head at once, then nothing for {@code delay} before the first chunk. */
    public FaultyStream firstChunkAfter(Duration delay) {
        this.firstDelay = delay;
        return this;
    }

    /** {@code gap} between frames (none by default). */
    public FaultyStream gap(Duration gap) {
        this.gap = gap;
        return this;
    }

    /** Sends the first {@code count} frames, then resets the connection: a stream cut mid-answer. */
    public FaultyStream cutAfter(int count) {
        return upTo(count, StreamAnswer.Ending.DROP);
    }

    /** Sends the first {@code count} frames, then stays silent with the connection open: a stalled stream. */
    public FaultyStream stallAfter(int count) {
        return upTo(count, StreamAnswer.Ending.HANG);
    }

    /** Sends the first {@code count} frames, then ends the response cleanly: a cut that looks like an end. */
    public FaultyStream closeAfter(int count) {
        return upTo(count, StreamAnswer.Ending.END);
    }

    /** Leaves out {@code [DONE]}: the stream ends cleanly after its finish chunk. */
    public FaultyStream withoutDone() {
        frames.remove(Sse.DONE);
        keep = Math.min(keep, frames.size());
        return this;
    }

    /** Puts {@link #MALFORMED_FRAME} before frame {@code index}. */
    public FaultyStream malformedAt(int index) {
        frames.add(index, MALFORMED_FRAME);
        keep++;
        return this;
    }

    private FaultyStream upTo(int count, StreamAnswer.Ending end) {
        this.keep = Math.min(count, frames.size());
        this.ending = end;
        return this;
    }

    /** The frames the answer sends, in order, before its ending. */
    public List<String> frames() {
        return List.copyOf(frames.subList(0, keep));
    }

    public Answer answer() {
        return new StreamAnswer(frames.subList(0, keep), firstDelay, gap, ending, null, Map.of());
    }
}
