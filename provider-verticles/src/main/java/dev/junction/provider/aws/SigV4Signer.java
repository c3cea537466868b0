package dev.junction.provider.aws;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.config.Deployment;
import dev.junction.provider.RequestSigner;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs an AWS request with Signature Version 4, using the AWS SDK's signer over the final URL, headers and
 * body. The credentials come from {@link AwsCredentialSources}; the signature itself is computed on the event
 * loop (a hash of the body and a few HMACs). A request that already carries an {@code Authorization} header (a
 * Bedrock API key, sent as a bearer token) goes as it is.
 */
public final class SigV4Signer implements RequestSigner {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Vertx vertx;
    private final AwsCredentialSources credentials;
    private final String service;
    private final String label;
    private final Clock clock;

    /**
     * @param service the signing name: {@code bedrock} for Bedrock's runtime, {@code sagemaker} for SageMaker's
     * @param label how errors name the provider, e.g. {@code BedrockException}
     */
    public SigV4Signer(Vertx vertx, AwsCredentialSources credentials, String service, String label, Clock clock) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.service = service;
        this.label = label;
        this.clock = clock;
    }

    @Override
    public Future<UpstreamRequest> sign(ProviderCall call, UpstreamRequest request) {
        if (request.headers().contains("authorization")) {
            return Future.succeededFuture(request);
        }
        Deployment deployment = call.deployment();
        String region = deployment.stringParam("aws_region_name").orElse("us-west-2");
        return credentials
                .credentials(vertx, deployment, label)
                .map(identity -> sign(request, identity, service, region, clock));
    }

    /**
     * Signs one made-up request, so that the SDK signer's many classes are loaded by the calling thread (a worker
     * at start-up) rather than by the event loop that signs the first real request. Blocking: class loading.
     */
    public static void preload() {
        UpstreamRequest example = new UpstreamRequest(
                "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse",
                MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json"),
                io.vertx.core.buffer.Buffer.buffer("{}"));
        sign(
                example,
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDPRELOAD", "preload"),
                "bedrock",
                "us-east-1",
                Clock.systemUTC());
    }

    /** The request with the signature's headers added ({@code Authorization}, {@code X-Amz-Date}, ...). */
    public static UpstreamRequest sign(
            UpstreamRequest request, AwsCredentialsIdentity identity, String service, String region, Clock clock) {
        SdkHttpRequest.Builder http =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(request.url()));
        request.headers().forEach(header -> http.appendHeader(header.getKey(), header.getValue()));
        byte[] body = request.body().getBytes();
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(http.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        signed.request().forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        return new UpstreamRequest(request.url(), headers, request.body());
    }
}
