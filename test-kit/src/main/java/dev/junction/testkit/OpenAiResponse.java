package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Responses API answer as OpenAI returns it from {@code POST /v1/responses}, whole or streamed: a {@code
 * response} object with message and {@code function_call} output items, and the named events of its stream
 * ({@code response.created} ... {@code response.completed}), each numbered by {@code sequence_number}.
 */
public final class OpenAiResponse {
    private final String model;
    private final List<JsonObject> output = new ArrayList<>();
    private String id = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";
    private int inputTokens = 36;
    private int outputTokens = 87;

    OpenAiResponse(String model) {
        this.model = model;
    }

    public OpenAiResponse id(String id) {
        this.id = id;
        return this;
    }

    public OpenAiResponse text(String text) {
        JsonObject part = new JsonObject()
                .put("type", "output_text")
                .put("text", text)
                .put("annotations", new JsonArray())
                .put("logprobs", new JsonArray());
        output.add(new JsonObject()
                .put("type", "message")
                .put("id", "msg_67ccd2bf17f0819081ff3bb2cf6508e6" + output.size())
                .put("status", "completed")
                .put("role", "assistant")
                .put("content", new JsonArray().add(part)));
        return this;
    }

    public OpenAiResponse functionCall(String callId, String name, String arguments) {
        output.add(new JsonObject()
                .put("type", "function_call")
                .put("id", "fc_67ca09c6bedc8190a7abfec07b1a1332" + output.size())
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments)
                .put("status", "completed"));
        return this;
    }

    public OpenAiResponse usage(int inputTokens, int outputTokens) {
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        return this;
    }

    /** The whole {@code response} object. */
    public JsonObject json() {
        JsonArray items = new JsonArray();
        output.forEach(item -> items.add(item.copy()));
        return envelope("completed").put("output", items).put("usage", usageJson());
    }

    public Answer answer() {
        return Answer.json(200, json());
    }

    /** The named events of the streamed form, text split into {@code pieces} deltas. */
    public List<String> streamEvents(int pieces) {
        List<String> events = new ArrayList<>();
        int[] sequence = {0};
        JsonObject start =
                envelope("in_progress").put("output", new JsonArray()).putNull("usage");
        events.add(event(sequence, "response.created", new JsonObject().put("response", start)));
        events.add(event(sequence, "response.in_progress", new JsonObject().put("response", start.copy())));
        for (int index = 0; index < output.size(); index++) {
            itemEvents(output.get(index), index, pieces, sequence, events);
        }
        events.add(event(sequence, "response.completed", new JsonObject().put("response", json())));
        return events;
    }

    public Answer streamAnswer(int pieces) {
        return Answer.sse(streamEvents(pieces), Duration.ZERO);
    }

    private void itemEvents(JsonObject item, int index, int pieces, int[] sequence, List<String> events) {
        boolean message = "message".equals(item.getString("type"));
        JsonObject added = item.copy().put("status", "in_progress");
        if (message) {
            added.put("content", new JsonArray());
        } else {
            added.put("arguments", "");
        }
        events.add(event(
                sequence,
                "response.output_item.added",
                new JsonObject().put("output_index", index).put("item", added)));
        JsonObject at = new JsonObject().put("item_id", item.getString("id")).put("output_index", index);
        if (message) {
            String text = item.getJsonArray("content").getJsonObject(0).getString("text");
            JsonObject part = item.getJsonArray("content").getJsonObject(0);
            events.add(event(
                    sequence,
                    "response.content_part.added",
                    at.copy().put("content_index", 0).put("part", part.copy().put("text", ""))));
            for (String piece : Pieces.split(text, pieces)) {
                events.add(event(
                        sequence,
                        "response.output_text.delta",
                        at.copy().put("content_index", 0).put("delta", piece).put("logprobs", new JsonArray())));
            }
            events.add(event(
                    sequence,
                    "response.output_text.done",
                    at.copy().put("content_index", 0).put("text", text).put("logprobs", new JsonArray())));
            events.add(event(
                    sequence,
                    "response.content_part.done",
                    at.copy().put("content_index", 0).put("part", part)));
        } else {
            for (String piece : Pieces.split(item.getString("arguments"), pieces)) {
                events.add(event(
                        sequence,
                        "response.function_call_arguments.delta",
                        at.copy().put("delta", piece)));
            }
            events.add(event(
                    sequence,
                    "response.function_call_arguments.done",
                    at.copy().put("arguments", item.getString("arguments"))));
        }
        events.add(event(
                sequence,
                "response.output_item.done",
                new JsonObject().put("output_index", index).put("item", item)));
    }

    private static String event(int[] sequence, String type, JsonObject fields) {
        return Sse.event(type, fields.put("type", type).put("sequence_number", sequence[0]++));
    }

    private JsonObject envelope(String status) {
        return new JsonObject()
                .put("id", id)
                .put("object", "response")
                .put("created_at", 1741476542L)
                .put("status", status)
                .put("background", false)
                .putNull("error")
                .putNull("incomplete_details")
                .putNull("instructions")
                .putNull("max_output_tokens")
                .put("model", model)
                .put("parallel_tool_calls", true)
                .putNull("previous_response_id")
                .put("reasoning", new JsonObject().putNull("effort").putNull("summary"))
                .put("store", true)
                .put("temperature", 1.0)
                .put("text", new JsonObject().put("format", new JsonObject().put("type", "text")))
                .put("tool_choice", "auto")
                .put("tools", new JsonArray())
                .put("top_p", 1.0)
                .put("truncation", "disabled")
                .putNull("user")
                .put("metadata", new JsonObject());
    }

    private JsonObject usageJson() {
        return new JsonObject()
                .put("input_tokens", inputTokens)
                .put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
                .put("output_tokens", outputTokens)
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                .put("total_tokens", inputTokens + outputTokens);
    }
}
