package io.r2orm.core.query;

import io.r2orm.core.exception.UnloadedRelationException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A to-one reference ({@code @ManyToOne}, {@code @OneToOne}): the target's id, and the target
 * itself once fetched. Immutable.
 *
 * <ul>
 *   <li>{@link #to(Object)} refers to a stored entity by id (enough for saving a foreign key).
 *   <li>{@link #of(Object)} refers to an entity in hand.
 *   <li>Read from the database, a reference carries the id and, when the query fetched it, the
 *       entity. {@link #get()} on an unfetched reference throws {@link UnloadedRelationException}
 *       naming the fetch to add — it never loads anything.
 *   <li>A NULL foreign key reads as {@link #none()}: fetched, and empty.
 * </ul>
 *
 * @param <T> the target entity type
 */
public final class Ref<T> {
  private static final Ref<?> NONE = new Ref<>(null, null, true, null);

  private final @Nullable Object id;
  private final @Nullable T entity;
  private final boolean loaded;
  private final @Nullable String unloadedMessage;

  private Ref(
      @Nullable Object id, @Nullable T entity, boolean loaded, @Nullable String unloadedMessage) {
    this.id = id;
    this.entity = entity;
    this.loaded = loaded;
    this.unloadedMessage = unloadedMessage;
  }

  /** A reference to the stored entity with this id. */
  public static <T> Ref<T> to(Object id) {
    return new Ref<>(
        Objects.requireNonNull(id, "id must not be null"),
        null,
        false,
        "this reference was made with Ref.to(id) and holds only the id");
  }

  /** A reference to an entity in hand (its id is read when the reference is saved). */
  public static <T> Ref<T> of(T entity) {
    return new Ref<>(null, Objects.requireNonNull(entity, "entity must not be null"), true, null);
  }

  /** The empty reference: no target. */
  @SuppressWarnings("unchecked")
  public static <T> Ref<T> none() {
    return (Ref<T>) NONE;
  }

  /** A fetched reference, for the loader. Not API. */
  public static <T> Ref<T> loaded(@Nullable Object id, @Nullable T entity) {
    return entity == null && id == null ? none() : new Ref<>(id, entity, true, null);
  }

  /** An unfetched reference with a known id, for the mapper. Not API. */
  public static <T> Ref<T> unloaded(@Nullable Object id, String message) {
    return new Ref<>(id, null, false, message);
  }

  /** The target's id when known (always, for references read from a foreign key); else null. */
  public @Nullable Object id() {
    return id;
  }

  /** Whether the target was fetched (or given), so that {@link #get()} will not throw. */
  public boolean isLoaded() {
    return loaded;
  }

  /** Whether this reference points at nothing. */
  public boolean isEmpty() {
    return loaded && entity == null;
  }

  /**
   * The target, or null for {@link #none()}.
   *
   * @throws UnloadedRelationException when the target was not fetched
   */
  public @Nullable T get() {
    if (!loaded) {
      throw new UnloadedRelationException(
          Objects.requireNonNullElse(unloadedMessage, "the relation was not fetched"));
    }
    return entity;
  }

  /** Equal when both ids are known and equal, or else when both targets are equal. */
  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Ref<?> other)) return false;
    if (id != null && other.id != null) return id.equals(other.id);
    return id == null
        && other.id == null
        && loaded == other.loaded
        && Objects.equals(entity, other.entity);
  }

  @Override
  public int hashCode() {
    return id != null ? id.hashCode() : Objects.hashCode(entity);
  }

  @Override
  public String toString() {
    if (isEmpty()) return "Ref[none]";
    return loaded
        ? "Ref[" + (id != null ? id + " " : "") + entity + "]"
        : "Ref[" + id + ", not fetched]";
  }
}
