package dev.junction.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An HTTP request to send upstream. Always a POST with a JSON body.
 *
 * @param url the absolute URL
 * @param headers the headers, credentials included
 * @param body the encoded body
 */
public record UpstreamRequest(String url, MultiMap headers, Buffer body) {}
