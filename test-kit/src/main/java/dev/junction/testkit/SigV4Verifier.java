package dev.junction.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 the way an AWS service does, recomputed here from AWS's published algorithm
 * (not with the SDK signer Junction signs with): canonical request, string to sign, derived key, HMAC.
 *
 * <p>The payload hash is computed from the body actually received, so a body changed after signing fails too.
 */
public final class SigV4Verifier {
    private static final Pattern AUTHORIZATION =
            Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");

    /** What a failed check says, in the terms of AWS's own error types. */
    public enum Problem {
        MISSING_AUTHENTICATION,
        UNKNOWN_ACCESS_KEY,
        SIGNATURE_MISMATCH
    }

    /** A key pair the fake accepts; {@code sessionToken} null for long-term keys. */
    public record Key(String accessKeyId, String secret, String sessionToken) {}

    private final String service;
    private final String region;
    private final Map<String, Key> keys;

    public SigV4Verifier(String service, String region, List<Key> keys) {
        this.service = service;
        this.region = region;
        this.keys = keys.stream().collect(java.util.stream.Collectors.toMap(Key::accessKeyId, key -> key));
    }

    /** Null when the request is signed correctly for this service and region with a known key. */
    public Problem check(RecordedRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || request.header("x-amz-date") == null) {
            return Problem.MISSING_AUTHENTICATION;
        }
        Matcher parts = AUTHORIZATION.matcher(authorization);
        if (!parts.matches()) {
            return Problem.MISSING_AUTHENTICATION;
        }
        Key key = keys.get(parts.group(1));
        if (key == null) {
            return Problem.UNKNOWN_ACCESS_KEY;
        }
        List<String> signedHeaders = Arrays.asList(parts.group(5).split(";"));
        boolean scopeMatches =
                parts.group(2).equals(request.header("x-amz-date").substring(0, 8))
                        && parts.group(3).equals(region)
                        && parts.group(4).equals(service)
                        && signedHeaders.contains("host")
                        && signedHeaders.contains("x-amz-date");
        boolean tokenMatches = key.sessionToken() == null
                || (key.sessionToken().equals(request.header("x-amz-security-token"))
                        && signedHeaders.contains("x-amz-security-token"));
        if (!scopeMatches || !tokenMatches) {
            return Problem.SIGNATURE_MISMATCH;
        }
        String expected =
                signature(key.secret(), request.method().name(), request.uri(), request, signedHeaders, parts.group(2));
        return MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        parts.group(6).getBytes(StandardCharsets.US_ASCII))
                ? null
                : Problem.SIGNATURE_MISMATCH;
    }

    /** The signature AWS would compute for {@code request} as received. */
    public String signature(
            String secret, String method, String uri, RecordedRequest request, List<String> signed, String date) {
        String amzDate = request.header("x-amz-date");
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String canonical = String.join(
                "\n",
                method,
                canonicalPath(path),
                query < 0 ? "" : canonicalQuery(uri.substring(query + 1)),
                canonicalHeaders(request, signed),
                String.join(";", signed),
                hex(sha256(request.body().getBytes())));
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        for (String part : new String[] {region, service, "aws4_request"}) {
            signingKey = hmac(signingKey, part);
        }
        return hex(hmac(signingKey, toSign));
    }

    /** Every service but S3 encodes each segment of the path as sent once more (AWS's "double encoding"). */
    static String canonicalPath(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            sorted.put(encode(decode(name)), encode(decode(value)));
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) ->
                out.append(out.isEmpty() ? "" : "&").append(name).append('=').append(value));
        return out.toString();
    }

    private static String canonicalHeaders(RecordedRequest request, List<String> signed) {
        StringBuilder out = new StringBuilder();
        for (String name : signed) {
            List<String> values = request.headers().getAll(name);
            out.append(name.toLowerCase(Locale.ROOT)).append(':');
            for (int i = 0; i < values.size(); i++) {
                out.append(i > 0 ? "," : "").append(values.get(i).strip().replaceAll("\\s+", " "));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, in upper-case hex. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
