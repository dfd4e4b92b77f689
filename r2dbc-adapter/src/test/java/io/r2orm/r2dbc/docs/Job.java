package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** A row of a work queue. */
@Table("job")
public record Job(@Id Long id, String state, @Version int version) {
  /** The job, taken by a worker. */
  public Job started() {
    return new Job(id, "started", version);
  }
}
