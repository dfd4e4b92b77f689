package io.r2orm.core.query;

import io.r2orm.core.convert.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates, scalar functions, {@code CASE} and casts for the query builder; import statically.
 * Every value passed in is bound, never written into the SQL text.
 *
 * <pre>{@code
 * db.select(Artist_.NAME, count(), sum(Track_.MILLISECONDS))
 *     .from(Artist.class).join(Artist_.ALBUMS).join(Album_.TRACKS)
 *     .groupBy(Artist_.NAME).having(count().gt(10L))
 *     .all();
 * }</pre>
 */
public final class Functions {
  private Functions() {}

  /** {@code COUNT(*)}: the number of rows (of the group). */
  public static Computed<Long> count() {
    return new Computed<>(new Aggregate(Aggregate.Function.COUNT, null, false), Long.class);
  }

  /** {@code COUNT(x)}: the number of non-null values. */
  public static Computed<Long> count(Field<?> field) {
    return new Computed<>(
        new Aggregate(Aggregate.Function.COUNT, field.expression(), false), Long.class);
  }

  /** {@code COUNT(DISTINCT x)}: the number of distinct non-null values. */
  public static Computed<Long> countDistinct(Field<?> field) {
    return new Computed<>(
        new Aggregate(Aggregate.Function.COUNT, field.expression(), true), Long.class);
  }

  /**
   * {@code SUM(x)}, read as the field's type. Databases widen sums (an {@code int} sum is a {@code
   * bigint}); a sum that does not fit fails when read, so sum {@code Integer} fields with {@code
   * sum(f).as(Long.class)} when the total may exceed the int range.
   */
  public static <T extends Number> Computed<T> sum(Field<T> field) {
    return new Computed<>(
        new Aggregate(Aggregate.Function.SUM, field.expression(), false), field.type());
  }

  /** {@code AVG(x)}, read as a {@link BigDecimal} (exact; the scale depends on the database). */
  public static Computed<BigDecimal> avg(Field<? extends Number> field) {
    return new Computed<>(
        new Aggregate(Aggregate.Function.AVG, field.expression(), false), BigDecimal.class);
  }

  /** {@code MIN(x)}. */
  public static <T> Computed<T> min(Field<T> field) {
    return new Computed<>(
        new Aggregate(Aggregate.Function.MIN, field.expression(), false), field.type());
  }

  /** {@code MAX(x)}. */
  public static <T> Computed<T> max(Field<T> field) {
    return new Computed<>(
        new Aggregate(Aggregate.Function.MAX, field.expression(), false), field.type());
  }

  /** {@code LOWER(x)}. */
  public static Computed<String> lower(Field<String> field) {
    return call(FunctionCall.Function.LOWER, String.class, field);
  }

  /** {@code UPPER(x)}. */
  public static Computed<String> upper(Field<String> field) {
    return call(FunctionCall.Function.UPPER, String.class, field);
  }

  /** {@code CHAR_LENGTH(x)}: the number of characters. */
  public static Computed<Integer> length(Field<String> field) {
    return call(FunctionCall.Function.LENGTH, Integer.class, field);
  }

  /** {@code ABS(x)}. */
  public static <T extends Number> Computed<T> abs(Field<T> field) {
    return call(FunctionCall.Function.ABS, field.type(), field);
  }

  /**
   * The text of the parts joined ({@code CONCAT(a, b, …)}); each part is a field or a value. NULL
   * parts count as empty text, as {@code CONCAT} does in both PostgreSQL and H2.
   */
  public static Computed<String> concat(Object first, Object second, Object... more) {
    List<Object> parts =
        new ArrayList<>(
            List.of(
                Objects.requireNonNull(first, "first"), Objects.requireNonNull(second, "second")));
    parts.addAll(List.of(more));
    return new Computed<>(
        new FunctionCall(
            FunctionCall.Function.CONCAT, parts.stream().map(Functions::expressionOf).toList()),
        String.class);
  }

