package dev.junction.gateway.keys.store;

import dev.junction.config.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    @Override
    public String toString() {
        return "postgresql (" + location + ")";
    }

    /** Parses {@code url}; {@code source} names where it came from in the error of a malformed one. */
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
            throw new IllegalArgumentException(
                    source + " must be a postgresql:// URL (postgresql://user:password@host:port/db)");
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
            throw new IllegalArgumentException(source + " has no host");
        }
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

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
