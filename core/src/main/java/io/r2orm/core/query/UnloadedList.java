package io.r2orm.core.query;

import io.r2orm.core.exception.UnloadedRelationException;
import java.util.AbstractList;

/**
 * Stands in for a to-many relation the query did not fetch: any read throws {@link
 * UnloadedRelationException} with the fetch to add. {@code toString} says so instead of throwing,
 * and two unfetched lists are equal, so that entity {@code equals}/{@code toString} keep working.
 * Not API.
 */
public final class UnloadedList<T> extends AbstractList<T> {
  private final String message;

  public UnloadedList(String message) {
    this.message = message;
  }

  /** Whether a list is an unfetched relation. */
  public static boolean isUnloaded(Object list) {
    return list instanceof UnloadedList;
  }

  @Override
  public T get(int index) {
    throw new UnloadedRelationException(message);
  }

  @Override
  public int size() {
    throw new UnloadedRelationException(message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnloadedList;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "[not fetched]";
  }
}
