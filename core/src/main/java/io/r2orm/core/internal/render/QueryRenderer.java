package io.r2orm.core.internal.render;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.Aggregate;
import io.r2orm.core.query.Arithmetic;
import io.r2orm.core.query.Case;
import io.r2orm.core.query.Cast;
import io.r2orm.core.query.CommonTable;
import io.r2orm.core.query.Expression;
import io.r2orm.core.query.FunctionCall;
import io.r2orm.core.query.Join;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.SelectItem;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import io.r2orm.core.query.WindowCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a {@link Subquery}: select list, {@code FROM} with joins (relation joins take their
 * condition from the metadata), {@code WHERE}, {@code GROUP BY}, {@code HAVING}, order, limit and
 * lock. Every column is qualified with its table's alias or name, so joins and correlated
 * subqueries stay unambiguous.
 */
final class QueryRenderer {
  private final Dialect dialect;
  private final EntityModels models;

  QueryRenderer(Dialect dialect, EntityModels models) {
    this.dialect = dialect;
    this.models = models;
  }

  /**
   * Writes the query into {@code w}, nested in {@code parent} (null at the top); returns what each
   * item reads.
   */
  List<RenderedQuery.Output> write(SqlWriter w, Subquery q, Scope parent) {
    Scope scope = Scope.query(parent, models);
    if (!q.commonTables().isEmpty()) {
      // each common table may read those declared before it (and the enclosing query's)
      w.append("WITH ");
      for (int i = 0; i < q.commonTables().size(); i++) {
        CommonTable<?> t = q.commonTables().get(i);
        if (i > 0) w.append(", ");
        w.name(io.r2orm.core.sql.Identifier.of(t.name())).append(" AS (");
        write(w, t.query(), scope);
        w.append(")");
        scope.declare(t.name());
      }
      w.append(" ");
    }
    ExpressionWriter expr = new ExpressionWriter(w, scope, dialect);
    TableRef<?> from = q.from() != null ? q.from() : inferFrom(q);
    Set<String> names = new HashSet<>();
    addTable(scope, from, names);
    w.append("SELECT ");
    if (!q.distinctOn().isEmpty()) {
      if (!dialect.supportsDistinctOn()) {
        throw new io.r2orm.core.exception.UnsupportedFeatureException(
            dialect.name(),
            "DISTINCT ON (keep the first row per key; number the rows with rowNumber().over(Window.partitionBy(...)) instead)");
      }
      w.append("DISTINCT ON (");
      for (int i = 0; i < q.distinctOn().size(); i++) {
        if (i > 0) w.append(", ");
        expr.expression(q.distinctOn().get(i));
      }
      w.append(") ");
    } else if (q.distinctRows()) {
      w.append("DISTINCT ");
    }
    // Every table enters the scope before the select list is written (it may name any of them);
    // the join clauses themselves are written after FROM, keeping binds in text order.
    List<Runnable> joinWriters = new ArrayList<>();
    for (Join join : q.joins()) {
      joinWriters.add(join(w, scope, expr, join, names));
    }
    List<RenderedQuery.Output> outputs = new ArrayList<>();
    // The SQL of each selected value, repeated verbatim (same bind markers) where GROUP BY or
    // ORDER BY names an equal value: databases match those to the select list by their text, and
    // a copy with fresh markers ($6 instead of $1) would not match.
    Map<Expression, String> selected = new HashMap<>();
    for (int i = 0; i < q.items().size(); i++) {
      if (i > 0) w.append(", ");
      int start = w.length();
      outputs.add(item(w, scope, expr, q.items().get(i)));
      if (q.items().get(i) instanceof SelectItem.Column c) {
        selected.putIfAbsent(c.expression(), w.since(start));
      }
    }
    w.append(" FROM ");
    tableClause(w, scope.entries().get(0));
    for (Runnable r : joinWriters) {
      r.run();
    }
    expr.where(q.where());
    if (!q.groupBy().isEmpty()) {
      w.append(" GROUP BY ");
      for (int i = 0; i < q.groupBy().size(); i++) {
        if (i > 0) w.append(", ");
        String same = selected.get(q.groupBy().get(i));
        if (same != null) {
          w.append(same);
        } else {
          expr.expression(q.groupBy().get(i));
        }
      }
    }
    if (q.having() != null) {
      w.append(" HAVING ");
      expr.predicate(q.having(), false);
    }
    for (Subquery.Combined c : q.combined()) {
      if (!c.query().commonTables().isEmpty()) {
        throw new QueryBuildException(
            "a query combined with "
                + c.sql()
                + " declares common tables "
                + c.query().commonTables().stream().map(CommonTable::name).toList()
                + "; declare them on the first query, which every combined one can read");
      }
      w.append(" ").append(c.sql()).append(" ");
      write(w, c.query(), parent);
    }
    if (!q.orderBy().isEmpty()) {
      w.append(" ORDER BY ");
      for (int i = 0; i < q.orderBy().size(); i++) {
        if (i > 0) w.append(", ");
        Order order = q.orderBy().get(i);
        // combined rows are sorted by their position in the select list: the tables' names are gone
        expr.order(
            order, q.combined().isEmpty() ? selected.get(order.expression()) : position(q, order));
      }
    }
    String limit = q.limit() == null ? null : w.marker(q.limit(), Long.class);
    String offset = q.offset() == null ? null : w.marker(q.offset(), Long.class);
    w.append(dialect.limitOffset(limit, offset));
    if (q.lock() != null && !q.combined().isEmpty()) {
      throw new QueryBuildException(
          "rows of a query combined with "
              + q.combined().get(0).sql()
              + " cannot be locked; lock the rows in a query of their own");
    }
    if (q.lock() != null) {
      w.append(dialect.lockClause(q.lock()));
    }
    return outputs;
  }