  /**
   * The text at a path in a JSON column ({@code @Column(type = "jsonb")} or {@code "json"}), or
   * NULL where the path leads nowhere: object keys by name, array elements by index ({@code "0"}).
   * PostgreSQL: {@code jsonb_extract_path_text(CAST(details AS jsonb), $1, $2)}, every step a bind.
   * H2 has no JSON paths: it fails with {@link
   * io.r2orm.core.exception.UnsupportedFeatureException}.
   *
   * <pre>{@code
   * db.select(Payment.class).where(Functions.jsonText(Payment_.DETAILS, "card", "brand").eq("visa"))
   * }</pre>
   */
  public static Computed<String> jsonText(Field<?> json, String... path) {
    Objects.requireNonNull(json, "json must not be null");
    if (path.length == 0) {
      throw new IllegalArgumentException(
          "jsonText needs at least one path step (a key or an array index)");
    }
    List<Expression> arguments = new ArrayList<>();
    arguments.add(json.expression());
    for (String step : path) {
      arguments.add(new Value(Objects.requireNonNull(step, "a path step must not be null")));
    }
    return new Computed<>(
        new FunctionCall(FunctionCall.Function.JSON_TEXT, arguments), String.class);
  }

  /**
   * Whether a JSON column contains the given JSON document (PostgreSQL's {@code @>}: every key and
   * value of {@code document} is in the column's, arrays by their elements), e.g. {@code
   * jsonContains(Payment_.DETAILS, "{\"card\": {\"brand\": \"visa\"}}")}. The document is a bind.
   * H2 fails with {@link io.r2orm.core.exception.UnsupportedFeatureException}.
   */
  public static Predicate jsonContains(Field<?> json, String document) {
    Objects.requireNonNull(json, "json must not be null");
    Computed<Boolean> contains =
        new Computed<>(
            new FunctionCall(
                FunctionCall.Function.JSON_CONTAINS,
                List.of(
                    json.expression(),
                    new Value(Objects.requireNonNull(document, "document must not be null")))),
            Boolean.class);
    return contains.eq(true);
  }

  /** The field, or the fallback when it is NULL ({@code COALESCE(x, fallback)}). */
  public static <T> Computed<T> coalesce(Field<T> field, T fallback) {
    return new Computed<>(
        new FunctionCall(
            FunctionCall.Function.COALESCE,
            List.of(
                field.expression(),
                new Value(Objects.requireNonNull(fallback, "fallback must not be null")))),
        field.type());
  }

  /** The first non-null of the fields ({@code COALESCE(a, b, …)}). */
  @SafeVarargs
  public static <T> Computed<T> coalesce(Field<T> first, Field<T>... more) {
    List<Expression> args = new ArrayList<>();
    args.add(first.expression());
    for (Field<T> f : more) args.add(f.expression());
    if (args.size() < 2) {
      throw new IllegalArgumentException("coalesce needs a fallback field or value");
    }
    return new Computed<>(new FunctionCall(FunctionCall.Function.COALESCE, args), first.type());
  }

  /** {@code CURRENT_DATE} of the database session. */
  public static Computed<LocalDate> currentDate() {
    return new Computed<>(
        new FunctionCall(FunctionCall.Function.CURRENT_DATE, List.of()), LocalDate.class);
  }

  /** {@code CURRENT_TIMESTAMP} (with time zone) of the database session. */
  public static Computed<OffsetDateTime> currentTimestamp() {
    return new Computed<>(
        new FunctionCall(FunctionCall.Function.CURRENT_TIMESTAMP, List.of()), OffsetDateTime.class);
  }

