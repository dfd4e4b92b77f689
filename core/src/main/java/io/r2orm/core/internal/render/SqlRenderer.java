package io.r2orm.core.internal.render;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.Assignment;
import io.r2orm.core.query.Delete;
import io.r2orm.core.query.Insert;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Update;
import io.r2orm.core.query.Upsert;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns query trees into SQL text and binds for one dialect. Pure: no I/O, no state between calls;
 * thread-safe. Every value becomes a bind; every identifier comes from entity metadata and is
 * quoted by the dialect.
 *
 * <pre>{@code
 * SqlRenderer renderer = new SqlRenderer(PostgresDialect.INSTANCE, EntityModels.create());
 * SqlStatement s = renderer.select(Select.from(Book.class).where(Book_.TITLE.eq("Dune")));
 * // s.sql()   -> SELECT id, title FROM book WHERE title = $1
 * // s.binds() -> [Bind[String]]
 * }</pre>
 */
public final class SqlRenderer {
  private final Dialect dialect;
  private final EntityModels models;

  public SqlRenderer(Dialect dialect, EntityModels models) {
    this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
    this.models = Objects.requireNonNull(models, "models must not be null");
  }

  /** The dialect this renderer writes. */
  public Dialect dialect() {
    return dialect;
  }

  /** The entity models it resolves properties against. */
  public EntityModels models() {
    return models;
  }

  /** {@code SELECT <every column> FROM t WHERE … ORDER BY … LIMIT … OFFSET …}. */
  public SqlStatement select(Select select) {
    EntityModel<?> model = models.of(select.entity());
    SqlWriter w = new SqlWriter(dialect);
    w.append("SELECT ");
    appendColumnList(w, model);
    from(w, model);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    expr.where(select.where());
    orderBy(w, expr, select.orderBy());
    limitOffset(w, select);
    if (select.lock() != null) {
      w.append(dialect.lockClause(select.lock()));
    }
    return w.toStatement();
  }

  /**
   * A general query (joins, aggregates, projections, subqueries), with what each selected item
   * reads so that the rows can be mapped back.
   */
  public RenderedQuery query(io.r2orm.core.query.Subquery query) {
    SqlWriter w = new SqlWriter(dialect);
    List<RenderedQuery.Output> outputs = new QueryRenderer(dialect, models).write(w, query, null);
    return new RenderedQuery(w.toStatement(), outputs);
  }

  /** {@code SELECT COUNT(*) FROM (query)}: the number of rows the query returns. */
  public SqlStatement count(io.r2orm.core.query.Subquery query) {
    SqlWriter w = new SqlWriter(dialect);
    w.append("SELECT COUNT(*) FROM (");
    List<RenderedQuery.Output> outputs = new QueryRenderer(dialect, models).write(w, query, null);
    // name the columns: selected items of joined tables may share names (two ids), which H2 rejects
    // in a subquery
    int width = outputs.stream().mapToInt(RenderedQuery.Output::width).sum();
    w.append(") counted(");
    for (int i = 1; i <= width; i++) {
      w.append(i > 1 ? ", c" : "c").append(Integer.toString(i));
    }
    w.append(")");
    return w.toStatement();
  }

  /** {@code SELECT COUNT(*)} of the rows the select would return (honouring limit and offset). */
  public SqlStatement count(Select select) {
    EntityModel<?> model = models.of(select.entity());
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    if (select.limit() == null && select.offset() == null) {
      w.append("SELECT COUNT(*)");
      from(w, model);
      expr.where(select.where());
    } else {
      w.append("SELECT COUNT(*) FROM (SELECT 1 AS one");
      from(w, model);
      expr.where(select.where());
      orderBy(w, expr, select.orderBy());
      limitOffset(w, select);
      w.append(") counted");
    }
    return w.toStatement();
  }

  /** {@code SELECT 1 FROM t WHERE … LIMIT 1}: a row comes back when any row matches. */
  public SqlStatement exists(Select select) {
    EntityModel<?> model = models.of(select.entity());
    SqlWriter w = new SqlWriter(dialect);
    w.append("SELECT 1 AS one");
    from(w, model);
    new ExpressionWriter(w, model, dialect, models).where(select.where());
    w.append(dialect.limitOffset("1", null));
    return w.toStatement();
  }

