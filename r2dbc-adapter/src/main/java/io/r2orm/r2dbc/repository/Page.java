package io.r2orm.r2dbc.repository;

import java.util.List;
import java.util.Objects;

/**
 * One page of entities with the total count, from {@link ReactiveRepository#findPage} or a derived
 * query declared to return {@code Mono<Page<T>>}. Immutable.
 *
 * @param items the entities of the page, in order
 * @param request the page that was asked for
 * @param total the number of entities on all pages
 * @param <T> the entity type
 */
public record Page<T>(List<T> items, PageRequest request, long total) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(request, "request must not be null");
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative, got " + total);
    }
  }

  /** The number of pages of this size (0 when there are no entities). */
  public long totalPages() {
    return (total + request.size() - 1) / request.size();
  }

  /** Whether a page follows this one. */
  public boolean hasNext() {
    return request.offset() + request.size() < total;
  }
}
