package io.r2orm.r2dbc.repository;

import io.r2orm.core.annotation.Table;
import io.r2orm.core.convert.ValueType;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.render.NamedParameters;
import io.r2orm.core.query.FetchPath;
import io.r2orm.r2dbc.SqlQuery;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Query} method, planned when the repository is created: the SQL's named parameters are
 * matched against the method's parameters (both ways), the result type is checked, and per
 * parameter the bind for NULL and for an empty collection is prepared. A call binds the arguments
 * and runs {@code db.sql(...)}.
 */
final class AnnotatedQuery {
  private static final Pattern FIRST_WORD =
      Pattern.compile("^\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*(\\w+)", Pattern.DOTALL);
  private static final Set<String> WRITES = Set.of("update", "delete", "insert", "merge");

  private final RepositoryContext ctx;
  private final Method method;
  private final String sql;
  private final String[] names;

  /** Per parameter: the Java type to bind NULL as. */
  private final Class<?>[] nullTypes;

  /** Per parameter: an empty typed array for an empty collection, or null. */
  private final Object[] emptyArrays;

  private AnnotatedQuery(RepositoryContext ctx, Method method) {
    this.ctx = ctx;
    this.method = method;
    this.sql = method.getAnnotation(Query.class).value();
    int n = method.getParameterCount();
    this.names = new String[n];
    this.nullTypes = new Class<?>[n];
    this.emptyArrays = new Object[n];
  }

  /**
   * Plans the method; fails naming the method when the SQL, the parameters or the return type do
   * not fit.
   */
  static Invoker build(RepositoryContext ctx, Method method) {
    return new AnnotatedQuery(ctx, method).plan();
  }

  private Invoker plan() {
    if (sql.isBlank()) {
      throw ctx.fail(method, "@Query has no SQL");
    }
    Set<String> used;
    try {
      used = new LinkedHashSet<>(NamedParameters.parse(sql, ctx.db.dialect()).names());
    } catch (QueryBuildException e) {
      throw ctx.fail(method, "@Query SQL cannot be read: " + e.getMessage());
    }
    bindParameters(used);
    ReturnShape returns = ReturnShape.of(ctx, method);
    boolean modifying = method.getAnnotation(Query.class).modifying();
    if (modifying) {
      return modifying(returns);
    }
    Matcher first = FIRST_WORD.matcher(sql);
    if (first.find()
        && WRITES.contains(first.group(1).toLowerCase(Locale.ROOT))
        && !sql.toLowerCase(Locale.ROOT).contains("returning")) {
      throw ctx.fail(
          method,
          "@Query runs "
              + first.group(1).toUpperCase(Locale.ROOT)
              + ", which returns no rows; "
              + "declare @Query(value = ..., modifying = true) and return Mono<Long>, Mono<Integer> or Mono<Void>");
    }
    return reading(returns);
  }

  private void bindParameters(Set<String> used) {
    Parameter[] params = method.getParameters();
    Type[] types = ctx.parameterTypes(method);
    Set<String> declared = new LinkedHashSet<>();
    for (int i = 0; i < params.length; i++) {
      Class<?> type = params[i].getType();
      if (type == Sort.class || type == PageRequest.class) {
        throw ctx.fail(
            method,
            "a @Query method cannot take a "
                + type.getSimpleName()
                + "; write ORDER BY, LIMIT and "
                + "OFFSET into the SQL, with parameters for the values");
      }
      Param param = params[i].getAnnotation(Param.class);
      if (param == null && !params[i].isNamePresent()) {
        throw ctx.fail(
            method,
            "parameter "
                + (i + 1)
                + " has no name; annotate it with @Param(\"name\") or compile "
                + "with -parameters");
      }
      names[i] = param != null ? param.value() : params[i].getName();
      if (!declared.add(names[i])) {
        throw ctx.fail(method, "two parameters are named '" + names[i] + "'");
      }
      if (!used.contains(names[i])) {
        throw ctx.fail(
            method,
            "parameter '"
                + names[i]
                + "' is not used by the SQL, which uses "
                + parameters(used)
                + "; rename it (or use @Param) or remove it");
      }
      prepare(i, type, types[i]);
    }
    for (String name : used) {
      if (!declared.contains(name)) {
        throw ctx.fail(
            method,
            "the SQL uses :"
                + name
                + " but no parameter is named '"
                + name
                + "'; parameters: "
                + declared
                + "; add one, or name one with @Param(\""
                + name
                + "\")");
      }
    }
  }

