package io.r2orm.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path of relations to load with a query, from entity {@code E} to entity {@code T}: {@code
 * Author_.BOOKS}, or nested, {@code Author_.BOOKS.then(Book_.REVIEWS)}. Immutable.
 *
 * @param <E> the entity the path starts from
 * @param <T> the entity it ends at
 */
public class FetchPath<E, T> {
  private final List<FetchStep> steps;

  FetchPath(List<FetchStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The relations of the path, from the root. */
  public List<FetchStep> steps() {
    return steps;
  }

  /** This path followed by another that starts where this one ends. */
  public <U> FetchPath<E, U> then(FetchPath<T, U> next) {
    Objects.requireNonNull(next, "next must not be null");
    List<FetchStep> all = new ArrayList<>(steps);
    all.addAll(next.steps());
    return new FetchPath<>(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FetchPath<?, ?> p && p.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (FetchStep step : steps) {
      if (s.length() > 0) s.append('.');
      s.append(step.relation());
    }
    return s.toString();
  }
}