  /**
   * {@code CAST(x AS type)} to the SQL type r2orm uses for the Java type ({@code Long} → bigint,
   * {@code String} → text, {@code BigDecimal} → numeric, …).
   */
  public static <R> Computed<R> cast(Field<?> field, Class<R> javaType) {
    SqlType type = CAST_TYPES.get(Objects.requireNonNull(javaType, "javaType must not be null"));
    if (type == null) {
      throw new IllegalArgumentException(
          "cannot cast to "
              + javaType.getName()
              + "; castable types: "
              + CAST_TYPES.keySet().stream().map(Class::getSimpleName).sorted().toList());
    }
    return new Computed<>(new Cast(field.expression(), type), javaType);
  }

  /** A bound value usable where a field is expected, e.g. {@code concat(val("#"), Track_.ID)}. */
  @SuppressWarnings("unchecked")
  public static <T> Computed<T> val(T value) {
    Objects.requireNonNull(
        value, "value must not be null; use a typed NULL through coalesce or CASE");
    return new Computed<>(new Value(value), (Class<T>) value.getClass());
  }

  /** The start of a {@code CASE}: {@code when(cond, result).when(…).otherwise(…)}. */
  public static <T> CaseBuilder<T> when(Predicate condition, T result) {
    return new CaseBuilder<T>(List.of()).when(condition, result);
  }

  /** The start of a {@code CASE} whose result is a field. */
  public static <T> CaseBuilder<T> when(Predicate condition, Field<T> result) {
    return new CaseBuilder<T>(List.of()).when(condition, result);
  }

  /**
   * {@code ROW_NUMBER() OVER (…)}: 1, 2, 3, … within each partition, in the window's order. Give
   * the window with {@code .over(Window.partitionBy(…).thenOrderBy(…))}.
   */
  public static Ranking<Long> rowNumber() {
    return new Ranking<>(WindowCall.Function.ROW_NUMBER, null, 0, Long.class);
  }

  /** {@code RANK() OVER (…)}: equal rows share a rank, and the next rank skips (1, 1, 3). */
  public static Ranking<Long> rank() {
    return new Ranking<>(WindowCall.Function.RANK, null, 0, Long.class);
  }

  /** {@code DENSE_RANK() OVER (…)}: equal rows share a rank, with no gaps (1, 1, 2). */
  public static Ranking<Long> denseRank() {
    return new Ranking<>(WindowCall.Function.DENSE_RANK, null, 0, Long.class);
  }

  /**
   * {@code LAG(field) OVER (…)}: the field's value in the previous row of the partition (NULL in
   * the first).
   */
  public static <T> Ranking<T> lag(Field<T> field) {
    return lag(field, 1);
  }

  /** {@code LAG(field, offset) OVER (…)}: the value {@code offset} rows back. */
  public static <T> Ranking<T> lag(Field<T> field, int offset) {
    return new Ranking<>(
        WindowCall.Function.LAG,
        Objects.requireNonNull(field, "field must not be null").expression(),
        offset,
        field.type());
  }

  /**
   * {@code LEAD(field) OVER (…)}: the field's value in the next row of the partition (NULL in the
   * last).
   */
  public static <T> Ranking<T> lead(Field<T> field) {
    return lead(field, 1);
  }

  /** {@code LEAD(field, offset) OVER (…)}: the value {@code offset} rows ahead. */
  public static <T> Ranking<T> lead(Field<T> field, int offset) {
    return new Ranking<>(
        WindowCall.Function.LEAD,
        Objects.requireNonNull(field, "field must not be null").expression(),
        offset,
        field.type());
  }

  /**
   * A window function waiting for its window: it becomes a field with {@link
   * #over(WindowCall.Window)}.
   *
   * @param <T> the Java type of its value
   */
  public static final class Ranking<T> {
    private final WindowCall.Function function;
    private final @Nullable Expression argument;
    private final int offset;
    private final Class<T> type;

    private Ranking(
        WindowCall.Function function, @Nullable Expression argument, int offset, Class<T> type) {
      if (argument != null && offset < 1) {
        throw new IllegalArgumentException(function + " reads at least 1 row away, got " + offset);
      }
      this.function = function;
      this.argument = argument;
      this.offset = offset;
      this.type = type;
    }

