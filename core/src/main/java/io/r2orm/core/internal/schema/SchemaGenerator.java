package io.r2orm.core.internal.schema;

import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.IndexModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code CREATE TABLE} (with primary key, NOT NULL and UNIQUE constraints) and {@code CREATE
 * INDEX} statements from an entity model, for tests, examples and prototypes. It is not a migration
 * tool: it never alters an existing table. Use Flyway or Liquibase for schemas that evolve.
 */
public final class SchemaGenerator {
  private final Dialect dialect;

  public SchemaGenerator(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
  }

  /** The statements that create the entity's table and indexes if they do not exist. */
  public List<String> createTable(EntityModel<?> model) {
    String table = table(model);
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (");
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (ColumnModel c : model.columns()) {
      if (!declared.add(c.name().name())) {
        continue; // a to-one relation over a part of the composite key: the key declares it
      }
      sql.append(dialect.quote(c.name())).append(' ');
      boolean identity =
          !model.hasCompositeId()
              && c == model.id()
              && model.idGeneration() == IdGeneration.IDENTITY;
      sql.append(identity ? dialect.identityColumnType(c) : dialect.columnType(c));
      if (!c.nullable()) sql.append(" NOT NULL");
      if (c.unique() && !model.isIdColumn(c)) sql.append(" UNIQUE");
      sql.append(", ");
    }
    sql.append("PRIMARY KEY (")
        .append(
            String.join(
                ", ", model.idColumns().stream().map(c -> dialect.quote(c.name())).toList()))
        .append("))");
    List<String> statements = new ArrayList<>();
    // the types its columns declare first (a PostgreSQL enum type), each only if it does not exist
    model.columns().stream()
        .map(dialect::createType)
        .flatMap(java.util.Optional::stream)
        .distinct()
        .forEach(statements::add);
    statements.add(sql.toString());
    for (IndexModel index : model.indexes()) {
      StringBuilder idx = new StringBuilder("CREATE ");
      if (index.unique()) idx.append("UNIQUE ");
      idx.append("INDEX IF NOT EXISTS ")
          .append(dialect.quote(index.name()))
          .append(" ON ")
          .append(table)
          .append(" (");
      for (int i = 0; i < index.columns().size(); i++) {
        if (i > 0) idx.append(", ");
        idx.append(dialect.quote(index.columns().get(i).name()));
      }
      statements.add(idx.append(')').toString());
    }
    return List.copyOf(statements);
  }

  /** The statement that drops the entity's table if it exists. */
  public String dropTable(EntityModel<?> model) {
    return "DROP TABLE IF EXISTS " + table(model);
  }

  private String table(EntityModel<?> model) {
    return model.schema().map(s -> dialect.quote(s) + ".").orElse("")
        + dialect.quote(model.table());
  }
}
