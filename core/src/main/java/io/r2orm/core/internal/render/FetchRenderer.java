package io.r2orm.core.internal.render;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the statements that load relations in batches: one statement per relation per window of
 * parents, the keys of the window bound as one array ({@code = ANY($1)}), so the SQL text is the
 * same for every window. Also the join form of a to-one fetch and the link-table writes of
 * many-to-many relations. Pure and thread-safe.
 */
public final class FetchRenderer {
  private final SqlRenderer renderer;
  private final EntityModels models;
  private final Dialect dialect;

  public FetchRenderer(SqlRenderer renderer) {
    this.renderer = Objects.requireNonNull(renderer, "renderer must not be null");
    this.models = renderer.models();
    this.dialect = renderer.dialect();
  }

  /** The targets of a to-one relation by id: {@code SELECT … FROM target WHERE id = ANY($1)}. */
  public SqlStatement targetsById(RelationModel relation, List<Object> ids) {
    EntityModel<?> target = models.of(relation.target());
    if (target.hasCompositeId()) {
      SqlWriter w = new SqlWriter(dialect);
      ExpressionWriter expr = new ExpressionWriter(w, target, dialect, models);
      w.append("SELECT ").append(renderer.columnList(target)).append(" FROM ");
      table(w, target);
      w.append(" WHERE ");
      keyIn(w, expr, target.idColumns(), target, ids);
      return w.toStatement();
    }
    PropertyRef id = new PropertyRef(target.type(), target.id().path());
    return renderer.select(Select.from(target.type()).where(new Predicate.InList(id, ids, false)));
  }