  private static String parameters(Set<String> used) {
    return used.isEmpty() ? "no parameters" : used.stream().map(n -> ":" + n).toList().toString();
  }

  /** The NULL type and the empty array of parameter {@code i}. */
  private void prepare(int i, Class<?> type, Type generic) {
    Class<?> element = null;
    if (type.isArray() && type != byte[].class) {
      element = type.getComponentType();
    } else if (Collection.class.isAssignableFrom(type)) {
      element = Types.rawClass(Types.argument(generic));
    }
    if (element == null) {
      nullTypes[i] = ValueTypes.box(type);
      return;
    }
    Class<?> driver =
        element.isEnum()
            ? String.class
            : ValueTypes.builtIn(ValueTypes.box(element)).map(ValueType::databaseType).orElse(null);
    if (driver != null) {
      emptyArrays[i] = Array.newInstance(driver, 0);
      nullTypes[i] = emptyArrays[i].getClass();
    } else {
      nullTypes[i] = Object[].class;
    }
  }

  private SqlQuery bind(Object[] args) {
    SqlQuery q = ctx.db.sql(sql);
    for (int i = 0; i < names.length; i++) {
      Object value = args[i];
      if (value == null) {
        q = q.bindNull(names[i], nullTypes[i]);
      } else if (emptyArrays[i] != null && value instanceof Collection<?> c && c.isEmpty()) {
        q = q.bind(names[i], emptyArrays[i]);
      } else {
        q = q.bind(names[i], value);
      }
    }
    return q;
  }

  private Invoker modifying(ReturnShape returns) {
    if (returns.flux()
        || !(returns.is(Long.class) || returns.is(Integer.class) || returns.is(Void.class))) {
      throw ctx.fail(
          method,
          "returns "
              + returns.name()
              + "; a modifying @Query returns Mono<Long> or Mono<Integer> "
              + "(rows changed) or Mono<Void>");
    }
    if (method.isAnnotationPresent(FetchRelations.class)) {
      throw ctx.fail(method, "@FetchRelations has no effect on a modifying @Query; remove it");
    }
    if (returns.is(Integer.class)) {
      return (proxy, args) -> Mono.defer(() -> bind(args).execute().map(Math::toIntExact));
    }
    if (returns.is(Void.class)) {
      return (proxy, args) -> Mono.defer(() -> bind(args).execute().then());
    }
    return (proxy, args) -> Mono.defer(() -> bind(args).execute());
  }

  @SuppressWarnings("unchecked")
  private Invoker reading(ReturnShape returns) {
    Class<?> element = returns.elementClass();
    if (element == null || element == Object.class || element == Void.class || !mappable(element)) {
      throw ctx.fail(
          method,
          "returns "
              + returns.name()
              + "; a @Query maps rows to an entity, a record or a built-in "
              + "type such as Long or String");
    }
    Class<Object> type = (Class<Object>) element;
    List<FetchPath<Object, ?>> fetch = List.of();
    if (method.isAnnotationPresent(FetchRelations.class)) {
      if (!type.isAnnotationPresent(Table.class)) {
        throw ctx.fail(
            method,
            "@FetchRelations needs the method to return entities, but "
                + type.getSimpleName()
                + " is not one; return the entity or remove @FetchRelations");
      }
      fetch = FetchPaths.of(ctx, method, type);
    }
    FetchPath<Object, ?>[] paths = FetchPaths.array(fetch);
    if (returns.flux()) {
      if (paths.length == 0) {
        return (proxy, args) -> Flux.defer(() -> bind(args).all(type));
      }
      // read to the end first: on one connection, a second statement cannot run while a result
      // streams
      return (proxy, args) ->
          Flux.defer(
              () -> bind(args).all(type).collectList().flatMapMany(all -> ctx.db.load(all, paths)));
    }
    if (paths.length == 0) {
      return (proxy, args) -> Mono.defer(() -> bind(args).one(type));
    }
    return (proxy, args) ->
        Mono.defer(() -> bind(args).one(type).flatMap(e -> ctx.db.load(List.of(e), paths).next()));
  }

  private static boolean mappable(Class<?> type) {
    return type.isAnnotationPresent(Table.class)
        || type.isRecord()
        || type.isEnum()
        || ValueTypes.builtIn(ValueTypes.box(type)).isPresent();
  }
}
