package dev.junction.gateway.keys.store;

import dev.junction.config.ConfigException;
import dev.junction.config.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL URL in LiteLLM's form, {@code postgresql://user:password@host:port/db?sslmode=require} (or
 * {@code postgres://}, or a {@code jdbc:postgresql://} URL as is), turned into a JDBC URL without
 * credentials plus the URL-decoded user and password. Prisma's {@code schema} parameter becomes pgjdbc's
 * {@code currentSchema}.
 *
 * @param jdbcUrl the JDBC URL; never holds the password
 * @param user the user, or null
 * @param password the password, or null
 * @param location {@code host:port/db}, for messages
 */
public record DatabaseUrl(String jdbcUrl, String user, Secret password, String location) {
    /** LiteLLM's documented form, quoted in every refusal. */
    static final String EXPECTED_FORM = "postgresql://user:password@host:5432/db";
    /** One host of {@code host1:port,host2:port}: a name or a bracketed IPv6 address, then an optional port. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:/\\[\\],]+)(:(\\d{1,5}))?");

    @Override
    public String toString() {
        return "postgresql (" + location + ")";
    }

    /**
     * Parses {@code url}; {@code source} names where it came from in the error of a malformed one, which says
     * what form is expected and never shows the URL (it may hold a password).
     */
    public static DatabaseUrl parse(String url, String source) {
        String text = url.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else if (lower.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else {
            throw refused(source, "must be a postgresql:// URL");
        }
        int query = rest.indexOf('?');
        String head = query < 0 ? rest : rest.substring(0, query);
        List<String> parameters =
                query < 0 ? List.of() : List.of(rest.substring(query + 1).split("&"));
        // The last '@' ends the credentials: an unencoded '@' in a password still parses.
        int at = head.lastIndexOf('@');
        String credentials = at < 0 ? null : head.substring(0, at);
        String hostAndDatabase = head.substring(at + 1);
        if (hostAndDatabase.isEmpty() || hostAndDatabase.startsWith("/")) {
            throw refused(source, "has no host");
        }
        checkHosts(hostAndDatabase, source);
        String user = null;
        Secret password = null;
        if (credentials != null) {
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon));
            password = colon < 0 ? null : Secret.of(decode(credentials.substring(colon + 1)));
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : parameters) {
            String[] pair = parameter.split("=", 2);
            String value = pair.length == 2 ? decode(pair[1]) : "";
            // User and password go to the driver as properties, so that the URL (which drivers log) never
            // holds them.
            switch (pair[0]) {
                case "" -> {}
                case "user" -> user = user == null ? value : user;
                case "password" -> password = password == null ? Secret.of(value) : password;
                case "schema" -> kept.add("currentSchema=" + (pair.length == 2 ? pair[1] : ""));
                default -> kept.add(parameter);
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + hostAndDatabase + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(jdbcUrl, user, password, hostAndDatabase);
    }

    /** The PostgreSQL driver refuses a URL with a port that is not a number (as "No suitable driver"). */
    private static void checkHosts(String hostAndDatabase, String source) {
        int slash = hostAndDatabase.indexOf('/');
        String hosts = slash < 0 ? hostAndDatabase : hostAndDatabase.substring(0, slash);
        for (String host : hosts.split(",", -1)) {
            Matcher matcher = HOST.matcher(host);
            if (!matcher.matches() || (matcher.group(3) != null && Integer.parseInt(matcher.group(3)) > 65535)) {
                throw refused(source, "has a host or port the PostgreSQL driver cannot read");
            }
        }
    }

    private static ConfigException refused(String source, String problem) {
        return new ConfigException(source, problem + "; expected " + EXPECTED_FORM);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