  /** {@code UPDATE t SET … WHERE …}. */
  public SqlStatement update(Update update) {
    EntityModel<?> model = models.of(update.entity());
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    w.append("UPDATE ");
    table(w, model);
    w.append(" SET ");
    String sep = "";
    for (Assignment a : update.assignments()) {
      ColumnModel column = expr.column(a.target());
      w.append(sep).name(column.name()).append(" = ");
      expr.assigned(column, a.value());
      sep = ", ";
    }
    expr.where(update.where());
    return w.toStatement();
  }

  /**
   * The rows an update or delete changed, every column, as the database has them afterwards (a
   * delete: as they were): {@code … RETURNING <columns>} on PostgreSQL, {@code SELECT <columns>
   * FROM FINAL TABLE (UPDATE …)} / {@code OLD TABLE (DELETE …)} on H2.
   */
  public SqlStatement returningRows(Class<?> entity, SqlStatement change, boolean deleted) {
    EntityModel<?> model = models.of(entity);
    SqlWriter columns = new SqlWriter(dialect);
    names(columns, model.columns());
    String list = columns.toStatement().sql();
    if (dialect.supportsReturning()) {
      return new SqlStatement(change.sql() + " RETURNING " + list, change.binds());
    }
    return new SqlStatement(
        "SELECT " + list + " FROM " + (deleted ? "OLD" : "FINAL") + " TABLE (" + change.sql() + ")",
        change.binds());
  }

  /** {@code DELETE FROM t WHERE …}. */
  public SqlStatement delete(Delete delete) {
    EntityModel<?> model = models.of(delete.entity());
    SqlWriter w = new SqlWriter(dialect);
    w.append("DELETE");
    from(w, model);
    new ExpressionWriter(w, model, dialect, models).where(delete.where());
    return w.toStatement();
  }

