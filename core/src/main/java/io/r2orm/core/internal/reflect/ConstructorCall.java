package io.r2orm.core.internal.reflect;

import io.r2orm.core.exception.MappingException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One constructor, chosen and resolved once into a method handle that takes its arguments as an
 * array. Every object r2orm builds goes through here: entities and their embedded parts, records of
 * hand-written SQL and projections into records or DTOs. Thread-safe.
 *
 * <p>Choosing fails with {@link IllegalArgumentException} whose message says what is wrong with the
 * class ("has no no-argument constructor; ..."); callers prefix it with their context.
 *
 * @param <T> the type built
 */
public final class ConstructorCall<T> {
  private final Class<T> type;
  private final Class<?>[] parameters;

  /** The positions of primitive parameters, the only ones a NULL argument is refused for. */
  private final int[] primitives;

  private final MethodHandle spread;

  private ConstructorCall(Class<T> type, Constructor<?> constructor) {
    this.type = type;
    this.parameters = constructor.getParameterTypes();
    this.primitives =
        java.util.stream.IntStream.range(0, parameters.length)
            .filter(i -> parameters[i].isPrimitive())
            .toArray();
    MethodHandle handle;
    try {
      constructor.setAccessible(true);
      handle = MethodHandles.lookup().unreflectConstructor(constructor);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "its constructor " + signature(constructor) + " cannot be used (" + e.getMessage() + ")",
          e);
    }
    this.spread =
        handle.asType(handle.type().generic()).asSpreader(Object[].class, parameters.length);
  }

  /** The canonical constructor of a record (its components in declaration order). */
  public static <T> ConstructorCall<T> canonical(Class<T> record) {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record.getName() + " is not a record");
    }
    return new ConstructorCall<>(record, canonicalConstructor(record));
  }

  /** The no-argument constructor of a class (it may be private), for classes filled by setters. */
  public static <T> ConstructorCall<T> noArgument(Class<T> type) {
    if (type.getEnclosingClass() != null
        && !Modifier.isStatic(type.getModifiers())
        && !type.isRecord()) {
      throw new IllegalArgumentException(
          type.getName() + " is an inner class; make it a static nested or top-level class");
    }
    try {
      return new ConstructorCall<>(type, type.getDeclaredConstructor());
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          type.getName()
              + " has no no-argument constructor; add one (it may be private) or make it a record",
          e);
    }
  }

  /**
   * The constructor that takes {@code arity} arguments: a record's canonical one, or a public
   * class's only public one of that arity.
   */
  public static <T> ConstructorCall<T> ofArity(Class<T> type, int arity) {
    List<Constructor<?>> candidates =
        type.isRecord()
            ? List.of(canonicalConstructor(type))
            : Arrays.asList(type.getConstructors());
    Constructor<?> chosen = null;
    List<String> seen = new ArrayList<>();
    for (Constructor<?> c : candidates) {
      seen.add(Arrays.toString(c.getParameterTypes()));
      if (c.getParameterCount() != arity) {
        continue;
      }
      if (chosen != null) {
        throw new IllegalArgumentException(
            type.getName()
                + " has more than one constructor with "
                + arity
                + " parameters; map into a record, or give it exactly one");
      }
      chosen = c;
    }
    if (chosen == null) {
      throw new IllegalArgumentException(
          "no "
              + (type.isRecord() ? "canonical" : "public")
              + " constructor takes "
              + arity
              + " arguments (constructors: "
              + seen
              + ")");
    }
    if (!Modifier.isPublic(type.getModifiers()) && !type.isRecord()) {
      throw new IllegalArgumentException(
          type.getName() + " is not public; make it public or use a record");
    }
    return new ConstructorCall<>(type, chosen);
  }

  private static Constructor<?> canonicalConstructor(Class<?> record) {
    Class<?>[] types =
        Arrays.stream(record.getRecordComponents()).map(c -> c.getType()).toArray(Class<?>[]::new);
    try {
      return record.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(record.getName() + " has no canonical constructor", e);
    }
  }

  private static String signature(Constructor<?> c) {
    return Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName).toList().toString();
  }

  /** The type this builds. */
  public Class<T> type() {
    return type;
  }

  /** The constructor's parameter types, in order (a copy). */
  public Class<?>[] parameterTypes() {
    return parameters.clone();
  }

  /** The number of arguments. */
  public int arity() {
    return parameters.length;
  }

  /**
   * Calls the constructor. A NULL argument for a primitive parameter is refused with the exception
   * {@code nullPrimitive} makes from its index, before the constructor runs; an exception the
   * constructor throws (its own validation) reaches the caller unchanged, a checked one wrapped in
   * {@link MappingException}.
   */
  public T call(Object[] args, IntFunction<? extends RuntimeException> nullPrimitive) {
    for (int i : primitives) {
      if (args[i] == null) {
        throw nullPrimitive.apply(i);
      }
    }
    try {
      return type.cast((Object) spread.invokeExact(args));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new MappingException("Cannot create " + type.getName() + ": " + e, e);
    }
  }
}
