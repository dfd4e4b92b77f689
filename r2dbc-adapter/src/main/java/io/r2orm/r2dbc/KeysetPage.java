package io.r2orm.r2dbc;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One keyset page: its rows and the opaque page token of the next page, or null on the last page.
 * Pass the page token back to {@link SelectQuery#page(int, String)} (e.g. as {@code ?after=} of a
 * web request) to continue. Immutable.
 *
 * @param items the rows of the page, in the query's order
 * @param next the page token of the next page, or null when this is the last
 * @param <T> the entity type
 */
public record KeysetPage<T>(List<T> items, @Nullable String next) {
  public KeysetPage {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return next != null;
  }
}
