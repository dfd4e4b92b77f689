package io.r2orm.benchmarks.contender;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The two resource helpers every hand-written R2DBC program needs: a connection, a transaction. */
public final class RawR2dbc {
  private RawR2dbc() {}

  /** Runs work on a pooled connection, closed (returned) however the work ends. */
  public static <T> Flux<T> withConnection(ConnectionFactory factory, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.usingWhen(factory.create(), work, Connection::close);
  }

  /** Runs work in a transaction on one pooled connection: commit on complete, rollback otherwise. */
  public static <T> Flux<T> inTransaction(ConnectionFactory factory, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.usingWhen(factory.create(),
        c -> Mono.from(c.beginTransaction())
            .thenMany(work.apply(c))
            .concatWith(Mono.from(c.commitTransaction()).then(Mono.<T>empty())),
        Connection::close,
        (c, error) -> Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(c.close())),
        c -> Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(c.close())));
  }
}
