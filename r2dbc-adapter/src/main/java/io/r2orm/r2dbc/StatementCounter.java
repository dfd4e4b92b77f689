package io.r2orm.r2dbc;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Counts the statements a {@link Database} runs: an N+1 guard for your tests. Register it when
 * building the database, reset it before the operation under test, then assert the count.
 *
 * <pre>{@code
 * StatementCounter counter = new StatementCounter();
 * Database db = Database.builder(pool).listener(counter).build();
 * counter.reset();
 * db.select(Author.class).fetch(Author_.BOOKS).all().blockLast();
 * assertThat(counter.count()).isEqualTo(2);   // authors, then one batch of books
 * }</pre>
 *
 * Thread-safe.
 */
public final class StatementCounter implements StatementListener {
  private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();

  @Override
  public void onStatement(StatementEvent event) {
    statements.add(event.sql());
  }

  /** The number of statements since creation or the last {@link #reset()}. */
  public int count() {
    return statements.size();
  }

  /** The SQL of those statements, in the order they ended. */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  /** Forgets every statement counted so far. */
  public void reset() {
    statements.clear();
  }

  @Override
  public String toString() {
    return count() + " statements: " + statements;
  }
}
