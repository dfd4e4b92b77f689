package io.r2orm.core.metadata;

import io.r2orm.core.query.Ref;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The composite key of a relation's target, resolved on first use: the target's model may not exist
 * while the owner's is built, since relations may cycle. Thread-safe.
 */
final class TargetKey {
  private final EntityModels registry;
  private final Class<?> target;
  private volatile @Nullable EntityModel<?> model;

  TargetKey(EntityModels registry, Class<?> target) {
    this.registry = registry;
    this.target = target;
  }

  private EntityModel<?> model() {
    EntityModel<?> m = model;
    if (m == null) {
      m = registry.of(target);
      model = m;
    }
    return m;
  }

  /** A key record of the target from its parts, in key order. */
  Object key(Object[] parts) {
    return model().key(parts);
  }

  /**
   * Part {@code index} of the key a relation value refers to (a {@code Ref}'s id, or the id of the
   * entity it holds), or null when it refers to nothing.
   *
   * @throws IllegalArgumentException when the {@code Ref} holds an id of another type
   */
  @SuppressWarnings("unchecked")
  @Nullable Object part(@Nullable Object relationValue, int index) {
    if (!(relationValue instanceof Ref<?> ref)) {
      return null;
    }
    Object key = ref.id();
    if (key == null && ref.isLoaded() && ref.get() != null) {
      key = ((EntityModel<Object>) model()).idValue(ref.get());
    }
    if (key == null) {
      return null;
    }
    List<Object> parts = model().idParts(key);
    return parts.get(index);
  }
}
