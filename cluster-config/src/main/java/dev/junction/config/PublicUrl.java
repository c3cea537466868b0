package dev.junction.config;

/**
 * An endpoint URL as a client may see it ({@code /model/info}, the {@code x-litellm-model-api-base} header):
 * without the user info ({@code https://user:password@host}), the query ({@code ?key=...}, {@code ?sig=...})
 * and the fragment, where credentials of an {@code api_base} live.
 */
public final class PublicUrl {
    private PublicUrl() {}

    /** {@code url} without user info, query and fragment; the same string when it has none (the usual case). */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        int end = url.length();
        int query = url.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = url.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        String kept = end == url.length() ? url : url.substring(0, end);
        int at = kept.indexOf('@');
        if (at < 0) {
            return kept;
        }
        int scheme = kept.indexOf("://");
        int authorityStart = scheme >= 0 ? scheme + 3 : 0;
        int path = kept.indexOf('/', authorityStart);
        int authorityEnd = path >= 0 ? path : kept.length();
        int userInfoEnd = kept.lastIndexOf('@', authorityEnd - 1);
        if (userInfoEnd < authorityStart) {
            return kept; // an '@' in the path is not user info
        }
        return kept.substring(0, authorityStart) + kept.substring(userInfoEnd + 1);
    }
}
