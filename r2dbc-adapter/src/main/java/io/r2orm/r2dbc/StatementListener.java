package io.r2orm.r2dbc;

/**
 * Told about every statement r2orm runs, once it ends (completed, failed or cancelled), and about
 * every relation batch a fetch plan loads. For metrics, tracing and tests that count statements
 * ({@link StatementCounter}). Called on the thread that ended the statement: implementations must
 * be fast, thread-safe and must not block.
 */
@FunctionalInterface
public interface StatementListener {
  /** A statement ended. */
  void onStatement(StatementEvent event);

  /** A relation batch of a fetch plan was loaded (after its statement's own event). */
  default void onRelationBatch(RelationBatchEvent event) {}
}
