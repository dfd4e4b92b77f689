package io.r2orm.core.query;

import java.util.Objects;

/**
 * One relation on a fetch path: the entity it starts from, the relation's property name, and how to
 * load it.
 *
 * @param owner the entity class that declares the relation
 * @param relation the relation property's name
 * @param options how to load it
 */
public record FetchStep(Class<?> owner, String relation, FetchOptions options) {
  public FetchStep {
    Objects.requireNonNull(owner, "owner must not be null");
    Objects.requireNonNull(relation, "relation must not be null");
    Objects.requireNonNull(options, "options must not be null");
  }
}
