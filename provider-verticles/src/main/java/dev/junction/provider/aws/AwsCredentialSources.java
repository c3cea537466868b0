package dev.junction.provider.aws;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Where each AWS deployment's credentials come from, as LiteLLM picks them: {@code aws_role_name} (assumed
 * through STS, from the keys or profile below, else the default chain), else {@code aws_profile_name}, else
 * {@code aws_access_key_id} + {@code aws_secret_access_key} (+ {@code aws_session_token}), else the AWS SDK's
 * default chain (environment, system properties, web identity, profile, container and instance roles).
 *
 * <p>One source per distinct set of credential parameters, shared by every verticle instance of a node, so that
 * a role is assumed once per node, not once per event loop. Thread-safe.
 */
public final class AwsCredentialSources {
    static final List<String> PARAMS = List.of(
            "aws_access_key_id",
            "aws_secret_access_key",
            "aws_session_token",
            "aws_profile_name",
            "aws_role_name",
            "aws_session_name",
            "aws_external_id",
            "aws_sts_endpoint",
            "aws_region_name");

    private final Clock clock;
    private final Map<Map<String, String>, CachedCredentials> byParams = new ConcurrentHashMap<>();

    public AwsCredentialSources() {
        this(Clock.systemUTC());
    }

    AwsCredentialSources(Clock clock) {
        this.clock = clock;
    }

    /** The deployment's credentials; fails with an authentication error when none can be found. */
    Future<AwsCredentialsIdentity> credentials(Vertx vertx, Deployment deployment, String label) {
        CachedCredentials source =
                byParams.computeIfAbsent(key(deployment), k -> new CachedCredentials(() -> provider(k), clock));
        return source.get(vertx).recover(failure -> Future.failedFuture(unusable(label, failure.getMessage())));
    }

    private static Map<String, String> key(Deployment deployment) {
        Map<String, String> key = new java.util.HashMap<>();
        for (String param : PARAMS) {
            deployment.stringParam(param).filter(value -> !value.isBlank()).ifPresent(value -> key.put(param, value));
        }
        return Map.copyOf(key);
    }

    private static AwsCredentialsProvider provider(Map<String, String> params) {
        if (params.containsKey("aws_role_name")) {
            return StsRoles.assumeRole(params, base(params));
        }
        return base(params);
    }

    private static AwsCredentialsProvider base(Map<String, String> params) {
        Optional<String> profile = Optional.ofNullable(params.get("aws_profile_name"));
        if (profile.isPresent()) {
            return ProfileCredentialsProvider.builder()
                    .profileName(profile.get())
                    .build();
        }
        String keyId = params.get("aws_access_key_id");
        String secret = params.get("aws_secret_access_key");
        if (keyId != null && secret != null) {
            String token = params.get("aws_session_token");
            return StaticCredentialsProvider.create(
                    token == null
                            ? AwsBasicCredentials.create(keyId, secret)
                            : AwsSessionCredentials.create(keyId, secret, token));
        }
        if (keyId != null || secret != null) {
            throw new IllegalArgumentException("aws_access_key_id and aws_secret_access_key must be set together");
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** LiteLLM words a missing credential as an authentication error; the SDK's reason never holds a secret. */
    private static GatewayException unusable(String label, String reason) {
        return GatewayException.of(
                ErrorKind.AUTHENTICATION,
                ErrorKind.AUTHENTICATION.describe(
                        label + " Invalid Authentication - Unable to locate credentials: " + reason));
    }
}
