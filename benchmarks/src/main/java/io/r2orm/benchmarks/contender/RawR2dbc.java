package io.r2orm.benchmarks.contender;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The two resource helpers every hand-written R2DBC program needs: a connection, a transaction. */
public final class RawR2dbc {
  private RawR2dbc() {}

  /** Runs work on a pooled connection, closed (returned) however the work ends. */
  public static <T> Flux<T> withConnection(
      ConnectionFactory factory, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.usingWhen(factory.create(), work, Connection::close);
  }

  /**
   * {@code BEGIN READ ONLY}: read-only, the server's default isolation (what r2orm sends for {@code
   * withReadOnly(true)}).
   */
  public static final TransactionDefinition READ_ONLY =
      new TransactionDefinition() {
        @Override
        @SuppressWarnings("unchecked")
        public <V> V getAttribute(Option<V> option) {
          return option.equals(TransactionDefinition.READ_ONLY) ? (V) Boolean.TRUE : null;
        }
      };

  /**
   * Runs work in a transaction on one pooled connection: commit on complete, rollback otherwise.
   */
  public static <T> Flux<T> inTransaction(
      ConnectionFactory factory, Function<Connection, ? extends Publisher<T>> work) {
    return inTransaction(factory, null, work);
  }

  /**
   * {@link #inTransaction(ConnectionFactory, Function)} begun with a definition (null: a plain
   * {@code BEGIN}).
   */
  public static <T> Flux<T> inTransaction(
      ConnectionFactory factory,
      TransactionDefinition definition,
      Function<Connection, ? extends Publisher<T>> work) {
    return Flux.usingWhen(
        factory.create(),
        c ->
            Mono.from(definition == null ? c.beginTransaction() : c.beginTransaction(definition))
                .thenMany(work.apply(c))
                .concatWith(Mono.from(c.commitTransaction()).then(Mono.<T>empty())),
        Connection::close,
        (c, error) ->
            Mono.from(c.rollbackTransaction())
                .onErrorResume(e -> Mono.empty())
                .then(Mono.from(c.close())),
        c ->
            Mono.from(c.rollbackTransaction())
                .onErrorResume(e -> Mono.empty())
                .then(Mono.from(c.close())));
  }
}