  /**
   * The children of one-to-many or inverse one-to-one relations for a window of parent ids: {@code
   * SELECT … FROM child WHERE fk = ANY($1) [AND filter] ORDER BY …}, ranked per parent when a limit
   * applies.
   */
  public SqlStatement children(
      RelationModel relation, List<Object> parentIds, FetchOptions options) {
    EntityModel<?> child = models.of(relation.target());
    List<ColumnModel> keys =
        child.referenceColumns(Objects.requireNonNull(relation.mappedBy(), "no mappedBy"));
    if (keys.size() > 1) {
      return compositeChildren(relation, child, keys, parentIds, options);
    }
    ColumnModel key = keys.get(0);
    Predicate where =
        new Predicate.InList(new PropertyRef(child.type(), key.path()), parentIds, false);
    if (options.where() != null) {
      where = where.and(options.where());
    }
    List<Order> order = order(relation, child, options);
    if (options.limit() == null) {
      return renderer.select(Select.from(child.type()).where(where).withOrderBy(order));
    }
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, child, dialect, models);
    w.append("SELECT ")
        .append(renderer.columnList(child))
        .append(" FROM (SELECT ")
        .append(distinctColumns(child, ""))
        .append(", ROW_NUMBER() OVER (PARTITION BY ")
        .name(key.name())
        .append(" ORDER BY ");
    orders(w, expr, order);
    w.append(") AS r2orm_rank FROM ");
    table(w, child);
    expr.where(where);
    w.append(") ranked WHERE r2orm_rank <= ")
        .bind(options.limit().longValue(), Long.class)
        .append(" ORDER BY ");
    orders(w, expr, order);
    return w.toStatement();
  }

  /** {@link #children} for an owner with a composite key: its key is in several child columns. */
  private SqlStatement compositeChildren(
      RelationModel relation,
      EntityModel<?> child,
      List<ColumnModel> keys,
      List<Object> parentIds,
      FetchOptions options) {
    EntityModel<?> owner = models.of(relation.owner());
    List<Order> order = order(relation, child, options);
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, child, dialect, models);
    boolean ranked = options.limit() != null;
    w.append("SELECT ").append(renderer.columnList(child));
    if (ranked) {
      w.append(" FROM (SELECT ")
          .append(distinctColumns(child, ""))
          .append(", ROW_NUMBER() OVER (PARTITION BY ");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) w.append(", ");
        w.name(keys.get(i).name());
      }
      w.append(" ORDER BY ");
      orders(w, expr, order);
      w.append(") AS r2orm_rank");
    }
    w.append(" FROM ");
    table(w, child);
    w.append(" WHERE ");
    keyIn(w, expr, keys, owner, parentIds);
    if (options.where() != null) {
      w.append(" AND ");
      expr.predicate(options.where(), true);
    }
    if (ranked) {
      w.append(") ranked WHERE r2orm_rank <= ")
          .bind(Objects.requireNonNull(options.limit()).longValue(), Long.class);
    }
    w.append(" ORDER BY ");
    orders(w, expr, order);
    return w.toStatement();
  }

  /**
   * {@code (a, b) IN (SELECT * FROM UNNEST($1, $2))}: rows whose columns hold one of the keys of
   * {@code keyModel}, the values of each part bound as one array, so that the text is the same for
   * every window. A dialect without arrays gets {@code (a, b) IN ((?, ?), …)}.
   */
  private void keyIn(
      SqlWriter w,
      ExpressionWriter expr,
      List<ColumnModel> columns,
      EntityModel<?> keyModel,
      List<Object> keys) {
    List<List<Object>> parts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      parts.add(new ArrayList<>(keys.size()));
    }
    for (Object key : keys) {
      List<Object> values = keyModel.idParts(key);
      for (int i = 0; i < values.size(); i++) {
        parts.get(i).add(values.get(i));
      }
    }
    w.append("(");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) w.append(", ");
      w.name(columns.get(i).name());
    }
    w.append(") IN (");
    if (dialect.arrayTypeName(columns.get(0)).isPresent()) {
      w.append("SELECT * FROM UNNEST(");
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) w.append(", ");
        w.append(expr.castArrayMarker(columns.get(i), parts.get(i)));
      }
      w.append(")");
    } else {
      for (int k = 0; k < keys.size(); k++) {
        w.append(k > 0 ? ", (" : "(");
        for (int i = 0; i < columns.size(); i++) {
          if (i > 0) w.append(", ");
          expr.bindFor(columns.get(i), parts.get(i).get(k));
        }
        w.append(")");
      }
    }
    w.append(")");
  }

  /**
   * The targets of a many-to-many relation for a window of owner ids, each row led by the owner id
   * it belongs to: {@code SELECT l.owner, t.… FROM target t JOIN link l ON l.target = t.id WHERE
   * l.owner = ANY($1) …}.
   */
  public SqlStatement manyToMany(
      RelationModel relation, List<Object> ownerIds, FetchOptions options) {
    EntityModel<?> owner = models.of(relation.owner());
    EntityModel<?> target = models.of(relation.target());
    List<Order> order = order(relation, target, options);
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter t = new ExpressionWriter(w, target, dialect, models, "t");
    ExpressionWriter plain = new ExpressionWriter(w, target, dialect, models);
    boolean ranked = options.limit() != null;
    // a ranked inner select names each column once: a derived table cannot repeat a name
    String columns =
        ranked
            ? ", " + distinctColumns(target, "t.")
            : target.columns().stream()
                .map(c -> ", t." + dialect.quote(c.name()))
                .collect(java.util.stream.Collectors.joining());
    if (ranked) {
      w.append("SELECT r2orm_owner, ").append(renderer.columnList(target)).append(" FROM (");
    }
    w.append("SELECT l.").name(relation.joinColumn()).append(" AS r2orm_owner").append(columns);
    if (ranked) {
      w.append(", ROW_NUMBER() OVER (PARTITION BY l.")
          .name(relation.joinColumn())
          .append(" ORDER BY ");
      orders(w, t, order);
      w.append(") AS r2orm_rank");
    }
    w.append(" FROM ");
    table(w, target);
    w.append(" t JOIN ")
        .name(relation.joinTable())
        .append(" l ON l.")
        .name(relation.inverseJoinColumn())
        .append(" = t.")
        .name(target.id().name())
        .append(" WHERE l.")
        .name(relation.joinColumn())
        .append(" = ANY(")
        .append(new ExpressionWriter(w, owner, dialect, models).arrayMarker(owner.id(), ownerIds))
        .append(")");
    if (options.where() != null) {
      w.append(" AND ");
      t.predicate(options.where(), true);
    }
    if (ranked) {
      w.append(") ranked WHERE r2orm_rank <= ")
          .bind(options.limit().longValue(), Long.class)
          .append(" ORDER BY ");
      orders(w, plain, order);
    } else {
      w.append(" ORDER BY ");
      orders(w, t, order);
    }
    return w.toStatement();
  }

  /**
   * The link rows of an ids-only many-to-many: {@code SELECT owner, target FROM link WHERE owner =
   * ANY($1)}.
   */
  public SqlStatement linkIds(RelationModel relation, List<Object> ownerIds) {
    EntityModel<?> owner = models.of(relation.owner());
    SqlWriter w = new SqlWriter(dialect);
    w.append("SELECT ")
        .name(relation.joinColumn())
        .append(", ")
        .name(relation.inverseJoinColumn())
        .append(" FROM ")
        .name(relation.joinTable())
        .append(" WHERE ")
        .name(relation.joinColumn())
        .append(" = ANY(")
        .append(new ExpressionWriter(w, owner, dialect, models).arrayMarker(owner.id(), ownerIds))
        .append(") ORDER BY ")
        .name(relation.joinColumn())
        .append(", ")
        .name(relation.inverseJoinColumn());
    return w.toStatement();
  }

  /**
   * Adds the link rows {@code (owner, target)} that are not there yet; its update count is the
   * number added. Pairs already linked are left alone (linking is idempotent): {@code ON CONFLICT
   * DO NOTHING} on PostgreSQL (the link table's primary key decides), {@code MERGE … WHEN NOT
   * MATCHED THEN INSERT} on H2. The target ids must be distinct.
   */
  public SqlStatement link(RelationModel relation, Object ownerId, List<Object> targetIds) {
    requireManyToMany(relation);
    if (targetIds.isEmpty()) {
      throw new IllegalArgumentException("linking needs at least one target id");
    }
    EntityModel<?> owner = models.of(relation.owner());
    EntityModel<?> target = models.of(relation.target());
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter expr = new ExpressionWriter(w, owner, dialect, models);
    boolean merge = dialect.upsertSyntax() == io.r2orm.core.dialect.UpsertSyntax.MERGE_KEY;
    w.append(merge ? "MERGE INTO " : "INSERT INTO ").name(relation.joinTable());
    if (merge) {
      w.append(" USING (VALUES ");
    } else {
      w.append(" (")
          .name(relation.joinColumn())
          .append(", ")
          .name(relation.inverseJoinColumn())
          .append(") VALUES ");
    }
    String ownerType = dialect.castTypeName(owner.id().valueType().sqlType());
    String targetType = dialect.castTypeName(target.id().valueType().sqlType());
    for (int i = 0; i < targetIds.size(); i++) {
      w.append(i > 0 ? ", (" : "(");
      if (merge) {
        // H2 types a VALUES source from its binds only when cast
        w.append("CAST(");
        expr.bindFor(owner.id(), ownerId);
        w.append(" AS " + ownerType + "), CAST(");
        new ExpressionWriter(w, target, dialect, models).bindFor(target.id(), targetIds.get(i));
        w.append(" AS " + targetType + ")");
      } else {
        expr.bindFor(owner.id(), ownerId);
        w.append(", ");
        new ExpressionWriter(w, target, dialect, models).bindFor(target.id(), targetIds.get(i));
      }
      w.append(")");
    }
    if (merge) {
      String table = dialect.quote(relation.joinTable());
      w.append(") AS r2orm_src (")
          .name(relation.joinColumn())
          .append(", ")
          .name(relation.inverseJoinColumn())
          .append(") ON ")
          .append(table)
          .append(".")
          .name(relation.joinColumn())
          .append(" = r2orm_src.")
          .name(relation.joinColumn())
          .append(" AND ")
          .append(table)
          .append(".")
          .name(relation.inverseJoinColumn())
          .append(" = r2orm_src.")
          .name(relation.inverseJoinColumn())
          .append(" WHEN NOT MATCHED THEN INSERT (")
          .name(relation.joinColumn())
          .append(", ")
          .name(relation.inverseJoinColumn())
          .append(") VALUES (r2orm_src.")
          .name(relation.joinColumn())
          .append(", r2orm_src.")
          .name(relation.inverseJoinColumn())
          .append(")");
    } else {
      w.append(" ON CONFLICT DO NOTHING");
    }
    return w.toStatement();
  }

  /** Removes the link rows between the owner and these targets. */
  public SqlStatement unlink(RelationModel relation, Object ownerId, List<Object> targetIds) {
    requireManyToMany(relation);
    EntityModel<?> owner = models.of(relation.owner());
    EntityModel<?> target = models.of(relation.target());
    SqlWriter w = new SqlWriter(dialect);
    w.append("DELETE FROM ")
        .name(relation.joinTable())
        .append(" WHERE ")
        .name(relation.joinColumn())
        .append(" = ");
    new ExpressionWriter(w, owner, dialect, models).bindFor(owner.id(), ownerId);
    w.append(" AND ")
        .name(relation.inverseJoinColumn())
        .append(" = ANY(")
        .append(
            new ExpressionWriter(w, target, dialect, models).arrayMarker(target.id(), targetIds))
        .append(")");
    return w.toStatement();
  }

  /**
   * The parent select with to-one relations joined in: {@code SELECT p.…, j1.… FROM parent p LEFT
   * JOIN target j1 ON j1.id = p.fk …}. The row holds the parent's columns, then each joined
   * target's columns, in the order given.
   */
  public SqlStatement selectJoined(Select select, List<RelationModel> joins) {
    EntityModel<?> parent = models.of(select.entity());
    if (select.lock() != null) {
      throw new QueryBuildException(
          "a locking select cannot join relations (the joined side of an outer join "
              + "cannot be locked); load them with the default select-in strategy instead");
    }
    SqlWriter w = new SqlWriter(dialect);
    ExpressionWriter p = new ExpressionWriter(w, parent, dialect, models, "p");
    w.append("SELECT ");
    qualifiedColumns(w, parent, "p");
    for (int i = 0; i < joins.size(); i++) {
      w.append(", ");
      qualifiedColumns(w, models.of(joins.get(i).target()), "j" + (i + 1));
    }
    w.append(" FROM ");
    table(w, parent);
    w.append(" p");
    for (int i = 0; i < joins.size(); i++) {
      RelationModel r = joins.get(i);
      if (!r.ownsKey() || r.owner() != parent.type()) {
        throw new QueryBuildException(
            r
                + " cannot be joined: only to-one relations of "
                + parent.type().getSimpleName()
                + " that hold the key can");
      }
      EntityModel<?> target = models.of(r.target());
      String alias = "j" + (i + 1);
      w.append(" LEFT JOIN ");
      table(w, target);
      w.append(" ").append(alias).append(" ON ");
      QueryRenderer.keyEquals(w, alias, target.idColumns(), "p", r.foreignKeys());
    }
    p.where(select.where());
    if (!select.orderBy().isEmpty()) {
      w.append(" ORDER BY ");
      orders(w, p, select.orderBy());
    }
    String limit = select.limit() == null ? null : w.marker(select.limit(), Long.class);
    String offset = select.offset() == null ? null : w.marker(select.offset(), Long.class);
    w.append(dialect.limitOffset(limit, offset));
    return w.toStatement();
  }

  /**
   * The entity's column names, each once (a column shared by a key and a relation appears twice in
   * {@link io.r2orm.core.metadata.EntityModel#columns()}), for a derived table, which cannot repeat
   * a name; the outer select reads them by name.
   */
  private String distinctColumns(EntityModel<?> model, String qualifier) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    for (ColumnModel c : model.columns()) {
      names.add(qualifier + dialect.quote(c.name()));
    }
    return String.join(", ", names);
  }

  private void qualifiedColumns(SqlWriter w, EntityModel<?> model, String alias) {
    List<ColumnModel> columns = model.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) w.append(", ");
      w.append(alias).append(".").name(columns.get(i).name());
    }
  }

  private static List<Order> order(
      RelationModel relation, EntityModel<?> target, FetchOptions options) {
    List<Order> order =
        new ArrayList<>(options.orderBy().isEmpty() ? relation.order() : options.orderBy());
    // the key's columns last, so that the order is total (each part of a composite key)
    for (ColumnModel column : target.idColumns()) {
      PropertyRef id = new PropertyRef(target.type(), column.path());
      if (order.stream().noneMatch(o -> o.expression().equals(id))) {
        order.add(new Order(id, Order.Direction.ASC, Order.Nulls.DEFAULT));
      }
    }
    return order;
  }

  private static void orders(SqlWriter w, ExpressionWriter expr, List<Order> orders) {
    for (int i = 0; i < orders.size(); i++) {
      if (i > 0) w.append(", ");
      expr.order(orders.get(i));
    }
  }

  private void table(SqlWriter w, EntityModel<?> model) {
    renderer.table(w, model);
  }

  private static void requireManyToMany(RelationModel relation) {
    if (relation.kind() != RelationModel.Kind.MANY_TO_MANY) {
      throw new IllegalArgumentException(
          relation + " is not a many-to-many relation; only those have link rows");
    }
  }
}
