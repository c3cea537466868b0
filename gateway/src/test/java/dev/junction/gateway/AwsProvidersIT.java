package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.BedrockWire;
import dev.junction.testkit.EventStreamFrames;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.SigV4Verifier;
import dev.junction.testkit.StsWire;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bedrock and SageMaker end to end: the official OpenAI SDK against a Junction node, whose AWS deployments call a
 * fake that checks every request's SigV4 signature (recomputed from AWS's published algorithm, not with the
 * SDK signer Junction uses) and answers in Bedrock's and SageMaker's wire formats, event streams included.
 */
class AwsProvidersIT {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYJUNCTIONKEY";
    private static final String HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String SONNET = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    private static final String ROLE_KEY = "ASIAJUNCTIONROLE0003";
    private static final String ROLE_SECRET = "role-secret-from-sts";
    private static final String ROLE_TOKEN = "IQoJb3JpZ2luX2VjEROLETOKEN";
    private static GatewayHarness gateway;
    private static Vertx stsVertx;
    private static FakeUpstream sts;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        // STS answers at its endpoint's root, so it gets a fake server of its own.
        stsVertx = Vertx.vertx();
        sts = GatewayHarness.await(FakeUpstream.start(stsVertx));
        gateway = GatewayHarness.start(
                "/e2e/aws.yaml", Map.of("STS", sts.baseUrl()), "junction-aws-" + java.util.UUID.randomUUID(), null);
        List<SigV4Verifier.Key> keys = List.of(
                new SigV4Verifier.Key("AKIDJUNCTIONE2E000001", SECRET, null),
                new SigV4Verifier.Key(
                        "ASIAJUNCTIONE2E00002", "session-secret-e2e", "FwoGZXIvYXdzEJr//////////wEaDE2ETOKEN"),
                new SigV4Verifier.Key(ROLE_KEY, ROLE_SECRET, ROLE_TOKEN));
        gateway.upstream.guard(
                "/bedrock", BedrockWire.requireSignature(new SigV4Verifier("bedrock", "us-east-1", keys)));
        sts.guard("/", BedrockWire.requireSignature(new SigV4Verifier("sts", "us-east-1", keys)));
        gateway.upstream.guard(
                "/sagemaker", BedrockWire.requireSignature(new SigV4Verifier("sagemaker", "eu-west-1", keys)));
        client = gateway.openAi("sk-master-aws");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
        GatewayHarness.await(stsVertx.close());
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static String bedrock(String model, String operation) {
        return BedrockWire.path("/bedrock", model, operation);
    }