  private RenderedQuery.Output item(
      SqlWriter w, Scope scope, ExpressionWriter expr, SelectItem item) {
    if (item instanceof SelectItem.Entity e) {
      Scope.Entry entry = entryOf(scope, e.table());
      EntityModel<?> model = entry.model();
      List<ColumnModel> columns = model.columns();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) w.append(", ");
        w.append(entry.qualifier()).append(".").name(columns.get(i).name());
      }
      return new RenderedQuery.Output(model.type(), null, model, columns.size());
    }
    SelectItem.Column c = (SelectItem.Column) item;
    Scope.Resolved source = readsAsColumn(c.expression()) ? expr.contextOf(c.expression()) : null;
    expr.expression(c.expression());
    return new RenderedQuery.Output(c.type(), source == null ? null : source.column(), null, 1);
  }

  /** The 1-based position of a sort key among the selected items of a combined query. */
  private static String position(Subquery q, Order order) {
    for (int i = 0; i < q.items().size(); i++) {
      if (q.items().get(i) instanceof SelectItem.Column c
          && c.expression().equals(order.expression())) {
        return Integer.toString(i + 1);
      }
    }
    throw new QueryBuildException(
        "a query combined with "
            + q.combined().get(0).sql()
            + " can only be ordered by "
            + "its selected items; select the sort key, or order before combining in a subquery");
  }

  /**
   * A selected value is read through a column's converter when it is the column, or its
   * MIN/MAX/COALESCE.
   */
  private static boolean readsAsColumn(Expression e) {
    return e instanceof PropertyRef
        || e instanceof Aggregate a
            && (a.function() == Aggregate.Function.MIN || a.function() == Aggregate.Function.MAX)
        || e instanceof FunctionCall f && f.function() == FunctionCall.Function.COALESCE
        || e instanceof WindowCall call && call.argument() != null && readsAsColumn(call.argument())
        || e instanceof WindowCall over
            && over.aggregate() != null
            && readsAsColumn(over.aggregate());
  }

  private Scope.Entry entryOf(Scope scope, TableRef<?> table) {
    Scope.Entry found = null;
    for (Scope.Entry e : scope.entries()) {
      boolean hit =
          table.alias() != null
              ? table.alias().equals(e.alias())
              : e.alias() == null && e.model().type() == table.entity();
      if (hit) {
        if (found != null) {
          throw new QueryBuildException(
              table.entity().getSimpleName()
                  + " appears more than once in the query; "
                  + "select an aliased TableRef.of("
                  + table.entity().getSimpleName()
                  + ".class, \"alias\")");
        }
        found = e;
      }
    }
    if (found == null || found.model().type() != table.entity()) {
      throw new QueryBuildException(
          "the selected table "
              + table
              + " is not in the query; add it with from(...) or join(...)");
    }
    return found;
  }

  private void addTable(Scope scope, TableRef<?> table, Set<String> names) {
    EntityModel<?> model = models.of(table.entity());
    String name = table.alias() != null ? table.alias() : model.table().name();
    if (!names.add(name.toLowerCase(Locale.ROOT))) {
      throw new QueryBuildException(
          table.entity().getSimpleName()
              + " (as "
              + name
              + ") appears more than once in the query; "
              + "give each occurrence its own alias with TableRef.of("
              + table.entity().getSimpleName()
              + ".class, \"alias\")");
    }
    String qualifier =
        table.alias() != null
            ? dialect.quote(io.r2orm.core.sql.Identifier.of(table.alias()))
            : dialect.quote(model.table());
    if (table.isCommonTable() && !scope.declares(name)) {
      throw new QueryBuildException(
          "the query reads common table "
              + name
              + ", which it does not declare; add .with(…) of that CommonTable to the query (or to"
              + " the query around it)");
    }
    scope.add(new Scope.Entry(table.alias(), qualifier, qualifier, model, table.isCommonTable()));
  }

  private void tableClause(SqlWriter w, Scope.Entry entry) {
    if (entry.common()) {
      w.append(entry.qualifier());
      return;
    }
    entry.model().schema().ifPresent(s -> w.name(s).append("."));
    w.name(entry.model().table());
    if (entry.alias() != null) {
      w.append(" AS ").append(entry.qualifier());
    }
  }

  /**
   * Adds the joined table to the scope now (so that the select list can use it) and returns what
   * writes the join clause later, in FROM order.
   */
  private Runnable join(
      SqlWriter w, Scope scope, ExpressionWriter expr, Join join, Set<String> names) {
    String keyword = join.type() == Join.Type.LEFT ? " LEFT JOIN " : " JOIN ";
    if (join.on() != null) {
      addTable(scope, join.table(), names);
      Scope.Entry entry = scope.entries().get(scope.entries().size() - 1);
      return () -> {
        w.append(keyword);
        tableClause(w, entry);
        w.append(" ON ");
        expr.predicate(join.on(), false);
      };
    }
    Scope.Entry owner = null;
    for (Scope.Entry e : scope.entries()) {
      if (e.model().type() == join.relation().owner()) {
        if (owner != null) {
          throw new QueryBuildException(
              join.relation().owner().getSimpleName()
                  + " appears more than once before the join of "
                  + join.relation().owner().getSimpleName()
                  + "."
                  + join.relation().name()
                  + ", so it is unclear which one it starts from; join on an explicit condition instead");
        }
        owner = e;
      }
    }
    if (owner == null) {
      throw new QueryBuildException(
          "the join of "
              + join.relation().owner().getSimpleName()
              + "."
              + join.relation().name()
              + " starts from "
              + join.relation().owner().getSimpleName()
              + ", which is not in the query before it; "
              + "select from it or join it first");
    }
    RelationModel relation = models.of(join.relation().owner()).relation(join.relation().name());
    addTable(scope, join.table(), names);
    Scope.Entry target = scope.entries().get(scope.entries().size() - 1);
    Scope.Entry from = owner;
    EntityModel<?> ownerModel = owner.model();
    EntityModel<?> targetModel = target.model();
    String link =
        "r2orm_" + (target.alias() != null ? target.alias() : targetModel.table().name()) + "_link";
    if (relation.kind() == RelationModel.Kind.MANY_TO_MANY
        && !names.add(link.toLowerCase(Locale.ROOT))) {
      throw new QueryBuildException(
          "the link table of " + relation.name() + " is joined twice; alias the target");
    }
    return () -> {
      switch (relation.kind()) {
        case MANY_TO_ONE, ONE_TO_ONE -> {
          w.append(keyword);
          tableClause(w, target);
          w.append(" ON ");
          keyEquals(
              w,
              target.qualifier(),
              targetModel.idColumns(),
              from.qualifier(),
              relation.foreignKeys());
        }
        case ONE_TO_MANY, ONE_TO_ONE_INVERSE -> {
          w.append(keyword);
          tableClause(w, target);
          w.append(" ON ");
          keyEquals(
              w,
              target.qualifier(),
              targetModel.referenceColumns(Objects.requireNonNull(relation.mappedBy())),
              from.qualifier(),
              ownerModel.idColumns());
        }
        case MANY_TO_MANY -> {
          String linkName = dialect.quote(io.r2orm.core.sql.Identifier.of(link));
          w.append(keyword)
              .name(relation.joinTable())
              .append(" AS ")
              .append(linkName)
              .append(" ON ")
              .append(linkName)
              .append(".")
              .name(relation.joinColumn())
              .append(" = ")
              .append(from.qualifier())
              .append(".")
              .name(ownerModel.id().name());
          w.append(keyword);
          tableClause(w, target);
          w.append(" ON ")
              .append(target.qualifier())
              .append(".")
              .name(targetModel.id().name())
              .append(" = ")
              .append(linkName)
              .append(".")
              .name(relation.inverseJoinColumn());
        }
      }
    };
  }

  /** Without {@code from(...)}: the table of the first selected entity or property. */
  private static TableRef<?> inferFrom(Subquery q) {
    for (SelectItem item : q.items()) {
      if (item instanceof SelectItem.Entity e) {
        return e.table();
      }
      PropertyRef ref = firstProperty(((SelectItem.Column) item).expression());
      if (ref != null && ref.owner() != null) {
        return ref.alias() == null
            ? TableRef.of(ref.owner())
            : TableRef.of(ref.owner(), ref.alias());
      }
    }
    throw new QueryBuildException(
        "the query selects no property, so its table is unknown; add from(Entity.class)");
  }

  private static PropertyRef firstProperty(Expression e) {
    if (e instanceof PropertyRef ref) {
      return ref;
    }
    if (e instanceof Aggregate a) {
      return a.argument() == null ? null : firstProperty(a.argument());
    }
    if (e instanceof Arithmetic a) {
      PropertyRef left = firstProperty(a.left());
      return left != null ? left : firstProperty(a.right());
    }
    if (e instanceof FunctionCall f) {
      for (Expression arg : f.arguments()) {
        PropertyRef r = firstProperty(arg);
        if (r != null) return r;
      }
    }
    if (e instanceof Cast c) {
      return firstProperty(c.operand());
    }
    if (e instanceof WindowCall call) {
      if (call.aggregate() != null) return firstProperty(call.aggregate());
      if (call.argument() != null) return firstProperty(call.argument());
      for (Expression key : call.window().partitionBy()) {
        PropertyRef r = firstProperty(key);
        if (r != null) return r;
      }
      for (Order o : call.window().orderBy()) {
        PropertyRef r = firstProperty(o.expression());
        if (r != null) return r;
      }
    }
    if (e instanceof Case c) {
      for (Case.When when : c.whens()) {
        PropertyRef r = firstProperty(when.result());
        if (r != null) return r;
      }
    }
    return null;
  }

  /**
   * {@code l.a = r.x AND l.b = r.y}: the columns of a key and the columns that refer to it, pair by
   * pair (one pair for a single-column key).
   */
  static void keyEquals(
      SqlWriter w,
      String left,
      List<ColumnModel> leftColumns,
      String right,
      List<ColumnModel> rightColumns) {
    if (leftColumns.size() != rightColumns.size()) {
      throw new IllegalStateException(
          "a key of " + leftColumns + " cannot be compared with " + rightColumns);
    }
    for (int i = 0; i < leftColumns.size(); i++) {
      if (i > 0) w.append(" AND ");
      w.append(left)
          .append(".")
          .name(leftColumns.get(i).name())
          .append(" = ")
          .append(right)
          .append(".")
          .name(rightColumns.get(i).name());
    }
  }
}