  /**
   * {@code INSERT INTO t (…) VALUES (…), (…)}, returning the requested properties with {@code
   * RETURNING} where the dialect has it, else through the driver's generated keys.
   */
  public SqlStatement insert(Insert insert) {
    EntityModel<?> model = models.of(insert.entity());
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    List<ColumnModel> columns = insert.properties().stream().map(model::column).toList();
    w.append("INSERT INTO ");
    table(w, model);
    w.append(" (");
    names(w, columns);
    w.append(") VALUES ");
    String rowSep = "";
    for (List<Object> row : insert.rows()) {
      w.append(rowSep).append("(");
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) w.append(", ");
        expr.bindFor(columns.get(i), row.get(i));
      }
      w.append(")");
      rowSep = ", ";
    }
    return returning(w, model, insert.returning());
  }

  /**
   * A many-row insert that returns generated ids in input order. On PostgreSQL the rows come from
   * one array bind per column ({@code unnest … WITH ORDINALITY}, one statement text for any number
   * of rows) or, for a column type without array binds, from a {@code VALUES} list with an ordinal;
   * ids are drawn with {@code nextval} in a materialized CTE and returned ordered by input
   * position, so the n-th key belongs to the n-th row (PostgreSQL does not promise the order of
   * {@code RETURNING}). Dialects without {@code RETURNING} get {@link #insert(Insert)}, whose keys
   * the driver returns in row order.
   *
   * @throws QueryBuildException when {@code returning} names anything but the generated id
   */
  public SqlStatement bulkInsert(Insert insert) {
    EntityModel<?> model = models.of(insert.entity());
    if (!dialect.supportsReturning() || insert.rows().size() == 1) {
      return insert(insert);
    }
    boolean returnsId = !insert.returning().isEmpty();
    if (returnsId
        && (insert.returning().size() != 1
            || !insert.returning().get(0).equals(model.id().path())
            || model.idGeneration() != io.r2orm.core.annotation.IdGeneration.IDENTITY)) {
      throw new QueryBuildException(
          "a bulk insert can return only the database-generated (identity) id of "
              + model.type().getSimpleName());
    }
    List<ColumnModel> columns = insert.properties().stream().map(model::column).toList();
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    StringBuilder aliases = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      aliases.append(i > 0 ? ", c" : "c").append(i + 1);
    }
    // unnest flattens arrays of arrays: a table with an array column sends its rows as VALUES
    String source =
        columns.stream()
                .allMatch(c -> !c.valueType().isArray() && dialect.arrayTypeName(c).isPresent())
            ? unnestSource(expr, columns, insert.rows())
            : valuesSource(w, expr, columns, insert.rows());
    source += " AS input_rows(" + aliases + ", ord)";
    if (!returnsId) {
      w.append("INSERT INTO ");
      table(w, model);
      w.append(" (");
      names(w, columns);
      w.append(") SELECT ")
          .append(aliases.toString())
          .append(" FROM ")
          .append(source)
          .append(" ORDER BY ord");
      return w.toStatement();
    }
    String qualified =
        model.schema().map(s -> dialect.quote(s) + ".").orElse("") + dialect.quote(model.table());
    // the sequence is looked up once (an uncorrelated scalar subquery runs once), not per row: the
    // lookup
    // per row cost the server about as much as the insert itself (measured in the benchmarks)
    w.append("WITH input AS MATERIALIZED (SELECT nextval((SELECT pg_get_serial_sequence('")
        .append(qualified.replace("'", "''"))
        .append("', '")
        .append(model.id().name().name().replace("'", "''"))
        .append("')::regclass)) AS r2orm_id, ")
        .append(aliases.toString())
        .append(", ord FROM ")
        .append(source)
        .append("), inserted AS (INSERT INTO ");
    table(w, model);
    w.append(" (").name(model.id().name()).append(", ");
    names(w, columns);
    w.append(") OVERRIDING SYSTEM VALUE SELECT r2orm_id, ")
        .append(aliases.toString())
        .append(" FROM input ORDER BY ord) SELECT r2orm_id FROM input ORDER BY ord");
    return w.toStatement();
  }

  /** {@code unnest($1::t1[], $2::t2[]) WITH ORDINALITY}: one array bind per column. */
  private String unnestSource(
      ExpressionWriter expr, List<ColumnModel> columns, List<List<Object>> rows) {
    StringBuilder unnest = new StringBuilder("unnest(");
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel c = columns.get(i);
      List<Object> values = new ArrayList<>(rows.size());
      for (List<Object> row : rows) {
        values.add(row.get(i));
      }
      if (i > 0) unnest.append(", ");
      unnest
          .append(expr.arrayMarker(c, values))
          .append("::")
          .append(dialect.arrayTypeName(c).get());
    }
    return unnest.append(") WITH ORDINALITY").toString();
  }

  /** {@code (VALUES ($1::t1, $2::t2, 1), …)}: typed binds per row and the row's ordinal. */
  private String valuesSource(
      SqlWriter w, ExpressionWriter expr, List<ColumnModel> columns, List<List<Object>> rows) {
    StringBuilder values = new StringBuilder("(VALUES ");
    for (int r = 0; r < rows.size(); r++) {
      values.append(r > 0 ? ", (" : "(");
      for (int i = 0; i < columns.size(); i++) {
        ColumnModel c = columns.get(i);
        values
            .append(expr.marker(c, rows.get(r).get(i)))
            .append("::")
            .append(dialect.castTypeName(c));
        values.append(", ");
      }
      values.append(r + 1).append(')');
    }
    return values.append(')').toString();
  }

  /**
   * Inserts one row, or updates the row with the same id when it exists: {@code ON CONFLICT (id) DO
   * UPDATE} on PostgreSQL, {@code MERGE … KEY (id)} on H2. The properties must include the id.
   */
  public SqlStatement upsert(Insert insert) {
    EntityModel<?> model = models.of(insert.entity());
    List<ColumnModel> key = model.idColumns();
    if (insert.rows().size() != 1
        || !insert.properties().containsAll(key.stream().map(ColumnModel::path).toList())) {
      throw new QueryBuildException(
          "an upsert of " + model.type().getSimpleName() + " writes one row including its id");
    }
    List<ColumnModel> columns = insert.properties().stream().map(model::column).toList();
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    boolean merge = dialect.upsertSyntax() == io.r2orm.core.dialect.UpsertSyntax.MERGE_KEY;
    w.append(merge ? "MERGE INTO " : "INSERT INTO ");
    table(w, model);
    w.append(" (");
    names(w, columns);
    w.append(merge ? ") KEY (" : ") VALUES (");
    if (merge) {
      names(w, key);
      w.append(") VALUES (");
    }
    List<Object> row = insert.rows().get(0);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) w.append(", ");
      expr.bindFor(columns.get(i), row.get(i));
    }
    w.append(")");
    if (!merge) {
      w.append(" ON CONFLICT (");
      names(w, key);
      w.append(") DO ");
      List<ColumnModel> updated =
          columns.stream().filter(c -> !model.isIdColumn(c) && c.updatable()).toList();
      if (updated.isEmpty()) {
        w.append("NOTHING");
      } else {
        w.append("UPDATE SET ");
        for (int i = 0; i < updated.size(); i++) {
          if (i > 0) w.append(", ");
          w.name(updated.get(i).name()).append(" = EXCLUDED.").name(updated.get(i).name());
        }
      }
    }
    return w.toStatement();
  }

  /**
   * Inserts the rows, or updates those whose conflict target matches an existing row: {@code INSERT
   * … ON CONFLICT (target) DO UPDATE … RETURNING <every column>} on PostgreSQL, {@code MERGE INTO …
   * USING (VALUES …)} on H2 (which returns nothing; read the rows back by key). With a version
   * column, a matched row is updated only when its stored version is one less than the row's (see
   * {@link Upsert}); the rows of stale entities are neither updated nor returned.
   *
   * <p>Without properties to update ({@code DO NOTHING}) existing rows are left untouched and only
   * the inserted rows come back, on both databases: {@code … ON CONFLICT (target) DO NOTHING
   * RETURNING …} on PostgreSQL, {@code SELECT … FROM NEW TABLE (MERGE … WHEN NOT MATCHED THEN
   * INSERT …)} on H2.
   */
  public SqlStatement upsert(Upsert upsert) {
    EntityModel<?> model = models.of(upsert.entity());
    List<ColumnModel> columns = upsert.properties().stream().map(model::column).toList();
    List<ColumnModel> target = upsert.conflictTarget().stream().map(model::column).toList();
    ColumnModel version = model.version().orElse(null);
    List<ColumnModel> updated =
        upsert.onConflictUpdate().stream()
            .map(model::column)
            .filter(
                c -> !target.contains(c) && !model.isIdColumn(c) && c != version && c.updatable())
            .toList();
    boolean doNothing = upsert.onConflictUpdate().isEmpty();
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, model, dialect, models);
    String table = dialect.quote(model.table());
    if (dialect.upsertSyntax() == io.r2orm.core.dialect.UpsertSyntax.ON_CONFLICT) {
      w.append("INSERT INTO ");
      table(w, model);
      w.append(" (");
      names(w, columns);
      w.append(") VALUES ");
      valueRows(w, expr, columns, upsert.rows(), false);
      w.append(" ON CONFLICT (");
      names(w, target);
      if (doNothing) {
        w.append(") DO NOTHING RETURNING ");
        names(w, model.columns());
        return w.toStatement();
      }
      w.append(") DO UPDATE SET ");
      String sep = "";
      for (ColumnModel c : updated) {
        w.append(sep).name(c.name()).append(" = EXCLUDED.").name(c.name());
        sep = ", ";
      }
      if (version != null) {
        w.append(sep).name(version.name()).append(" = EXCLUDED.").name(version.name());
        w.append(" WHERE ")
            .append(table)
            .append(".")
            .name(version.name())
            .append(" = EXCLUDED.")
            .name(version.name())
            .append(" - 1");
      } else if (updated.isEmpty()) {
        w.name(target.get(0).name()).append(" = EXCLUDED.").name(target.get(0).name());
      }
      w.append(" RETURNING ");
      names(w, model.columns());
      return w.toStatement();
    }
    if (doNothing) {
      // a data change delta table: the rows the MERGE inserted, with generated values
      w.append("SELECT ");
      names(w, model.columns());
      w.append(" FROM NEW TABLE (");
    }
    w.append("MERGE INTO ");
    table(w, model);
    w.append(" USING (VALUES ");
    valueRows(w, expr, columns, upsert.rows(), true);
    w.append(") AS r2orm_src (");
    names(w, columns);
    w.append(") ON ");
    for (int i = 0; i < target.size(); i++) {
      if (i > 0) w.append(" AND ");
      w.append(table)
          .append(".")
          .name(target.get(i).name())
          .append(" = r2orm_src.")
          .name(target.get(i).name());
    }
    if (doNothing) {
      mergeInsert(w, columns);
      w.append(")");
      return w.toStatement();
    }
    w.append(" WHEN MATCHED");
    if (version != null) {
      w.append(" AND ")
          .append(table)
          .append(".")
          .name(version.name())
          .append(" = r2orm_src.")
          .name(version.name())
          .append(" - 1");
    }
    w.append(" THEN UPDATE SET ");
    String sep = "";
    for (ColumnModel c : updated) {
      w.append(sep).name(c.name()).append(" = r2orm_src.").name(c.name());
      sep = ", ";
    }
    if (version != null) {
      w.append(sep).name(version.name()).append(" = r2orm_src.").name(version.name());
    } else if (updated.isEmpty()) {
      w.name(target.get(0).name()).append(" = r2orm_src.").name(target.get(0).name());
    }
    mergeInsert(w, columns);
    return w.toStatement();
  }

  /** {@code WHEN NOT MATCHED THEN INSERT (columns) VALUES (r2orm_src.columns)} of a MERGE. */
  private static void mergeInsert(SqlWriter w, List<ColumnModel> columns) {
    w.append(" WHEN NOT MATCHED THEN INSERT (");
    names(w, columns);
    w.append(") VALUES (");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) w.append(", ");
      w.append("r2orm_src.").name(columns.get(i).name());
    }
    w.append(")");
  }

  /**
   * {@code (v1, v2), (v3, v4)}, each value a bind, cast to its column type when asked (H2 VALUES
   * sources).
   */
  private void valueRows(
      SqlWriter w,
      ExpressionWriter expr,
      List<ColumnModel> columns,
      List<List<Object>> rows,
      boolean cast) {
    for (int r = 0; r < rows.size(); r++) {
      w.append(r > 0 ? ", (" : "(");
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) w.append(", ");
        ColumnModel c = columns.get(i);
        String marker = expr.marker(c, rows.get(r).get(i));
        w.append(cast ? "CAST(" + marker + " AS " + dialect.castTypeName(c) + ")" : marker);
      }
      w.append(")");
    }
  }

  /**
   * {@code INSERT INTO t (columns) SELECT …}: copies the rows of a query, whose selected items line
   * up with the properties.
   */
  public SqlStatement insertSelect(
      Class<?> entity, List<String> properties, io.r2orm.core.query.Subquery source) {
    EntityModel<?> model = models.of(entity);
    List<ColumnModel> columns = properties.stream().map(model::column).toList();
    if (columns.isEmpty()) {
      throw new QueryBuildException(
          "insert into " + model.type().getSimpleName() + " … select needs the properties written");
    }
    int width = source.items().size();
    if (source.items().stream().anyMatch(i -> i instanceof io.r2orm.core.query.SelectItem.Entity)
        || width != columns.size()) {
      throw new QueryBuildException(
          "insert into "
              + model.type().getSimpleName()
              + " writes "
              + columns.size()
              + " properties "
              + properties
              + " but the query selects "
              + width
              + " item(s); select one field per property");
    }
    SqlWriter w = new SqlWriter(dialect);
    w.append("INSERT INTO ");
    table(w, model);
    w.append(" (");
    names(w, columns);
    w.append(") ");
    new QueryRenderer(dialect, models).write(w, source, null);
    return w.toStatement();
  }

  private SqlStatement returning(SqlWriter w, EntityModel<?> model, List<String> returning) {
    if (returning.isEmpty()) {
      return w.toStatement();
    }
    List<ColumnModel> columns = returning.stream().map(model::column).toList();
    if (dialect.supportsReturning()) {
      w.append(" RETURNING ");
      names(w, columns);
      return w.toStatement();
    }
    return w.toStatement(columns.stream().map(c -> c.name().name()).toList());
  }

  /** The comma-separated list of every column of the entity, in model order. */
  public String columnList(EntityModel<?> model) {
    SqlWriter w = new SqlWriter(dialect);
    appendColumnList(w, model);
    return w.toStatement().sql();
  }

  /**
   * The rows reachable from those matching {@code start} along a self-referencing to-one relation
   * (an employee's manager, a category's parent), the start rows included: down to the rows that
   * point at them ({@code descendants}), or up to the rows they point at. A recursive common table
   * expression with a depth column, limited to {@code maxDepth} steps so that a cycle in the data
   * ends too; each row once, nearest first, then by id:
   *
   * <pre>{@code
   * WITH RECURSIVE r2orm_walk (id, name, parent_id, r2orm_depth) AS (
   *   SELECT id, name, parent_id, 0 FROM category WHERE id = $1
   *   UNION ALL SELECT n.id, n.name, n.parent_id, w.r2orm_depth + 1 FROM category n
   *     JOIN r2orm_walk w ON n.parent_id = w.id WHERE w.r2orm_depth < $2)
   * SELECT id, name, parent_id FROM r2orm_walk GROUP BY id, name, parent_id ORDER BY MIN(r2orm_depth), id
   * }</pre>
   */
  public SqlStatement walk(
      Class<?> entity,
      String relation,
      io.r2orm.core.query.Predicate start,
      boolean down,
      int maxDepth) {
    EntityModel<?> model = models.of(entity);
    io.r2orm.core.metadata.RelationModel r = model.relation(relation);
    if (r.target() != model.type() || !r.ownsKey()) {
      throw new QueryBuildException(
          model.type().getSimpleName()
              + "."
              + relation
              + " does not refer to "
              + model.type().getSimpleName()
              + " through a key of its own; a walk follows a self-referencing "
              + "@ManyToOne or owning @OneToOne (such as a parent or a manager)");
    }
    ColumnModel key = r.foreignKey();
    if (key == null) {
      throw new QueryBuildException(
          model.type().getSimpleName()
              + "."
              + relation
              + " refers to a composite key "
              + model.idColumns().stream().map(ColumnModel::path).toList()
              + "; descendants and ancestors follow a single-column key only, so write the "
              + "recursive query with db.sql(...)");
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
    }
    SqlWriter w = new SqlWriter(dialect);
    w.append("WITH RECURSIVE r2orm_walk (");
    names(w, model.columns());
    w.append(", r2orm_depth) AS (SELECT ");
    names(w, model.columns());
    w.append(", 0");
    from(w, model);
    new ExpressionWriter(w, model, dialect, models).where(start);
    w.append(" UNION ALL SELECT ");
    for (int i = 0; i < model.columns().size(); i++) {
      if (i > 0) w.append(", ");
      w.append("r2orm_next.").name(model.columns().get(i).name());
    }
    w.append(", r2orm_walk.r2orm_depth + 1 FROM ");
    table(w, model);
    w.append(" r2orm_next JOIN r2orm_walk ON ");
    if (down) {
      w.append("r2orm_next.").name(key.name()).append(" = r2orm_walk.").name(model.id().name());
    } else {
      w.append("r2orm_next.").name(model.id().name()).append(" = r2orm_walk.").name(key.name());
    }
    w.append(" WHERE r2orm_walk.r2orm_depth < ").append(w.marker(maxDepth, Integer.class));
    w.append(") SELECT ");
    names(w, model.columns());
    w.append(" FROM r2orm_walk GROUP BY ");
    names(w, model.columns());
    w.append(" ORDER BY MIN(r2orm_depth), ").name(model.id().name());
    return w.toStatement();
  }

  private void appendColumnList(SqlWriter w, EntityModel<?> model) {
    names(w, model.columns());
  }

  private static void names(SqlWriter w, List<ColumnModel> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) w.append(", ");
      w.name(columns.get(i).name());
    }
  }

  private void from(SqlWriter w, EntityModel<?> model) {
    w.append(" FROM ");
    table(w, model);
  }

  /** The entity's table, schema-qualified when it names one. */
  void table(SqlWriter w, EntityModel<?> model) {
    model.schema().ifPresent(s -> w.name(s).append("."));
    w.name(model.table());
  }

  private void orderBy(SqlWriter w, ExpressionWriter expr, List<Order> orders) {
    if (orders.isEmpty()) {
      return;
    }
    w.append(" ORDER BY ");
    for (int i = 0; i < orders.size(); i++) {
      if (i > 0) w.append(", ");
      expr.order(orders.get(i));
    }
  }

  private void limitOffset(SqlWriter w, Select select) {
    String limit = select.limit() == null ? null : w.marker(select.limit(), Long.class);
    String offset = select.offset() == null ? null : w.marker(select.offset(), Long.class);
    w.append(dialect.limitOffset(limit, offset));
  }
}
