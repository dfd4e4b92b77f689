package io.r2orm.r2dbc.repository;

import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.query.DynamicProperty;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.r2dbc.repository.MethodName.Criterion;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds, once per derived query, a function per condition from the method's arguments to a {@link
 * Predicate}, after checking that each parameter suits its property. Per call only the predicate
 * objects are made; every value becomes a bind.
 */
final class Conditions {
  /** One condition of a derived query, given the call's arguments. */
  @FunctionalInterface
  interface Condition {
    Predicate apply(Object[] args);
  }

  private final RepositoryContext ctx;
  private final Method method;
  private final Type[] types;

  Conditions(RepositoryContext ctx, Method method) {
    this.ctx = ctx;
    this.method = method;
    this.types = ctx.parameterTypes(method);
  }

  /** The condition for a criterion whose values are the method parameters at these positions. */
  Condition of(Criterion c, int[] at) {
    // the parser resolved the property against these columns
    ColumnModel column = Objects.requireNonNull(ctx.queryable.get(c.property()));
    check(c, column, at);
    int index = at.length > 0 ? at[0] : -1;
    int second = at.length > 1 ? at[1] : -1;
    DynamicProperty p = Property.named(column.path());
    boolean ic = c.ignoreCase();
    switch (c.operator()) {
      case EQUALS:
        return ic
            ? args -> args[index] == null ? p.isNull() : like(p, escape(args[index]), true, false)
            : args -> p.eq(args[index]);
      case NOT:
        return ic
            ? args -> args[index] == null ? p.isNotNull() : like(p, escape(args[index]), true, true)
            : args -> p.ne(args[index]);
      case IN:
        return inList(p, index, c, false);
      case NOT_IN:
        return inList(p, index, c, true);
      case IS_NULL:
        return constant(p.isNull());
      case IS_NOT_NULL:
        return constant(p.isNotNull());
      case LESS_THAN:
        return args -> p.lt(required(args, index, c));
      case LESS_THAN_EQUAL:
        return args -> p.le(required(args, index, c));
      case GREATER_THAN:
        return args -> p.gt(required(args, index, c));
      case GREATER_THAN_EQUAL:
        return args -> p.ge(required(args, index, c));
      case BETWEEN:
        return args -> p.between(required(args, index, c), required(args, second, c));
      case LIKE:
        return args -> like(p, required(args, index, c), ic, false);
      case NOT_LIKE:
        return args -> like(p, required(args, index, c), ic, true);
      case STARTING_WITH:
        return args -> like(p, escape(required(args, index, c)) + "%", ic, false);
      case ENDING_WITH:
        return args -> like(p, "%" + escape(required(args, index, c)), ic, false);
      case CONTAINING:
        return args -> like(p, "%" + escape(required(args, index, c)) + "%", ic, false);
      case NOT_CONTAINING:
        return args -> like(p, "%" + escape(required(args, index, c)) + "%", ic, true);
      case TRUE:
        return constant(p.eq(Boolean.TRUE));
      case FALSE:
        return constant(p.eq(Boolean.FALSE));
      default:
        throw new IllegalStateException("unhandled operator " + c.operator());
    }
  }

  private void check(Criterion c, ColumnModel column, int[] at) {
    String property = ctx.entityName() + "." + c.property();
    String type = ValueTypes.box(column.propertyType()).getSimpleName();
    if ((c.operator().isTextMatch() || c.ignoreCase()) && column.databaseType() != String.class) {
      throw ctx.fail(
          method,
          (c.ignoreCase() ? "IgnoreCase" : c.operator().keyword())
              + " needs a text property, but "
              + property
              + " is of type "
              + type);
    }
    if ((c.operator() == Operator.TRUE || c.operator() == Operator.FALSE)
        && ValueTypes.box(column.propertyType()) != Boolean.class) {
      throw ctx.fail(
          method,
          c.operator().keyword()
              + " needs a boolean property, but "
              + property
              + " is of type "
              + type);
    }
    for (int i : at) {
      Class<?> given = method.getParameterTypes()[i];
      if (c.operator() == Operator.IN || c.operator() == Operator.NOT_IN) {
        checkList(c, column, i, given, property, type);
      } else if (c.operator().isTextMatch() || c.ignoreCase()) {
        if (given != String.class) {
          throw ctx.fail(
              method,
              parameter(i)
                  + " is of type "
                  + given.getSimpleName()
                  + " but "
                  + (c.ignoreCase() ? "IgnoreCase" : c.operator().keyword())
                  + " on "
                  + property
                  + " takes a String");
        }
      } else if (!ctx.accepts(column, given)) {
        throw ctx.fail(
            method,
            parameter(i)
                + " is of type "
                + given.getSimpleName()
                + " but "
                + property
                + " is of type "
                + type
                + "; change the parameter type or the name");
      }
    }
  }

  private void checkList(
      Criterion c, ColumnModel column, int i, Class<?> given, String property, String type) {
    Class<?> element;
    if (given.isArray()) {
      element = given.getComponentType();
    } else if (Iterable.class.isAssignableFrom(given)) {
      element = Types.rawClass(Types.argument(types[i]));
    } else {
      throw ctx.fail(
          method,
          parameter(i)
              + " is of type "
              + given.getSimpleName()
              + " but "
              + c.operator().keyword()
              + " takes a collection or an array of "
              + type
              + " values");
    }
    if (element != null && !ctx.accepts(column, element)) {
      throw ctx.fail(
          method,
          parameter(i)
              + " holds "
              + element.getSimpleName()
              + " values but "
              + property
              + " is of type "
              + type);
    }
  }

  private String parameter(int i) {
    return "parameter " + (i + 1) + " (" + method.getParameters()[i].getName() + ")";
  }

  private Condition inList(DynamicProperty p, int index, Criterion c, boolean negated) {
    Function<Object, List<?>> toList = list(method.getParameterTypes()[index]);
    return args -> {
      List<?> values = toList.apply(required(args, index, c));
      return negated ? p.notIn(values) : p.in(values);
    };
  }

  private static Function<Object, List<?>> list(Class<?> type) {
    if (type.isArray() && !type.getComponentType().isPrimitive()) {
      return v -> Arrays.asList((Object[]) v);
    }
    if (type.isArray()) {
      return v -> {
        List<Object> values = new ArrayList<>(Array.getLength(v));
        for (int i = 0; i < Array.getLength(v); i++) values.add(Array.get(v, i));
        return values;
      };
    }
    if (Collection.class.isAssignableFrom(type)) {
      return v -> List.copyOf((Collection<?>) v);
    }
    return v -> {
      List<Object> values = new ArrayList<>();
      ((Iterable<?>) v).forEach(values::add);
      return values;
    };
  }

  private static Condition constant(Predicate p) {
    return args -> p;
  }

  private static Predicate like(
      DynamicProperty p, Object pattern, boolean ignoreCase, boolean negated) {
    return new Predicate.Like(p.ref(), (String) pattern, ignoreCase, negated);
  }

  private static String escape(Object text) {
    return Predicate.Like.escape((String) text);
  }

  private Object required(Object[] args, int index, Criterion c) {
    Object value = args[index];
    if (value == null) {
      throw new IllegalArgumentException(
          ctx.describe(method)
              + ": "
              + parameter(index)
              + " is null, but "
              + c.operator().keyword()
              + " on "
              + ctx.entityName()
              + "."
              + c.property()
              + " needs a value; to match NULL,"
              + " use IsNull");
    }
    return value;
  }
}
