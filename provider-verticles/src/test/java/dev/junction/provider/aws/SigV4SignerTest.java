package dev.junction.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.provider.UpstreamRequest;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.SigV4Verifier;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The SDK's signature as Junction applies it, checked by the test-kit's independent verifier; the verifier
 * itself is checked on the worked example of AWS's SigV4 documentation.
 */
class SigV4SignerTest {
    private static final Clock AT = Clock.fixed(Instant.parse("2024-11-20T10:15:30Z"), ZoneOffset.UTC);
    private static final String URL =
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";

    private static RecordedRequest received(UpstreamRequest signed) {
        String uri = signed.url().substring(signed.url().indexOf("/model/"));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(signed.headers());
        headers.set("host", "bedrock-runtime.us-east-1.amazonaws.com");
        return new RecordedRequest(
                HttpMethod.POST, uri, uri, headers, MultiMap.caseInsensitiveMultiMap(), signed.body(), Instant.now());
    }

    private static UpstreamRequest request(String body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/json")
                .add("accept", "application/json");
        return new UpstreamRequest(URL, headers, Buffer.buffer(body));
    }

    @Test
    void a_signed_request_passes_an_independent_sigv4_check_and_a_changed_body_fails_it() {
        SigV4Verifier verifier = new SigV4Verifier(
                "bedrock", "us-east-1", List.of(new SigV4Verifier.Key("AKIDEXAMPLE", "s3cr3t", null)));
        UpstreamRequest signed = SigV4Signer.sign(
                request("{\"messages\":[]}"),
                AwsBasicCredentials.create("AKIDEXAMPLE", "s3cr3t"),
                "bedrock",
                "us-east-1",
                AT);

        assertThat(signed.headers().get("x-amz-date")).isEqualTo("20241120T101530Z");
        assertThat(verifier.check(received(signed))).isNull();

        UpstreamRequest tampered =
                new UpstreamRequest(signed.url(), signed.headers(), Buffer.buffer("{\"messages\":[1]}"));
        assertThat(verifier.check(received(tampered))).isEqualTo(SigV4Verifier.Problem.SIGNATURE_MISMATCH);
        UpstreamRequest otherRegion = SigV4Signer.sign(
                request("{}"), AwsBasicCredentials.create("AKIDEXAMPLE", "s3cr3t"), "bedrock", "us-west-2", AT);
        assertThat(verifier.check(received(otherRegion))).isEqualTo(SigV4Verifier.Problem.SIGNATURE_MISMATCH);
    }

    @Test
    void session_credentials_add_a_signed_security_token() {
        SigV4Verifier verifier = new SigV4Verifier(
                "sagemaker", "eu-west-1", List.of(new SigV4Verifier.Key("ASIAEXAMPLE", "s3cr3t", "token-1")));
        UpstreamRequest signed = SigV4Signer.sign(
                request("{}"),
                AwsSessionCredentials.create("ASIAEXAMPLE", "s3cr3t", "token-1"),
                "sagemaker",
                "eu-west-1",
                AT);

        assertThat(signed.headers().get("x-amz-security-token")).isEqualTo("token-1");
        assertThat(signed.headers().get("authorization")).contains("x-amz-security-token");
        assertThat(verifier.check(received(signed))).isNull();
    }

    @Test
    void the_verifier_reproduces_the_signature_of_awss_documented_example() {
        // AWS's SigV4 walk-through: GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .add("host", "iam.amazonaws.com")
                .add("x-amz-date", "20150830T123600Z");
        String uri = "/?Action=ListUsers&Version=2010-05-08";
        RecordedRequest example = new RecordedRequest(
                HttpMethod.GET, uri, "/", headers, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), Instant.now());
        SigV4Verifier verifier = new SigV4Verifier("iam", "us-east-1", List.of());

        String signature = verifier.signature(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "GET",
                uri,
                example,
                List.of("content-type", "host", "x-amz-date"),
                "20150830");

        assertThat(signature).isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }
}
