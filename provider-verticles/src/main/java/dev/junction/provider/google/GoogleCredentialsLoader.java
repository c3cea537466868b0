package dev.junction.provider.google;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Google credentials as LiteLLM finds them for Vertex AI: {@code vertex_credentials} holds a credentials JSON
 * (a service account's key file, or any type Google's library reads) or the path of such a file; without it,
 * the application default credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's login, the metadata
 * server). All of this reads files or the network, so it runs on a worker thread only.
 */
final class GoogleCredentialsLoader {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private GoogleCredentialsLoader() {}

    /** @param spec the {@code vertex_credentials} value, or null for the application default credentials */
    static GoogleCredentials load(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
        }
        String trimmed = spec.strip();
        try (InputStream in = trimmed.startsWith("{")
                ? new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.UTF_8))
                : Files.newInputStream(Path.of(trimmed))) {
            return GoogleCredentials.fromStream(in).createScoped(SCOPES);
        }
    }

    /** The project the credentials name: a service account's own, else the quota project, else the environment's. */
    static String projectOf(GoogleCredentials credentials) {
        if (credentials instanceof ServiceAccountCredentials account && account.getProjectId() != null) {
            return account.getProjectId();
        }
        if (credentials.getQuotaProjectId() != null) {
            return credentials.getQuotaProjectId();
        }
        return System.getenv("GOOGLE_CLOUD_PROJECT");
    }
}
