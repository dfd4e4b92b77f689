package io.r2orm.spring.app;

import io.r2orm.r2dbc.Database;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Says whether its work ran on a hot standby ({@code pg_is_in_recovery()}), inside Spring
 * transactions of each kind.
 */
@Service
public class ReplicaProbe {
  private static final String STANDBY = "SELECT pg_is_in_recovery()";

  private final Database db;

  public ReplicaProbe(Database db) {
    this.db = db;
  }

  @Transactional(readOnly = true)
  public Mono<Boolean> inReadOnlyTransaction() {
    // two statements: both must run on the transaction's one connection
    return db.sql(STANDBY)
        .one(Boolean.class)
        .flatMap(first -> db.sql(STANDBY).one(Boolean.class).map(second -> first && second));
  }

  @Transactional
  public Mono<Boolean> inDefaultTransaction() {
    return db.sql(STANDBY).one(Boolean.class);
  }

  @Transactional(readOnly = true, isolation = Isolation.SERIALIZABLE)
  public Mono<Boolean> inReadOnlySerializableTransaction() {
    return db.sql(STANDBY).one(Boolean.class);
  }
}
