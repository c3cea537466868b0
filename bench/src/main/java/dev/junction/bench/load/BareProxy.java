package dev.junction.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * The floor of the stack Junction is built on: a Vert.x HTTP server that forwards every request to one
 * upstream with Vert.x's HTTP client and relays the answer, on the same transport, event loops and pool size as
 * Junction, doing nothing else (no routing, no JSON, no event bus, no limits). What Junction costs beyond this
 * is Junction's own; what this costs beyond the nginx proxy is Vert.x's.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.load.BareProxy --port 18090 --upstream http://127.0.0.1:18080
 * </pre>
 */
public final class BareProxy extends VerticleBase {
    private final int port;
    private final URI upstream;
    private HttpClient client;

    private BareProxy(int port, URI upstream) {
        this.port = port;
        this.upstream = upstream;
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        int port = (int) args.number("port", 18090);
        URI upstream = URI.create(args.required("upstream"));
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new BareProxy(port, upstream), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("bare Vert.x proxy on :" + port + " -> " + upstream))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setDefaultHost(upstream.getHost())
                        .setDefaultPort(upstream.getPort()),
                new PoolOptions().setHttp1MaxSize(20_000).setMaxWaitQueueSize(-1));
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .requestHandler(this::forward)
                .listen(port, "127.0.0.1");
    }

    private void forward(HttpServerRequest request) {
        request.body()
                .compose(body -> client.request(new RequestOptions()
                                .setMethod(HttpMethod.POST)
                                .setURI(request.uri())
                                .putHeader(HttpHeaders.CONTENT_TYPE, request.getHeader(HttpHeaders.CONTENT_TYPE)))
                        .compose(out -> out.send(body)))
                .compose(answer -> answer.body().map(bytes -> {
                    request.response()
                            .setStatusCode(answer.statusCode())
                            .putHeader(HttpHeaders.CONTENT_TYPE, answer.getHeader(HttpHeaders.CONTENT_TYPE))
                            .end(bytes);
                    return bytes;
                }))
                .onFailure(failure -> request.response().setStatusCode(502).end());
    }
}
