package io.r2orm.r2dbc.repository;

import io.r2orm.core.query.Order;
import io.r2orm.r2dbc.SelectQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sorting and paging shared by the CRUD reads and derived queries. */
final class Reads {
  private Reads() {}

  /** The fixed order of a method followed by the caller's. */
  static List<Order> orders(List<Order> fixed, Sort sort) {
    if (sort == null || !sort.isSorted()) {
      return fixed;
    }
    List<Order> all = new ArrayList<>(fixed);
    all.addAll(sort.orders());
    return all;
  }

  /**
   * One page; by id when neither the method nor the request gives an order, so pages are stable.
   */
  static <T> Flux<T> slice(
      SelectQuery<T> query, List<Order> fixed, PageRequest page, List<Order> byId) {
    Objects.requireNonNull(page, "page must not be null");
    List<Order> orders = orders(fixed, page.sort());
    return query
        .orderBy(orders.isEmpty() ? byId : orders)
        .limit(page.size())
        .offset(page.offset())
        .all();
  }

  /** One page and the total: the count first, then the page unless it lies past the end. */
  static <T> Mono<Page<T>> page(
      SelectQuery<T> query, List<Order> fixed, PageRequest page, List<Order> byId) {
    Objects.requireNonNull(page, "page must not be null");
    return query
        .count()
        .flatMap(
            total ->
                total <= page.offset()
                    ? Mono.just(new Page<T>(List.of(), page, total))
                    : slice(query, fixed, page, byId)
                        .collectList()
                        .map(items -> new Page<>(items, page, total)));
  }
}
