package dev.junction.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** AWS STS's query-protocol answers (XML), for tests of role assumption. */
public final class StsWire {
    private StsWire() {}

    /** An {@code AssumeRole} answer handing out the given temporary credentials, valid for an hour. */
    public static String assumeRoleResponse(String accessKeyId, String secret, String sessionToken) {
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:junction-e2e</AssumedRoleId>
                      <Arn>arn:aws:sts::123456789012:assumed-role/junction-bedrock/junction-e2e</Arn>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>%s</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata>
                    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                  </ResponseMetadata>
                </AssumeRoleResponse>
                """
                .formatted(accessKeyId, secret, sessionToken, expiry);
    }
}
