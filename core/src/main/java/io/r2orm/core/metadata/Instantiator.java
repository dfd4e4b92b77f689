package io.r2orm.core.metadata;

import io.r2orm.core.internal.reflect.ConstructorCall;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds one object (an entity or an embedded part) from the flat array of column values. Resolved
 * once per class into method handles; per row it only indexes the array and calls them.
 */
abstract sealed class Instantiator
    permits Instantiator.RecordInstantiator, Instantiator.BeanInstantiator {

  /** Where one constructor argument or field value comes from. */
  sealed interface Slot permits ColumnSlot, NestedSlot, RelationSlot {}

  /** The value of column {@code index}, with the property's primitive type checked for NULL. */
  record ColumnSlot(int index, Class<?> declaredType, String path) implements Slot {}

  /** A relation property's value at {@code index} of the value array (after the columns). */
  record RelationSlot(int index) implements Slot {}

  /** A nested embedded part built by its own instantiator. */
  record NestedSlot(Instantiator part) implements Slot {}

  final Class<?> type;
  final List<Slot> slots;

  /** First and one-past-last column index this object covers (for the all-NULL embedded rule). */
  final int from;

  final int to;

  Instantiator(Class<?> type, List<Slot> slots, int from, int to) {
    this.type = type;
    this.slots = List.copyOf(slots);
    this.from = from;
    this.to = to;
  }

  abstract Object create(Object[] values) throws Throwable;

  /** Builds the part, or null when it is embedded and every column it covers is NULL. */
  @Nullable Object createOrNull(Object[] values) throws Throwable {
    for (int i = from; i < to; i++) {
      if (values[i] != null) {
        return create(values);
      }
    }
    return null;
  }

  @Nullable Object valueOf(Slot slot, Object[] values) throws Throwable {
    if (slot instanceof ColumnSlot c) {
      Object v = values[c.index()];
      if (v == null && c.declaredType().isPrimitive()) {
        throw new NullPrimitiveException(c.path());
      }
      return v;
    }
    if (slot instanceof RelationSlot r) {
      return values[r.index()];
    }
    return ((NestedSlot) slot).part().createOrNull(values);
  }

  /** Calls a record's canonical constructor with every component in order. */
  static final class RecordInstantiator extends Instantiator {
    private final ConstructorCall<?> constructor;

    /** valueOf has refused NULL for every primitive column; no other slot can be primitive. */
    private final java.util.function.IntFunction<RuntimeException> unexpectedNull;

    RecordInstantiator(
        Class<?> type, List<Slot> slots, int from, int to, ConstructorCall<?> constructor) {
      super(type, slots, from, to);
      this.constructor = constructor;
      this.unexpectedNull =
          i -> new IllegalStateException("NULL for primitive argument " + i + " of " + type);
    }

    @Override
    Object create(Object[] values) throws Throwable {
      Object[] args = new Object[slots.size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = valueOf(slots.get(i), values);
      }
      return constructor.call(args, unexpectedNull);
    }
  }

  /** Calls a no-argument constructor, then sets each mapped field. */
  static final class BeanInstantiator extends Instantiator {
    private static final Object[] NO_ARGUMENTS = {};

    private final ConstructorCall<?> constructor;
    private final MethodHandle[] setters;

    BeanInstantiator(
        Class<?> type,
        List<Slot> slots,
        int from,
        int to,
        ConstructorCall<?> constructor,
        List<MethodHandle> setters) {
      super(type, slots, from, to);
      this.constructor = constructor;
      this.setters =
          setters.stream()
              .map(h -> h.asType(MethodType.methodType(void.class, Object.class, Object.class)))
              .toArray(MethodHandle[]::new);
    }

    @Override
    Object create(Object[] values) throws Throwable {
      Object instance = constructor.call(NO_ARGUMENTS, i -> new IllegalStateException());
      for (int i = 0; i < setters.length; i++) {
        // NULL is set too, so that a field initializer never stands in for a NULL column
        // (valueOf has already rejected NULL for primitives).
        setters[i].invokeExact(instance, valueOf(slots.get(i), values));
      }
      return instance;
    }
  }

  /** A NULL column for a primitive property. */
  static final class NullPrimitiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String path;

    NullPrimitiveException(String path) {
      super(null, null, false, false);
      this.path = path;
    }
  }
}
