package dev.junction.provider.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** {@code aws_role_name}: a role assumed through STS, its credentials refreshed by the SDK before they expire. */
final class StsRoles {
    /** The session name when none is configured; it shows in the role's CloudTrail entries. */
    static final String DEFAULT_SESSION_NAME = "junction-session";

    private StsRoles() {}

    static AwsCredentialsProvider assumeRole(Map<String, String> params, AwsCredentialsProvider base) {
        StsClientBuilder sts = StsClient.builder()
                .credentialsProvider(base)
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(stsRegion(params)));
        String endpoint = params.get("aws_sts_endpoint");
        if (endpoint != null) {
            sts.endpointOverride(URI.create(endpoint));
        }
        String session = params.getOrDefault("aws_session_name", DEFAULT_SESSION_NAME);
        String externalId = params.get("aws_external_id");
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                // Refreshed on the worker that asks, never by a thread of the SDK's own.
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(request -> request.roleArn(params.get("aws_role_name"))
                        .roleSessionName(session)
                        .externalId(externalId))
                .build();
    }

    /** The region STS is called in: the deployment's, which the config always resolves. */
    private static String stsRegion(Map<String, String> params) {
        return params.getOrDefault("aws_region_name", "us-west-2");
    }
}