    @Test
    void a_chat_is_signed_for_bedrock_and_translated_both_ways() {
        gateway.upstream
                .on(bedrock(HAIKU, "converse"))
                .reply(BedrockWire.ok(BedrockWire.converse("Hello from Bedrock!", "end_turn", 12, 5)));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock")
                        .addSystemMessage("Be brief.")
                        .addUserMessage("Say hello")
                        .maxCompletionTokens(64)
                        .build());
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Bedrock!");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);
        assertThat(raw.headers().values("x-litellm-model-api-base"))
                .containsExactly(gateway.upstream.baseUrl() + "/bedrock");
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDJUNCTIONE2E000001/");
        assertThat(sent.header("authorization")).contains("/us-east-1/bedrock/aws4_request");
        JsonObject body = sent.bodyAsJson();
        assertThat(body.getJsonArray("system"))
                .isEqualTo(new JsonArray().add(new JsonObject().put("text", "Be brief.")));
        assertThat(body.getJsonArray("messages").getJsonObject(0).getJsonArray("content"))
                .isEqualTo(new JsonArray().add(new JsonObject().put("text", "Say hello")));
        assertThat(body.getJsonObject("inferenceConfig"))
                .isEqualTo(new JsonObject().put("maxTokens", 64).put("temperature", 0.3));
        assertThat(body.encode()).doesNotContain(SECRET).doesNotContain("aws_");
    }

    @Test
    void session_credentials_sign_with_their_token_on_the_route_prefixed_model() {
        gateway.upstream
                .on(bedrock(SONNET, "converse"))
                .reply(BedrockWire.ok(BedrockWire.converse("Signed with a session.", "end_turn", 3, 4)));

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock-session")
                        .addUserMessage("hi")
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("Signed with a session.");
        assertThat(gateway.upstream.lastRequest().header("x-amz-security-token"))
                .isEqualTo("FwoGZXIvYXdzEJr//////////wEaDE2ETOKEN");
    }

    @Test
    void aws_role_name_is_assumed_through_sts_once_and_the_role_credentials_sign_the_calls() {
        gateway.upstream
                .on(bedrock("anthropic.claude-3-haiku-20240307-v1:0", "converse"))
                .replyAlways(BedrockWire.ok(BedrockWire.converse("Signed as the role.", "end_turn", 3, 4)));
        sts.on("/").reply(Answer.raw(200, "text/xml", StsWire.assumeRoleResponse(ROLE_KEY, ROLE_SECRET, ROLE_TOKEN)));

        for (int i = 0; i < 3; i++) {
            ChatCompletion completion = client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("claude-bedrock-role")
                            .addUserMessage("hi")
                            .build());
            assertThat(completion.choices().get(0).message().content()).contains("Signed as the role.");
        }

        List<RecordedRequest> assumeRole = sts.requests();
        assertThat(assumeRole)
                .as("the role's credentials are cached until close to expiry")
                .hasSize(1);
        assertThat(assumeRole.get(0).bodyAsString())
                .contains("Action=AssumeRole")
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fjunction-bedrock")
                .contains("RoleSessionName=junction-e2e");
        assertThat(assumeRole.get(0).header("authorization")).contains("Credential=AKIDJUNCTIONE2E000001/");
        assertThat(gateway.upstream.lastRequest().header("authorization")).contains("Credential=" + ROLE_KEY + "/");
        assertThat(gateway.upstream.lastRequest().header("x-amz-security-token"))
                .isEqualTo(ROLE_TOKEN);
    }

    @Test
    void a_wrong_secret_fails_the_fakes_signature_check_and_the_client_gets_bedrocks_reason_as_a_401() {
        UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("bedrock-wrong-secret")
                        .addUserMessage("hi")
                        .build()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.getMessage())
                .contains("litellm.AuthenticationError: BedrockException - The request signature we calculated does "
                        + "not match")
                .doesNotContain("not-the-right-secret");
    }

    @Test
    void tools_and_tool_results_go_as_converse_blocks_and_tool_use_comes_back_as_tool_calls() {
        JsonObject input = new JsonObject().put("city", "Paris");
        gateway.upstream
                .on(bedrock(HAIKU, "converse"))
                .reply(BedrockWire.ok(BedrockWire.converse(
                        new JsonArray()
                                .add(BedrockWire.toolUse("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "get_weather", input)),
                        "tool_use",
                        40,
                        18)));
        List<Map<String, Object>> tools = List.of(Map.of(
                "type",
                "function",
                "function",
                Map.of(
                        "name",
                        "get_weather",
                        "description",
                        "Weather of a city",
                        "parameters",
                        Map.of("type", "object"))));
        List<Map<String, Object>> messages = List.of(
                Map.of("role", "user", "content", "Weather in Paris and Rome?"),
                Map.of(
                        "role",
                        "assistant",
                        "tool_calls",
                        List.of(Map.of(
                                "id",
                                "tooluse_first",
                                "type",
                                "function",
                                "function",
                                Map.of("name", "get_weather", "arguments", "{\"city\":\"Rome\"}")))),
                Map.of("role", "tool", "tool_call_id", "tooluse_first", "content", "18C and sunny"));

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock")
                        .messages(List.of())
                        .putAdditionalBodyProperty("messages", JsonValue.from(messages))
                        .putAdditionalBodyProperty("tools", JsonValue.from(tools))
                        .putAdditionalBodyProperty("tool_choice", JsonValue.from("required"))
                        .build());

        ChatCompletionMessageToolCall call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().id()).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(new JsonObject(call.asFunction().function().arguments())).isEqualTo(input);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        JsonObject toolSpec = sent.getJsonObject("toolConfig")
                .getJsonArray("tools")
                .getJsonObject(0)
                .getJsonObject("toolSpec");
        assertThat(toolSpec.getString("name")).isEqualTo("get_weather");
        assertThat(toolSpec.getJsonObject("inputSchema").getJsonObject("json"))
                .isEqualTo(new JsonObject().put("type", "object"));
        assertThat(sent.getJsonObject("toolConfig").getJsonObject("toolChoice"))
                .isEqualTo(new JsonObject().put("any", new JsonObject()));
        JsonArray turns = sent.getJsonArray("messages");
        assertThat(turns.getJsonObject(1)
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getJsonObject("toolUse"))
                .isEqualTo(new JsonObject()
                        .put("toolUseId", "tooluse_first")
                        .put("name", "get_weather")
                        .put("input", new JsonObject().put("city", "Rome")));
        assertThat(turns.getJsonObject(2).getString("role")).isEqualTo("user");
        assertThat(turns.getJsonObject(2)
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getJsonObject("toolResult"))
                .isEqualTo(new JsonObject()
                        .put("toolUseId", "tooluse_first")
                        .put("content", new JsonArray().add(new JsonObject().put("text", "18C and sunny"))));
    }

    @Test
    void a_converse_stream_arrives_as_chunks_with_usage_when_asked() {
        gateway.upstream
                .on(bedrock(HAIKU, "converse-stream"))
                .reply(BedrockWire.stream(BedrockWire.textStream("One two three four five", 5, 9, 6)));

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock")
                        .addUserMessage("Count")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            chunks = stream.stream().collect(Collectors.toList());
        }

        String text = chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("One two three four five");
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason()
                        .isPresent()))
                .hasSize(1);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(9);
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(6);
        assertThat(gateway.upstream.lastRequest().header("accept")).isEqualTo(BedrockWire.EVENT_STREAM);
    }

    // The mid-stream failures below are asked with num_retries 0: with a retry left, the answer would be
    // continued (FaultsIT), not ended with the error event these tests are about.
    @Test
    void a_frame_with_a_corrupted_crc_ends_the_stream_with_an_in_band_error_not_garbage() throws Exception {
        List<Buffer> frames = BedrockWire.textStream("Never seen in full", 3, 4, 4);
        gateway.upstream
                .on(bedrock(HAIKU, "converse-stream"))
                .reply(BedrockWire.stream(BedrockWire.corrupt(frames, 2)));

        HttpResponse<String> answer = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"claude-bedrock\",\"stream\":true,\"num_retries\":0,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "authorization",
                "Bearer sk-master-aws",
                "content-type",
                "application/json");

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> events = List.of(answer.body().split("\n\n"));
        assertThat(events).allMatch(event -> event.startsWith("data: {"));
        assertThat(events.get(events.size() - 1))
                .contains("\"error\"")
                .contains("BedrockException - bedrock sent the event stream is corrupted");
        assertThat(answer.body()).doesNotContain("[DONE]").doesNotContain("fghijklmn");
        assertThat(events.stream().filter(event -> event.contains("\"error\""))).hasSize(1);
        assertThat(new JsonObject(events.get(1).substring("data: ".length()))
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("delta")
                        .getString("content"))
                .as("the frame before the corrupted one was delivered")
                .isEqualTo("Never ");
    }

    @Test
    void an_exception_frame_mid_stream_becomes_an_error_event() throws Exception {
        List<Buffer> frames = BedrockWire.textStream("Partial", 1, 4, 4).subList(0, 2);
        List<Buffer> withException = new java.util.ArrayList<>(frames);
        withException.add(EventStreamFrames.exception("throttlingException", "Too many tokens per minute."));
        gateway.upstream.on(bedrock(HAIKU, "converse-stream")).reply(BedrockWire.stream(withException));

        HttpResponse<String> answer = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"claude-bedrock\",\"stream\":true,\"num_retries\":0,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "authorization",
                "Bearer sk-master-aws",
                "content-type",
                "application/json");

        assertThat(answer.body()).contains("Partial");
        assertThat(answer.body())
                .contains("litellm.RateLimitError: BedrockException - Too many tokens per minute.")
                .contains("\"code\":\"429\"")
                .doesNotContain("[DONE]");
        assertThat(E2eClient.sseData(answer.body()).stream().filter(event -> event.contains("\"error\"")))
                .hasSize(1);
    }

    @Test
    void a_sagemaker_chat_stream_that_fails_ends_with_exactly_one_error_event() throws Exception {
        String chunk = "data: {\"id\":\"\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"tgi\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Partial\"},\"finish_reason\":null}]}\n\n";
        String containerError = "data: {\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\"}}\n\n";
        Buffer firstPart = EventStreamFrames.event("PayloadPart", chunk.getBytes(StandardCharsets.UTF_8));
        Map<String, Buffer> endings = Map.of(
                "SagemakerException - the model crashed",
                EventStreamFrames.exception("ModelStreamError", "the model crashed"),
                "SagemakerException - CUDA out of memory",
                EventStreamFrames.event("PayloadPart", containerError.getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, Buffer> ending : endings.entrySet()) {
            gateway.upstream
                    .on("/sagemaker/endpoints/tgi-messages-endpoint/invocations-response-stream")
                    .reply(Answer.frames(
                            BedrockWire.EVENT_STREAM, List.of(firstPart, ending.getValue()), java.time.Duration.ZERO));

            HttpResponse<String> answer = new E2eClient(gateway, "sk-master-aws")
                    .chat(E2eClient.chatBody("sagemaker-chat")
                            .put("stream", true)
                            .put("num_retries", 0));

            List<String> data = E2eClient.sseData(answer.body());
            assertThat(E2eClient.streamedContent(answer.body())).isEqualTo("Partial");
            assertThat(data).doesNotContain("[DONE]");
            assertThat(data.stream().filter(event -> event.contains("\"error\"")))
                    .as(ending.getKey())
                    .hasSize(1);
            assertThat(data.get(data.size() - 1)).contains(ending.getKey());
        }
    }

    @Test
    void titan_embeddings_go_through_invoke_model() {
        gateway.upstream
                .on(bedrock("amazon.titan-embed-text-v2:0", "invoke"))
                .reply(BedrockWire.ok(BedrockWire.titanEmbedding(List.of(0.25, -0.5, 0.125), 7)));

        CreateEmbeddingResponse embeddings = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("titan-embed")
                        .input("The cat sat")
                        .dimensions(256)
                        .build());

        assertThat(embeddings.data().get(0).embedding()).containsExactly(0.25f, -0.5f, 0.125f);
        assertThat(embeddings.usage().promptTokens()).isEqualTo(7);
        assertThat(gateway.upstream.lastRequest().bodyAsJson())
                .isEqualTo(new JsonObject().put("inputText", "The cat sat").put("dimensions", 256));
    }

    @Test
    void throttling_is_retried_and_when_it_persists_the_client_gets_a_429() {
        String path = bedrock("meta.llama3-1-8b-instruct-v1:0", "converse");
        gateway.upstream
                .on(path)
                .reply(
                        BedrockWire.throttled(),
                        BedrockWire.ok(BedrockWire.converse("After a retry.", "end_turn", 2, 3)));

        HttpResponseFor<ChatCompletion> retried = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("throttled-bedrock")
                        .addUserMessage("hi")
                        .build());
        assertThat(retried.parse().choices().get(0).message().content()).contains("After a retry.");
        assertThat(retried.headers().values("x-litellm-attempted-retries")).containsExactly("1");

        gateway.upstream.on(path).reply(BedrockWire.throttled(), BedrockWire.throttled());
        RateLimitException limited = catchThrowableOfType(RateLimitException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("throttled-bedrock")
                        .addUserMessage("hi")
                        .build()));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getMessage())
                .contains("litellm.RateLimitError: BedrockException - Too many requests, please wait");
        assertThat(gateway.upstream.requests(path)).hasSize(4);
    }

    @Test
    void input_too_long_is_a_context_window_error_and_its_fallback_answers() {
        gateway.upstream
                .on(bedrock("mistral.mistral-7b-instruct-v0:2", "converse"))
                .reply(BedrockWire.inputTooLong());
        gateway.upstream
                .on(bedrock("amazon.nova-pro-v1:0", "converse"))
                .reply(BedrockWire.ok(BedrockWire.converse("The long model answered.", "end_turn", 300000, 5)));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("short-bedrock")
                        .addUserMessage("a very long prompt")
                        .build());

        assertThat(raw.parse().choices().get(0).message().content()).contains("The long model answered.");
        assertThat(raw.headers().values("x-litellm-model-group")).containsExactly("long-bedrock");
        assertThat(raw.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
    }

    @Test
    void a_group_whose_provider_is_not_supported_answers_400_naming_it_while_the_rest_serve() {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("granite")
                        .addUserMessage("hi")
                        .build()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage())
                .contains(
                        "model=granite has no deployment Junction can serve: its provider 'watsonx' is not supported");
        assertThat(refused.param()).contains("model");
        assertThat(client.models().list().data())
                .extracting(model -> model.id())
                .contains("claude-bedrock")
                .doesNotContain("granite");
    }

    @Test
    void sagemaker_chat_sends_openai_messages_to_the_endpoint_and_streams_payload_parts() {
        String invocations = "/sagemaker/endpoints/tgi-messages-endpoint/invocations";
        JsonObject answer = new JsonObject()
                .put("id", "")
                .put("object", "chat.completion")
                .put("created", 1732000000)
                .put("model", "tgi")
                .put(
                        "choices",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("index", 0)
                                        .put(
                                                "message",
                                                new JsonObject()
                                                        .put("role", "assistant")
                                                        .put("content", "From TGI."))
                                        .put("finish_reason", "stop")))
                .put(
                        "usage",
                        new JsonObject()
                                .put("prompt_tokens", 8)
                                .put("completion_tokens", 3)
                                .put("total_tokens", 11));
        gateway.upstream.on(invocations).reply(Answer.json(200, answer));

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("sagemaker-chat")
                        .addUserMessage("hi")
                        .build());
        assertThat(completion.choices().get(0).message().content()).contains("From TGI.");
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("authorization")).contains("/eu-west-1/sagemaker/aws4_request");
        assertThat(sent.bodyAsJson().getJsonArray("messages").getJsonObject(0).getString("content"))
                .isEqualTo("hi");

        String sse =
                "data: {\"id\":\"\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"tgi\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Str\"},\"finish_reason\":null}]}\n\n"
                        + "data: {\"id\":\"\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"tgi\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{\"content\":\"eamed\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        // Parts cut mid-line, as SageMaker forwards the container's bytes in whatever pieces it reads them.
        List<Buffer> parts = List.of(
                EventStreamFrames.event("PayloadPart", java.util.Arrays.copyOfRange(bytes, 0, 40)),
                EventStreamFrames.event("PayloadPart", java.util.Arrays.copyOfRange(bytes, 40, 170)),
                EventStreamFrames.event("PayloadPart", java.util.Arrays.copyOfRange(bytes, 170, bytes.length)));
        gateway.upstream
                .on("/sagemaker/endpoints/tgi-messages-endpoint/invocations-response-stream")
                .reply(Answer.frames(BedrockWire.EVENT_STREAM, parts, java.time.Duration.ZERO));
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("sagemaker-chat")
                        .addUserMessage("hi")
                        .build())) {
            text = stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("Streamed");
    }

    @Test
    void sagemaker_tgi_gets_inputs_and_parameters_and_its_generation_comes_back_as_a_message() {
        gateway.upstream
                .on("/sagemaker/endpoints/jumpstart-dft-hf-llm-mistral-7b/invocations")
                .reply(Answer.raw(200, "application/json", "[{\"generated_text\":\"Paris is the capital.\"}]"));

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("sagemaker-tgi")
                        .addUserMessage("Capital of France?")
                        .maxTokens(20)
                        .temperature(0.0)
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("Paris is the capital.");
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getString("inputs")).isEqualTo("Capital of France?");
        assertThat(sent.getJsonObject("parameters"))
                .isEqualTo(new JsonObject().put("max_new_tokens", 20).put("temperature", 0.01));
    }
}
