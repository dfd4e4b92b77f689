package io.r2orm.r2dbc;

import io.r2orm.core.exception.NonUniqueResultException;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shared reductions of result streams. */
final class Results {
  private Results() {}

  /**
   * The only element, or empty; a second element fails with {@link NonUniqueResultException}. Reads
   * at most two elements, then cancels the rest of the stream.
   */
  static <T> Mono<T> atMostOne(Flux<T> rows, Supplier<String> tooMany) {
    return rows.take(2)
        .collectList()
        .flatMap(
            list ->
                list.size() > 1
                    ? Mono.error(new NonUniqueResultException(tooMany.get()))
                    : Mono.justOrEmpty(list.isEmpty() ? null : list.get(0)));
  }
}
