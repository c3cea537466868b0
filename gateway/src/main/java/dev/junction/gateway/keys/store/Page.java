package dev.junction.gateway.keys.store;

import java.util.List;

/**
 * One page of a listing and the number of rows on all pages.
 *
 * @param rows this page's rows
 * @param total how many rows match in all
 */
public record Page<T>(List<T> rows, int total) {
    public Page {
        rows = List.copyOf(rows);
    }
}
