package io.r2orm.r2dbc;

import java.time.Duration;
import java.util.Objects;

/**
 * One batch of a relation loaded for a window of parents: which relation, how many parents (or
 * keys) the batch covered and how many related rows it read. Counted per relation, these show an
 * N+1 regression in production metrics: batches grow with the window, not with the rows.
 *
 * @param entity the entity declaring the relation
 * @param relation the relation property
 * @param batchSize the parents (or, for to-one relations, the distinct keys) in the batch
 * @param rows the related rows read
 * @param elapsed time from the batch's subscription to its last row
 */
public record RelationBatchEvent(
    Class<?> entity, String relation, int batchSize, int rows, Duration elapsed) {
  public RelationBatchEvent {
    Objects.requireNonNull(entity, "entity must not be null");
    Objects.requireNonNull(relation, "relation must not be null");
    Objects.requireNonNull(elapsed, "elapsed must not be null");
  }
}
