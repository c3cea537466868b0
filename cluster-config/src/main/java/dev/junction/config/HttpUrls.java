package dev.junction.config;

import java.net.MalformedURLException;
import java.net.URL;

/** What an upstream endpoint must look like for the providers' HTTP client to call it at all. */
public final class HttpUrls {
    private HttpUrls() {}

    /** Whether {@code text} is an absolute http(s) URL with a host, parsed as the HTTP client parses it. */
    public static boolean isAbsoluteHttp(String text) {
        try {
            URL url = new URL(text);
            return ("http".equals(url.getProtocol()) || "https".equals(url.getProtocol()))
                    && !url.getHost().isEmpty();
        } catch (MalformedURLException malformed) {
            return false;
        }
    }
}
