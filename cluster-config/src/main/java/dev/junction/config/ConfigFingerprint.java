package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short hash of what decides routing: the deployments (their ids already hash every resolved parameter)
 * and the router settings. Two nodes of one cluster that route on different model lists is a classic
 * outage, so nodes compare fingerprints. Secrets only enter through the deployment ids, which are one-way.
 */
public final class ConfigFingerprint {
    private ConfigFingerprint() {}

    public static String of(JunctionConfig config) {
        JsonArray deployments = new JsonArray();
        config.deployments()
                .forEach(d -> deployments.add(new JsonArray().add(d.modelName()).add(d.id())));
        JsonObject routing = new JsonObject()
                .put("deployments", deployments)
                .put("router", config.router().merged());
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(routing.encode().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }
}