    /** The function over this window. */
    public Computed<T> over(WindowCall.Window window) {
      return new Computed<>(new WindowCall(function, null, argument, offset, window), type);
    }
  }

  /**
   * A subquery of one column and at most one row, as a value, e.g. in a select list or a
   * comparison.
   */
  public static <T> Computed<T> scalar(Subquery subquery, Class<T> javaType) {
    return new Computed<>(new ScalarSubquery(subquery), javaType);
  }

  /** A field, or a value to bind. */
  static Expression expressionOf(Object operand) {
    if (operand instanceof Field<?> f) {
      return f.expression();
    }
    if (operand instanceof Expression e) {
      return e;
    }
    return new Value(Objects.requireNonNull(operand, "operand must not be null"));
  }

  private static <T> Computed<T> call(FunctionCall.Function f, Class<T> type, Field<?> field) {
    return new Computed<>(new FunctionCall(f, List.of(field.expression())), type);
  }

  private static final Map<Class<?>, SqlType> CAST_TYPES =
      Map.ofEntries(
          Map.entry(Boolean.class, SqlType.BOOLEAN),
          Map.entry(Short.class, SqlType.SMALLINT),
          Map.entry(Integer.class, SqlType.INTEGER),
          Map.entry(Long.class, SqlType.BIGINT),
          Map.entry(Float.class, SqlType.REAL),
          Map.entry(Double.class, SqlType.DOUBLE),
          Map.entry(BigDecimal.class, SqlType.DECIMAL),
          Map.entry(String.class, SqlType.TEXT),
          Map.entry(java.util.UUID.class, SqlType.UUID),
          Map.entry(LocalDate.class, SqlType.DATE),
          Map.entry(java.time.LocalTime.class, SqlType.TIME),
          Map.entry(java.time.LocalDateTime.class, SqlType.TIMESTAMP),
          Map.entry(OffsetDateTime.class, SqlType.TIMESTAMP_WITH_TIME_ZONE));

  /**
   * A {@code CASE} under construction. Immutable.
   *
   * @param <T> the result type
   */
  public static final class CaseBuilder<T> {
    private final List<Case.When> whens;
    private final @Nullable Class<?> type;

    private CaseBuilder(List<Case.When> whens) {
      this(whens, null);
    }

    private CaseBuilder(List<Case.When> whens, @Nullable Class<?> type) {
      this.whens = List.copyOf(whens);
      this.type = type;
    }

    /** Another branch. */
    public CaseBuilder<T> when(Predicate condition, T result) {
      return add(
          condition,
          new Value(
              Objects.requireNonNull(result, "result must not be null; leave it to otherwise()")),
          result.getClass());
    }

    /** Another branch whose result is a field. */
    public CaseBuilder<T> when(Predicate condition, Field<T> result) {
      return add(condition, result.expression(), result.type());
    }

    private CaseBuilder<T> add(Predicate condition, Expression result, Class<?> resultType) {
      List<Case.When> next = new ArrayList<>(whens);
      next.add(new Case.When(condition, result));
      return new CaseBuilder<>(next, type == null ? resultType : type);
    }

    /** The result when no branch matches. */
    public Computed<T> otherwise(T result) {
      return new Computed<>(
          new Case(
              whens,
              new Value(Objects.requireNonNull(result, "result must not be null; use end()"))),
          resultType());
    }

    /** The result when no branch matches is a field. */
    public Computed<T> otherwise(Field<T> result) {
      return new Computed<>(new Case(whens, result.expression()), resultType());
    }

    /** No {@code ELSE}: NULL when no branch matches. */
    public Computed<T> end() {
      return new Computed<>(new Case(whens, null), resultType());
    }

    /** The type of the first branch's result: every builder has one (it starts with a branch). */
    @SuppressWarnings("unchecked")
    private Class<T> resultType() {
      return (Class<T>) Objects.requireNonNull(type, "a CASE has at least one branch");
    }
  }
}
