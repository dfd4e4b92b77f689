package io.r2orm.core.internal.fetch;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.FetchStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The relations a query loads, as a tree: paths sharing a prefix ({@code books}, {@code
 * books.reviews}) share the node. Built once per query from typed fetch paths and checked against
 * the models: every step must start at the entity the previous one ends at. Immutable.
 *
 * @param root the entity the query returns
 * @param nodes the relations of the root to load, each with its own nested relations
 */
public record FetchPlan(Class<?> root, List<Node> nodes) {
  public FetchPlan {
    Objects.requireNonNull(root, "root must not be null");
    nodes = List.copyOf(nodes);
  }

  /** One relation to load, how, and what to load below it. */
  public record Node(RelationModel relation, FetchOptions options, List<Node> children) {
    public Node {
      Objects.requireNonNull(relation, "relation must not be null");
      Objects.requireNonNull(options, "options must not be null");
      children = List.copyOf(children);
    }
  }

  /** Nothing to load. */
  public static FetchPlan none(Class<?> root) {
    return new FetchPlan(root, List.of());
  }

  /** Whether the plan loads nothing. */
  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  /**
   * The plan for these paths from {@code root}.
   *
   * @throws QueryBuildException when a path does not start at the right entity, names an unknown
   *     relation, joins a to-many relation or a relation below the root, or gives one relation two
   *     different sets of options
   */
  public static FetchPlan of(
      EntityModels models, Class<?> root, List<? extends FetchPath<?, ?>> paths) {
    Draft top = new Draft(null, FetchOptions.DEFAULT);
    for (FetchPath<?, ?> path : paths) {
      Objects.requireNonNull(path, "fetch paths must not be null");
      Draft at = top;
      Class<?> current = root;
      boolean first = true;
      for (FetchStep step : path.steps()) {
        if (step.owner() != current) {
          throw new QueryBuildException(
              "fetch path "
                  + path
                  + " has the step "
                  + step.owner().getSimpleName()
                  + "."
                  + step.relation()
                  + " where a relation of "
                  + current.getSimpleName()
                  + " is needed");
        }
        EntityModel<?> model = models.of(current);
        RelationModel relation = model.relation(step.relation());
        if (step.options().strategy() == FetchOptions.Strategy.JOIN && !relation.ownsKey()) {
          throw new QueryBuildException(
              relation + " cannot be joined; only to-one relations that hold the key can");
        }
        if (step.options().strategy() == FetchOptions.Strategy.JOIN && !first) {
          // only the root query is rendered with joins; nested relations are always loaded by
          // select-in
          throw new QueryBuildException(
              "fetch path "
                  + path
                  + " joins "
                  + relation
                  + " below its first step; only"
                  + " relations of the queried entity ("
                  + root.getSimpleName()
                  + ") can be joined, so fetch this one"
                  + " without join(...)");
        }
        at = at.child(relation, step.options());
        current = relation.target();
        first = false;
        if (relation.idsOnly() && path.steps().indexOf(step) < path.steps().size() - 1) {
          throw new QueryBuildException(
              "fetch path " + path + " continues after " + relation + ", which holds only ids");
        }
      }
    }
    return new FetchPlan(root, top.build());
  }

  /** A mutable node while paths are merged. */
  private static final class Draft {
    final RelationModel relation;
    FetchOptions options;
    final Map<String, Draft> children = new LinkedHashMap<>();

    Draft(RelationModel relation, FetchOptions options) {
      this.relation = relation;
      this.options = options;
    }

    Draft child(RelationModel relation, FetchOptions options) {
      Draft existing = children.get(relation.name());
      if (existing == null) {
        Draft d = new Draft(relation, options);
        children.put(relation.name(), d);
        return d;
      }
      if (!options.equals(FetchOptions.DEFAULT)) {
        if (!existing.options.equals(FetchOptions.DEFAULT) && !existing.options.equals(options)) {
          throw new QueryBuildException(
              relation + " is fetched twice with different options; give the options once");
        }
        existing.options = options;
      }
      return existing;
    }

    List<Node> build() {
      List<Node> nodes = new ArrayList<>();
      for (Draft d : children.values()) {
        nodes.add(new Node(d.relation, d.options, d.build()));
      }
      return nodes;
    }
  }
}
