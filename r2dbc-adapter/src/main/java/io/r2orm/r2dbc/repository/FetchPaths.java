package io.r2orm.r2dbc.repository;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.fetch.FetchPlan;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Relation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the dotted paths of {@link FetchRelations} into typed fetch paths, step by step against the
 * entity models, so that a misspelt relation fails when the repository is created.
 */
final class FetchPaths {
  private FetchPaths() {}

  /**
   * The fetch paths the method declares from {@code root}; empty without {@link FetchRelations}.
   */
  static List<FetchPath<Object, ?>> of(RepositoryContext ctx, Method m, Class<?> root) {
    FetchRelations annotation = m.getAnnotation(FetchRelations.class);
    if (annotation == null) {
      return List.of();
    }
    List<FetchPath<Object, ?>> paths = new ArrayList<>();
    for (String text : annotation.value()) {
      paths.add(path(ctx, m, root, text));
    }
    try {
      FetchPlan.of(ctx.db.models(), root, paths);
    } catch (QueryBuildException e) {
      throw ctx.fail(m, "@FetchRelations: " + e.getMessage());
    }
    return List.copyOf(paths);
  }

  @SuppressWarnings("unchecked")
  private static FetchPath<Object, ?> path(
      RepositoryContext ctx, Method m, Class<?> root, String text) {
    @Nullable FetchPath<Object, Object> path = null;
    Class<?> owner = root;
    RelationModel previous = null;
    for (String name : text.split("\\.", -1)) {
      if (name.isBlank()) {
        throw ctx.fail(
            m,
            "@FetchRelations path '"
                + text
                + "' has an empty step; write relation names joined by dots, "
                + "e.g. \"album.artist\"");
      }
      if (previous != null && previous.idsOnly()) {
        throw ctx.fail(
            m,
            "@FetchRelations path '"
                + text
                + "' continues after "
                + previous.owner().getSimpleName()
                + "."
                + previous.name()
                + ", which holds only ids; end the path there");
      }
      RelationModel r = relation(ctx, m, ctx.db.model(owner), name, text);
      Class<Object> from = (Class<Object>) owner;
      Class<Object> target = (Class<Object>) r.target();
      Relation<Object, Object> step =
          r.isToMany() ? Relation.toMany(from, name, target) : Relation.toOne(from, name, target);
      path = path == null ? step : path.then(step);
      owner = r.target();
      previous = r;
    }
    return Objects.requireNonNull(path, "a path has at least one step");
  }

  private static RelationModel relation(
      RepositoryContext ctx, Method m, EntityModel<?> owner, String name, String text) {
    for (RelationModel r : owner.relations()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw ctx.fail(
        m,
        "@FetchRelations path '"
            + text
            + "': "
            + owner.type().getSimpleName()
            + " has no relation '"
            + name
            + "'; known relations: "
            + owner.relations().stream().map(RelationModel::name).toList());
  }

  /** The paths as the varargs array {@code SelectQuery.fetch} and {@code Database.load} take. */
  @SuppressWarnings("unchecked")
  static FetchPath<Object, ?>[] array(List<FetchPath<Object, ?>> paths) {
    return (FetchPath<Object, ?>[]) paths.toArray(new FetchPath<?, ?>[0]);
  }
}
