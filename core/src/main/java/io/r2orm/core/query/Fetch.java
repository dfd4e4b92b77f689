package io.r2orm.core.query;

/** Static helpers for fetch plans, e.g. {@code fetch(join(Book_.AUTHOR))}. */
public final class Fetch {
  private Fetch() {}

  /** Loads a to-one relation with a join in the parent query; see {@link Relation#joined()}. */
  public static <E, T> Relation<E, T> join(Relation<E, T> relation) {
    return relation.joined();
  }
}
