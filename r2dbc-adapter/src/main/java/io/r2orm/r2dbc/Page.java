package io.r2orm.r2dbc;

import java.util.List;

/**
 * One keyset page: its rows and the opaque cursor of the next page, or null on the last page.
 * Pass the cursor back to {@link SelectQuery#page(int, String)} (e.g. as {@code ?after=} of a web
 * request) to continue. Immutable.
 *
 * @param items the rows of the page, in the query's order
 * @param next the cursor of the next page, or null when this is the last
 * @param <T> the entity type
 */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return next != null;
  }
}
