package io.r2orm.r2dbc.repository;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The type arguments a repository interface gives its super-interfaces' type variables ({@code T}
 * and {@code ID} of {@link ReactiveRepository}, or those of an intermediate base repository), so
 * that generic method signatures resolve to classes. Computed once per repository.
 */
final class Types {
  private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

  Types(Class<?> repository) {
    collect(repository);
  }

  private void collect(Type type) {
    Class<?> raw;
    if (type instanceof ParameterizedType p) {
      raw = (Class<?>) p.getRawType();
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        bindings.putIfAbsent(vars[i], resolve(args[i]));
      }
    } else if (type instanceof Class<?> c) {
      raw = c;
    } else {
      return;
    }
    for (Type sup : raw.getGenericInterfaces()) {
      collect(sup);
    }
  }

  /** The type with every bound type variable replaced by its argument. */
  Type resolve(Type type) {
    if (type instanceof TypeVariable<?> v) {
      Type bound = bindings.get(v);
      return bound == null || bound == v ? v : resolve(bound);
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments().clone();
      boolean changed = false;
      for (int i = 0; i < args.length; i++) {
        Type r = resolve(args[i]);
        changed |= r != args[i];
        args[i] = r;
      }
      return changed ? new Resolved((Class<?>) p.getRawType(), args, p.getOwnerType()) : p;
    }
    return type;
  }

  /** The class of a resolved type, or null when it is a variable, a wildcard or a generic array. */
  static @Nullable Class<?> rawClass(@Nullable Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    return null;
  }

  /** The single type argument of {@code Mono<X>}, {@code List<X>} …, or null. */
  static @Nullable Type argument(Type type) {
    return type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
        ? p.getActualTypeArguments()[0]
        : null;
  }

  /** A short readable form, e.g. {@code Mono<Page<Book>>}. */
  static String name(Type type) {
    if (type instanceof Class<?> c) return c.getSimpleName();
    if (type instanceof ParameterizedType p) {
      StringBuilder s = new StringBuilder(name(p.getRawType())).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        if (i > 0) s.append(", ");
        s.append(name(args[i]));
      }
      return s.append('>').toString();
    }
    return type.getTypeName();
  }

  /** A parameterized type with resolved arguments. */
  private record Resolved(Class<?> raw, Type[] args, Type owner) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return owner;
    }
  }
}
