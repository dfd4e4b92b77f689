package io.r2orm.core.internal.render;

import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.Aggregate;
import io.r2orm.core.query.Arithmetic;
import io.r2orm.core.query.Case;
import io.r2orm.core.query.Cast;
import io.r2orm.core.query.Expression;
import io.r2orm.core.query.FunctionCall;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.ScalarSubquery;
import io.r2orm.core.query.Value;
import io.r2orm.core.query.WindowCall;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes predicates, expressions and sort keys of one statement; properties are resolved through
 * the statement's {@link Scope}. Values are converted by the property they stand beside and bound.
 */
final class ExpressionWriter {
  private final SqlWriter w;
  private final Scope scope;
  private final Dialect dialect;

  ExpressionWriter(SqlWriter w, EntityModel<?> model, Dialect dialect, EntityModels models) {
    this(w, model, dialect, models, null);
  }

  /** Writes columns as {@code qualifier.column} (for statements that join tables). */
  ExpressionWriter(
      SqlWriter w, EntityModel<?> model, Dialect dialect, EntityModels models, String qualifier) {
    this(w, Scope.single(model, dialect, models, qualifier), dialect);
  }

  ExpressionWriter(SqlWriter w, Scope scope, Dialect dialect) {
    this.w = w;
    this.scope = scope;
    this.dialect = dialect;
  }

  Scope scope() {
    return scope;
  }

  void where(Predicate predicate) {
    if (predicate != null) {
      w.append(" WHERE ");
      predicate(predicate, false);
    }
  }

  ColumnModel column(PropertyRef ref) {
    return scope.resolve(ref).column();
  }

  void predicate(Predicate predicate, boolean nested) {
    Predicate expanded = CompositeReference.expand(predicate, this::referenceOf);
    (expanded != null ? expanded : predicate).accept(new PredicateWriter(nested));
  }

  /**
   * The to-one relation over several key columns that an operand names ({@code
   * TenantOrder_.CUSTOMER.idEq(...)}), with the model owning it, or null for anything else.
   */
  private CompositeReference.@Nullable Found referenceOf(Expression operand) {
    if (!(operand instanceof PropertyRef ref)
        || ref.path().contains(".")
        || (ref.owner() == null && ref.alias() != null)) {
      return null;
    }
    EntityModel<?> model;
    if (ref.owner() != null) {
      model = scope.models().of(ref.owner());
    } else {
      model = scope.root();
    }
    for (io.r2orm.core.metadata.RelationModel r : model.relations()) {
      if (r.name().equals(ref.path()) && r.compositeRef() != null) {
        return new CompositeReference.Found(ref, r, scope.models().of(r.target()));
      }
    }
    return null;
  }

  /** Writes one condition; a new kind of condition does not compile until it is handled here. */
  private final class PredicateWriter implements Predicate.Visitor<Void> {
    private final boolean nested;

    PredicateWriter(boolean nested) {
      this.nested = nested;
    }

    @Override
    public Void comparison(Predicate.Comparison c) {
      ExpressionWriter.this.comparison(c);
      return null;
    }

    @Override
    public Void between(Predicate.Between b) {
      Scope.Resolved context = contextOf(b.operand());
      expression(b.operand(), context);
      w.append(" BETWEEN ");
      expression(b.low(), context);
      w.append(" AND ");
      expression(b.high(), context);
      return null;
    }

    @Override
    public Void inList(Predicate.InList in) {
      in(in);
      return null;
    }

    @Override
    public Void nullCheck(Predicate.NullCheck n) {
      expression(n.operand(), null);
      w.append(n.negated() ? " IS NOT NULL" : " IS NULL");
      return null;
    }

    @Override
    public Void like(Predicate.Like l) {
      ExpressionWriter.this.like(l);
      return null;
    }

    @Override
    public Void inQuery(Predicate.InQuery in) {
      expression(in.operand(), null);
      w.append(in.negated() ? " NOT IN (" : " IN (");
      subquery(in.query());
      w.append(")");
      return null;
    }

