package io.r2orm.r2dbc;

import io.r2orm.core.internal.schema.SchemaGenerator;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.internal.Executor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates and drops tables from entity models, for tests, examples and prototypes. Not a migration
 * tool: existing tables are left as they are (use Flyway or Liquibase for schemas that evolve).
 */
public final class Schema {
  private final Database db;
  private final Executor executor;
  private final SchemaGenerator generator;

  Schema(Database db) {
    this.db = db;
    this.executor = db.engine().executor();
    this.generator = new SchemaGenerator(db.dialect());
  }

  /** The DDL statements that {@link #create} would run. */
  public List<String> createStatements(Class<?>... entities) {
    List<String> sql = new ArrayList<>();
    for (Class<?> e : entities) {
      sql.addAll(generator.createTable(db.model(e)));
    }
    return sql;
  }

  /** Creates each entity's table and indexes unless they exist, in the order given. */
  public Mono<Void> create(Class<?>... entities) {
    return run(createStatements(entities));
  }

  /** Drops each entity's table if it exists, in the order given. */
  public Mono<Void> drop(Class<?>... entities) {
    return run(Arrays.stream(entities).map(e -> generator.dropTable(db.model(e))).toList());
  }

  private Mono<Void> run(List<String> statements) {
    return executor
        .session(
            () ->
                Flux.fromIterable(statements)
                    .concatMap(sql -> executor.update(new SqlStatement(sql, List.of()))))
        .then();
  }
}
