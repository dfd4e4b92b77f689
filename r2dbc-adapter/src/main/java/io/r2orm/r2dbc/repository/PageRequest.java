package io.r2orm.r2dbc.repository;

import java.util.Objects;

/**
 * Which page of a repository read to return: the page number (from 0), its size and the order.
 * Pages are read with {@code LIMIT size OFFSET page * size}, both binds. Without an order, reads
 * sort by id so that consecutive pages neither repeat nor skip rows. Immutable.
 *
 * <pre>{@code
 * Flux<Book> third = books.findAll(PageRequest.of(2, 20, Sort.asc("title")));
 * }</pre>
 *
 * @param page the page number, 0 for the first
 * @param size the number of entities per page, at least 1
 * @param sort the order of the entities
 */
public record PageRequest(int page, int size, Sort sort) {
  public PageRequest {
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative, got " + page);
    }
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, got " + size);
    }
    Objects.requireNonNull(sort, "sort must not be null");
  }

  /** Page {@code page} (from 0) of {@code size} entities, ordered by id. */
  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size, Sort.unsorted());
  }

  /** Page {@code page} (from 0) of {@code size} entities in this order. */
  public static PageRequest of(int page, int size, Sort sort) {
    return new PageRequest(page, size, sort);
  }

  /** The number of entities before this page. */
  public long offset() {
    return (long) page * size;
  }

  /** The page after this one. */
  public PageRequest next() {
    return new PageRequest(Math.addExact(page, 1), size, sort);
  }

  /** This page in another order. */
  public PageRequest withSort(Sort newSort) {
    return new PageRequest(page, size, newSort);
  }
}