    @Override
    public Void exists(Predicate.Exists e) {
      w.append(e.negated() ? "NOT EXISTS (" : "EXISTS (");
      subquery(e.query());
      w.append(")");
      return null;
    }

    @Override
    public Void and(Predicate.And a) {
      junction(a.parts(), " AND ", "1 = 1", nested);
      return null;
    }

    @Override
    public Void or(Predicate.Or o) {
      junction(o.parts(), " OR ", "1 = 0", nested);
      return null;
    }

    @Override
    public Void not(Predicate.Not n) {
      w.append("NOT (");
      predicate(n.part(), false);
      w.append(")");
      return null;
    }

    @Override
    public Void arrayTest(Predicate.ArrayTest t) {
      ExpressionWriter.this.arrayTest(t, nested);
      return null;
    }
  }

  private void comparison(Predicate.Comparison c) {
    Scope.Resolved context = contextOf(c.left());
    if (context == null) {
      context = contextOf(c.right());
    }
    expression(c.left(), context);
    w.append(" ").append(c.operator().sql()).append(" ");
    expression(c.right(), context);
  }

  private void junction(List<Predicate> parts, String separator, String empty, boolean nested) {
    if (parts.isEmpty()) {
      w.append(empty);
      return;
    }
    if (parts.size() == 1) {
      predicate(parts.get(0), nested);
      return;
    }
    if (nested) w.append("(");
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) w.append(separator);
      predicate(parts.get(i), true);
    }
    if (nested) w.append(")");
  }

  private void in(Predicate.InList in) {
    Scope.Resolved context = contextOf(in.operand());
    Optional<String> arrayType =
        context == null ? Optional.empty() : dialect.arrayTypeName(context.column());
    if (arrayType.isPresent()) {
      // an array bind per at most maxArrayLength values (H2: 65,536), or-ed (and-ed when negated)
      int size = Math.max(1, dialect.maxArrayLength());
      int parts = Math.max(1, (in.values().size() + size - 1) / size);
      if (parts > 1) w.append("(");
      for (int p = 0; p < parts; p++) {
        if (p > 0) w.append(in.negated() ? " AND " : " OR ");
        expression(in.operand(), context);
        List<Object> part =
            in.values().subList(p * size, Math.min(in.values().size(), (p + 1) * size));
        String marker = arrayMarker(context.column(), context.model(), part);
        w.append(in.negated() ? " <> ALL(" : " = ANY(").append(marker).append(")");
      }
      if (parts > 1) w.append(")");
      return;
    }
    if (in.values().isEmpty()) {
      w.append(in.negated() ? "1 = 1" : "1 = 0");
      return;
    }
    expression(in.operand(), context);
    w.append(in.negated() ? " NOT IN (" : " IN (");
    for (int i = 0; i < in.values().size(); i++) {
      if (i > 0) w.append(", ");
      if (context != null) {
        bindFor(context, in.values().get(i));
      } else {
        Object value = standalone(in.values().get(i));
        w.bind(value, value.getClass());
      }
    }
    w.append(")");
  }

  /**
   * PostgreSQL: {@code col @> CAST($1 AS text[])}, {@code col && CAST($1 AS text[])}, {@code $1 =
   * ANY(col)}; elsewhere {@code ARRAY_CONTAINS(col, ?)} per value, and-ed or or-ed.
   */
  private void arrayTest(Predicate.ArrayTest t, boolean nested) {
    Scope.Resolved context = contextOf(t.operand());
    if (context == null || !context.column().valueType().isArray()) {
      throw new QueryBuildException(
          "has/containsAll/overlaps need an array property (List<...> or an array), got "
              + (context == null
                  ? t.operand()
                  : context.model().type().getSimpleName() + "." + context.column().path()));
    }
    ColumnModel column = context.column();
    io.r2orm.core.convert.ValueType element = column.valueType().element();
    List<Object> stored = new java.util.ArrayList<>();
    for (Object value : t.values()) {
      try {
        stored.add(element.write(value));
      } catch (RuntimeException e) {
        throw new QueryBuildException(
            "cannot compare "
                + value
                + " with the elements of "
                + context.model().type().getSimpleName()
                + "."
                + column.path()
                + ": "
                + e.getMessage());
      }
    }
    boolean all = t.operator() == Predicate.ArrayOperator.CONTAINS_ALL;
    if (stored.isEmpty()) {
      w.append(all ? "1 = 1" : "1 = 0");
      return;
    }
    if (dialect.supportsArrayOperators()) {
      if (t.operator() == Predicate.ArrayOperator.HAS) {
        w.append(w.marker(stored.get(0), element.databaseType())).append(" = ANY(");
        expression(t.operand(), context);
        w.append(")");
        return;
      }
      expression(t.operand(), context);
      Object array = Array.newInstance(element.databaseType(), stored.size());
      for (int i = 0; i < stored.size(); i++) {
        Array.set(array, i, stored.get(i));
      }
      String type = dialect.arrayTypeName(element.sqlType()).orElseThrow();
      w.append(all ? " @> " : " && ")
          .append("CAST(")
          .append(w.marker(array, array.getClass()))
          .append(" AS ")
          .append(type)
          .append(")");
      return;
    }
    boolean several = stored.size() > 1;
    if (several && nested) w.append("(");
    for (int i = 0; i < stored.size(); i++) {
      if (i > 0) w.append(all ? " AND " : " OR ");
      w.append("ARRAY_CONTAINS(");
      expression(t.operand(), context);
      w.append(", ").append(w.marker(stored.get(i), element.databaseType())).append(")");
    }
    if (several && nested) w.append(")");
  }

  private void like(Predicate.Like l) {
    Scope.Resolved context = contextOf(l.operand());
    if (context != null && context.column().databaseType() != String.class) {
      throw new QueryBuildException(
          "like on "
              + context.model().type().getSimpleName()
              + "."
              + context.column().path()
              + " which is not stored as text");
    }
    Optional<String> ilike = dialect.caseInsensitiveLike();
    boolean lower = l.ignoreCase() && ilike.isEmpty();
    if (lower) w.append("LOWER(");
    expression(l.operand(), null);
    if (lower) w.append(")");
    w.append(l.negated() ? " NOT " : " ");
    w.append(l.ignoreCase() && ilike.isPresent() ? ilike.get() : "LIKE").append(" ");
    if (lower) w.append("LOWER(");
    w.bind(l.pattern(), String.class);
    if (lower) w.append(")");
    w.append(" ESCAPE '\\'");
  }

  void order(Order order) {
    order(order, null);
  }

  /**
   * A sort key whose expression is written as {@code text} when given (the SQL of an equal selected
   * value).
   */
  void order(Order order, String text) {
    if (text != null) {
      w.append(text);
    } else {
      expression(order.expression(), null);
    }
    w.append(order.direction() == Order.Direction.ASC ? " ASC" : " DESC");
    if (order.nulls() != Order.Nulls.DEFAULT) {
      if (!dialect.supportsNullsOrdering()) {
        throw new io.r2orm.core.exception.UnsupportedFeatureException(
            dialect.name(), "NULLS FIRST/LAST");
      }
      w.append(order.nulls() == Order.Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  /** The right-hand side of {@code column = …} in an UPDATE. */
  void assigned(ColumnModel column, Expression value) {
    expression(value, new Scope.Resolved(null, column, scope.root()));
  }

  /**
   * The column whose stored form an expression's value has: a property, or MIN/MAX/COALESCE of one.
   * Values beside it are converted by it, and selected values are read through it.
   */
  Scope.Resolved contextOf(Expression e) {
    if (e instanceof PropertyRef ref) {
      return scope.resolve(ref);
    }
    if (e instanceof Aggregate a
        && (a.function() == Aggregate.Function.MIN || a.function() == Aggregate.Function.MAX)) {
      return contextOf(a.argument());
    }
    if (e instanceof FunctionCall f && f.function() == FunctionCall.Function.COALESCE) {
      return contextOf(f.arguments().get(0));
    }
    if (e instanceof WindowCall call) {
      return call.argument() != null
          ? contextOf(call.argument())
          : call.aggregate() != null ? contextOf(call.aggregate()) : null;
    }
    return null;
  }

  /** Writes a selected or compared expression. */
  void expression(Expression e) {
    expression(e, null);
  }

  private void expression(Expression e, Scope.Resolved context) {
    e.accept(new ExpressionVisitor(context));
  }

  /**
   * Writes one expression; {@code context} is the column that converts a value beside it. A new
   * kind of expression does not compile until it is handled here.
   */
  private final class ExpressionVisitor implements Expression.Visitor<Void> {
    private final Scope.Resolved context;

    ExpressionVisitor(Scope.Resolved context) {
      this.context = context;
    }

    @Override
    public Void propertyRef(PropertyRef ref) {
      Scope.Resolved r = scope.resolve(ref);
      if (r.qualifier() != null) {
        w.append(r.qualifier()).append(".");
      }
      w.name(r.column().name());
      return null;
    }

    @Override
    public Void value(Value v) {
      if (context != null) {
        bindFor(context, v.value());
      } else if (v.value() == null) {
        throw new QueryBuildException("a NULL value needs a property beside it to give it a type");
      } else {
        Object value = standalone(v.value());
        w.bind(value, value.getClass());
      }
      return null;
    }

    @Override
    public Void arithmetic(Arithmetic a) {
      w.append("(");
      expression(a.left(), null);
      w.append(" ").append(a.operator().sql()).append(" ");
      expression(a.right(), null);
      w.append(")");
      return null;
    }

    @Override
    public Void aggregate(Aggregate a) {
      w.append(a.function().name()).append("(");
      if (a.argument() == null) {
        w.append("*");
      } else {
        if (a.distinct()) w.append("DISTINCT ");
        expression(a.argument(), null);
      }
      w.append(")");
      return null;
    }

    @Override
    public Void functionCall(FunctionCall f) {
      function(f, context);
      return null;
    }

    @Override
    public Void caseWhen(Case c) {
      w.append("CASE");
      for (Case.When when : c.whens()) {
        w.append(" WHEN ");
        predicate(when.condition(), false);
        w.append(" THEN ");
        expression(when.result(), context);
      }
      if (c.otherwise() != null) {
        w.append(" ELSE ");
        expression(c.otherwise(), context);
      }
      w.append(" END");
      return null;
    }

    @Override
    public Void cast(Cast c) {
      w.append("CAST(");
      expression(c.operand(), null);
      w.append(" AS ").append(dialect.castTypeName(c.type())).append(")");
      return null;
    }

    @Override
    public Void scalarSubquery(ScalarSubquery s) {
      w.append("(");
      subquery(s.query());
      w.append(")");
      return null;
    }

    @Override
    public Void windowCall(WindowCall call) {
      window(call);
      return null;
    }
  }

  /** {@code F(…) OVER (PARTITION BY … ORDER BY …)}. */
  private void window(WindowCall call) {
    if (call.aggregate() != null) {
      expression(call.aggregate(), null);
    } else {
      w.append(call.function().name()).append("(");
      if (call.argument() != null) {
        expression(call.argument(), null);
        if (call.offset() != 1) {
          w.append(", ").append(Integer.toString(call.offset()));
        }
      }
      w.append(")");
    }
    w.append(" OVER (");
    String sep = "";
    if (!call.window().partitionBy().isEmpty()) {
      w.append("PARTITION BY ");
      for (Expression key : call.window().partitionBy()) {
        w.append(sep);
        expression(key, null);
        sep = ", ";
      }
      sep = " ";
    }
    if (!call.window().orderBy().isEmpty()) {
      w.append(sep).append("ORDER BY ");
      for (int i = 0; i < call.window().orderBy().size(); i++) {
        if (i > 0) w.append(", ");
        order(call.window().orderBy().get(i));
      }
    }
    w.append(")");
  }

  private void function(FunctionCall f, Scope.Resolved context) {
    switch (f.function()) {
      case CURRENT_DATE -> w.append("CURRENT_DATE");
      case CURRENT_TIMESTAMP -> w.append("CURRENT_TIMESTAMP");
      case JSON_TEXT, JSON_CONTAINS -> json(f);
      default -> {
        w.append(f.function() == FunctionCall.Function.LENGTH ? "CHAR_LENGTH" : f.function().name())
            .append("(");
        Scope.Resolved argContext =
            f.function() == FunctionCall.Function.COALESCE ? contextOf(f) : null;
        for (int i = 0; i < f.arguments().size(); i++) {
          if (i > 0) w.append(", ");
          expression(f.arguments().get(i), argContext);
        }
        w.append(")");
      }
    }
  }

  /**
   * PostgreSQL's JSON functions, the column cast to {@code jsonb} (so {@code json} columns work
   * too) and every path step or document a bind: {@code jsonb_extract_path_text(CAST(c AS jsonb),
   * $1)} and {@code (CAST(c AS jsonb) @> CAST($1 AS jsonb))}.
   */
  private void json(FunctionCall f) {
    if (!dialect.supportsJsonPaths()) {
      throw new io.r2orm.core.exception.UnsupportedFeatureException(
          dialect.getClass().getSimpleName(),
          "JSON paths and containment (Functions.jsonText, Functions.jsonContains); select the document and read it in Java");
    }
    boolean contains = f.function() == FunctionCall.Function.JSON_CONTAINS;
    w.append(contains ? "(CAST(" : "jsonb_extract_path_text(CAST(");
    expression(f.arguments().get(0), null);
    w.append(" AS jsonb)");
    for (int i = 1; i < f.arguments().size(); i++) {
      Object value = ((Value) f.arguments().get(i)).value();
      String marker = w.marker(value, String.class);
      w.append(contains ? " @> CAST(" + marker + " AS jsonb)" : ", " + marker);
    }
    w.append(")");
  }

  private void subquery(io.r2orm.core.query.Subquery query) {
    new QueryRenderer(dialect, scope.models()).write(w, query, scope);
  }

  /**
   * A value with no property beside it: enums by name, other built-in types as the driver takes
   * them.
   */
  private static Object standalone(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return ValueTypes.builtIn(value.getClass()).map(t -> t.write(value)).orElse(value);
  }

  private void bindFor(Scope.Resolved context, Object value) {
    w.append(
        dialect.bind(
            context.column(),
            w.marker(
                convert(context.column(), context.model(), value), context.column().databaseType()),
            false));
  }

  /** Binds a Java value as the column stores it. */
  void bindFor(ColumnModel column, Object value) {
    w.append(marker(column, value));
  }

  /**
   * Records a bind for a Java value as the column stores it and returns its marker, cast to the
   * column's declared type where the dialect needs that ({@code CAST($1 AS mpaa_rating)}).
   */
  String marker(ColumnModel column, Object value) {
    return dialect.bind(
        column, w.marker(convert(column, scope.root(), value), column.databaseType()), false);
  }

  /** Binds a list of Java values as one array of the column's database type. */
  String arrayMarker(ColumnModel column, List<Object> values) {
    return arrayMarker(column, scope.root(), values);
  }

  /**
   * An array bind of these values cast to the column's array type, for places where the database
   * cannot infer the type from a column ({@code UNNEST}); uncast where the dialect has no array
   * type name.
   */
  String castArrayMarker(ColumnModel column, List<Object> values) {
    Object array = array(column, scope.root(), values);
    String marker = w.marker(array, array.getClass());
    return dialect
        .arrayTypeName(column)
        .map(type -> "CAST(" + marker + " AS " + type + ")")
        .orElse(marker);
  }

  private String arrayMarker(ColumnModel column, EntityModel<?> model, List<Object> values) {
    Object array = array(column, model, values);
    return dialect.bind(column, w.marker(array, array.getClass()), true);
  }

  /** The values converted for the column, as an array of its driver-level type. */
  private Object array(ColumnModel column, EntityModel<?> model, List<Object> values) {
    Object array = Array.newInstance(column.databaseType(), values.size());
    for (int i = 0; i < values.size(); i++) {
      Array.set(array, i, convert(column, model, values.get(i)));
    }
    return array;
  }

  private Object convert(ColumnModel column, EntityModel<?> model, Object value) {
    if (value == null) {
      return null;
    }
    if (column.propertyType() == io.r2orm.core.query.Ref.class) {
      try {
        return column.valueType().write(value);
      } catch (RuntimeException e) {
        throw new QueryBuildException(
            "cannot use "
                + value
                + " as the key of "
                + model.type().getSimpleName()
                + "."
                + column.path()
                + ": "
                + e.getMessage());
      }
    }
    Class<?> expected = ValueTypes.box(column.propertyType());
    Object coerced =
        expected.isInstance(value)
            ? value
            : expected.isEnum() && value instanceof String name
                ? enumConstant(model, column, expected, name)
                : coerceNumber(value, expected);
    if (coerced == null) {
      throw new QueryBuildException(
          "value of type "
              + value.getClass().getName()
              + " given for "
              + model.type().getSimpleName()
              + "."
              + column.path()
              + ", which is a "
              + expected.getName());
    }
    Object stored;
    try {
      stored = column.valueType().write(coerced);
    } catch (RuntimeException e) {
      throw new QueryBuildException(
          "cannot convert the value for "
              + model.type().getSimpleName()
              + "."
              + column.path()
              + ": "
              + e.getMessage());
    }
    if (column.valueType().isArray()
        && !dialect.supportsNullArrayElements()
        && java.util.Arrays.asList((Object[]) stored).contains(null)) {
      throw new io.r2orm.core.exception.UnsupportedFeatureException(
          dialect.getClass().getSimpleName(),
          "an array with NULL elements in "
              + model.type().getSimpleName()
              + "."
              + column.path()
              + " (its driver cannot "
              + "bind one; it reads them); leave the NULLs out, or use PostgreSQL");
    }
    return stored;
  }

  /** An enum constant named by a string (dynamic queries from request parameters). */
  private static Object enumConstant(
      EntityModel<?> model, ColumnModel column, Class<?> enumType, String name) {
    for (Object constant : enumType.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new QueryBuildException(
        "'"
            + name
            + "' is not a constant of "
            + enumType.getSimpleName()
            + " for "
            + model.type().getSimpleName()
            + "."
            + column.path()
            + "; known constants: "
            + java.util.Arrays.toString(enumType.getEnumConstants()));
  }

  /** Lossless conversions between number types, for dynamic properties; null when not possible. */
  private static Object coerceNumber(Object value, Class<?> expected) {
    if (!(value instanceof Number n) || !Number.class.isAssignableFrom(expected)) {
      return null;
    }
    try {
      BigDecimal d =
          n instanceof BigDecimal b
              ? b
              : n instanceof BigInteger i
                  ? new BigDecimal(i)
                  : (n instanceof Double || n instanceof Float)
                      ? BigDecimal.valueOf(n.doubleValue())
                      : BigDecimal.valueOf(n.longValue());
      if (expected == Long.class) return d.longValueExact();
      if (expected == Integer.class) return d.intValueExact();
      if (expected == Short.class) return d.shortValueExact();
      if (expected == Byte.class) return d.byteValueExact();
      if (expected == BigDecimal.class) return d;
      if (expected == Double.class) return d.doubleValue();
      if (expected == Float.class) return d.floatValue();
    } catch (ArithmeticException e) {
      return null;
    }
    return null;
  }
}
