package dev.junction.gateway;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenTelemetry collector's OTLP/HTTP traces endpoint ({@code POST /v1/traces}, protobuf), decoding what it
 * receives with the protocol's own generated classes. Keeps every span and the headers of the last export.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> serviceNames = new CopyOnWriteArrayList<>();
    private volatile io.vertx.core.MultiMap lastHeaders;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start(Vertx vertx) throws Exception {
        OtlpReceiver[] self = new OtlpReceiver[1];
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (!request.path().equals("/v1/traces")) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    self[0].received(request.headers(), body);
                    request.response()
                            .putHeader("content-type", "application/x-protobuf")
                            .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance()
                                    .toByteArray()));
                }));
        self[0] = new OtlpReceiver(server);
        GatewayHarness.await(server.listen(0, "127.0.0.1"));
        return self[0];
    }

    private void received(io.vertx.core.MultiMap headers, Buffer body) {
        lastHeaders = headers;
        try {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.getBytes());
            for (ResourceSpans resource : export.getResourceSpansList()) {
                resource.getResource().getAttributesList().stream()
                        .filter(attribute -> attribute.getKey().equals("service.name"))
                        .forEach(attribute ->
                                serviceNames.add(attribute.getValue().getStringValue()));
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    spans.addAll(scope.getSpansList());
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException invalid) {
            throw new IllegalStateException("not an OTLP traces export", invalid);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    List<String> serviceNames() {
        return List.copyOf(serviceNames);
    }

    String lastHeader(String name) {
        return lastHeaders == null ? null : lastHeaders.get(name);
    }

    @Override
    public void close() throws Exception {
        GatewayHarness.await(server.close());
    }
}
