package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2orm.core.exception.StatementException;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams a query in windows through a server-side cursor on a session's connection (PostgreSQL):
 * {@code DECLARE}, then {@code FETCH n} — each a complete statement, read to its end — and the
 * window's processing, strictly one after the other, then {@code CLOSE}. The next {@code FETCH} is
 * sent only when the previous window's publisher completed, whatever the downstream demand, so
 * other statements (relation batches, the caller's writes) run between windows on the same
 * connection and cannot deadlock behind an open result.
 *
 * <p>Cursor names are per connection and reused ({@code r2orm_cursor_0} unless streams nest), so
 * the text of every DECLARE and FETCH is stable per query shape and the driver's prepared
 * statements stay bounded. {@code FETCH} goes over the extended protocol (a fetch size one larger
 * than the window, so one Execute reads it all), which returns binary results when the connection
 * factory asks for them; the simple protocol would always return text. Not API.
 */
final class CursorReader {
  private static final Logger LOG = LoggerFactory.getLogger("io.r2orm.sql");

  private final StatementRunner statements;

  CursorReader(StatementRunner statements) {
    this.statements = statements;
  }

  /**
   * Streams {@code select} through a cursor, {@code window} rows per FETCH, each window processed
   * by {@code perWindow} before the next FETCH. {@code close}: send CLOSE when done; a transaction
   * that ends right after the stream closes its cursors itself, so it can save that statement.
   */
  <R, T> Flux<T> read(
      Session session,
      SqlStatement select,
      BiFunction<Row, RowMetadata, R> mapper,
      int window,
      Function<List<R>, ? extends Publisher<T>> perWindow,
      boolean close) {
    return Flux.defer(
        () -> {
          String name = session.openCursor();
          SqlStatement declare =
              new SqlStatement(
                  "DECLARE " + name + " NO SCROLL CURSOR FOR " + select.sql(), select.binds());
          SqlStatement fetch =
              new SqlStatement("FETCH FORWARD " + window + " FROM " + name, List.of());
          SqlStatement closeCursor = new SqlStatement("CLOSE " + name, List.of());
          AtomicBoolean cancelled = new AtomicBoolean();
          // after a cancel, statements still in flight may fail (the transaction ended under them):
          // nobody
          // waits for their outcome any more, so their errors are not reported as dropped errors
          Function<Throwable, Mono<Void>> quietAfterCancel =
              e -> {
                if (cancelled.get()) {
                  LOG.debug("A statement of a cancelled stream failed", e);
                  return Mono.empty();
                }
                return Mono.error(e);
              };
          Mono<Void> closing =
              !close
                  ? Mono.fromRunnable(() -> session.closeCursor(name))
                  : Mono.defer(
                          () ->
                              Mono.fromDirect(
                                  session.run(
                                      c -> statements.update(c, closeCursor), Executor::ended)))
                      .onErrorResume(
                          e -> {
                            LOG.debug("Closing cursor {} failed", name, e);
                            return Mono.empty();
                          })
                      .then()
                      .doFinally(signal -> session.closeCursor(name));
          return Flux.usingWhen(
                  Mono.fromDirect(session.run(c -> statements.update(c, declare), Executor::ended))
                      .onErrorMap(
                          e ->
                              e instanceof StatementException s && declare.sql().equals(s.sql())
                                  ? ErrorTranslator.translate(e.getCause(), select.sql())
                                  : e)
                      .doOnError(e -> session.closeCursor(name)),
                  declared -> {
                    AtomicBoolean exhausted = new AtomicBoolean();
                    return Flux.range(0, Integer.MAX_VALUE)
                        .takeWhile(i -> !exhausted.get())
                        .concatMap(
                            i ->
                                Flux.from(
                                        session.run(
                                            c -> statements.rows(c, fetch, mapper, window + 1),
                                            Executor::ended))
                                    // a failure while fetching is the select's failure: report its
                                    // SQL, not the FETCH
                                    .onErrorMap(
                                        e ->
                                            e instanceof StatementException s
                                                && fetch.sql().equals(s.sql()),
                                        e -> ErrorTranslator.translate(e.getCause(), select.sql()))
                                    .collectList()
                                    .flatMapMany(
                                        rows -> {
                                          if (rows.size() < window) {
                                            exhausted.set(true);
                                          }
                                          return rows.isEmpty()
                                              ? Flux.<T>empty()
                                              : Flux.<T>from(perWindow.apply(rows));
                                        }),
                            0);
                  },
                  declared -> closing,
                  (declared, error) -> closing,
                  declared -> closing)
              .doOnCancel(() -> cancelled.set(true))
              .onErrorResume(e -> quietAfterCancel.apply(e).then(Mono.empty()));
        });
  }
}
