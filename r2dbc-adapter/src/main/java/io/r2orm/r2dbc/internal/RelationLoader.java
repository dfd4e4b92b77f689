package io.r2orm.r2dbc.internal;

import io.r2orm.core.internal.fetch.FetchPlan;
import io.r2orm.core.internal.mapping.EntityMapper;
import io.r2orm.core.internal.render.FetchRenderer;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.Ref;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the relations of a fetch plan into entity value arrays, one statement per relation per
 * window of parents (never one per parent), keys bound as one array. Parents keep their order;
 * memory is bounded by the window. Works on value arrays so that records are built once, after
 * every relation is in place. Not API.
 */
public final class RelationLoader {
  private final EntityModels models;
  private final Executor executor;
  private final FetchRenderer fetch;
  private final Function<Class<?>, EntityMapper<?>> mappers;

  public RelationLoader(
      EntityModels models,
      Executor executor,
      FetchRenderer fetch,
      Function<Class<?>, EntityMapper<?>> mappers) {
    this.models = models;
    this.executor = executor;
    this.fetch = fetch;
    this.mappers = mappers;
  }

  /** Loads the plan's relations for one window of rows; completes when they are all in place. */
  public Mono<Void> load(
      EntityModel<?> model, List<Object[]> rows, List<FetchPlan.Node> nodes, int window) {
    if (rows.isEmpty() || nodes.isEmpty()) {
      return Mono.empty();
    }
    return Flux.fromIterable(nodes).concatMap(node -> load(model, rows, node, window), 0).then();
  }

  /** Loads in windows: for related rows that outnumber the window, one batch per window of them. */
  private Mono<Void> loadWindows(
      EntityModel<?> model, List<Object[]> rows, List<FetchPlan.Node> nodes, int window) {
    if (rows.isEmpty() || nodes.isEmpty()) {
      return Mono.empty();
    }
    if (rows.size() <= window) {
      return load(model, rows, nodes, window);
    }
    List<List<Object[]>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += window) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + window)));
    }
    return Flux.fromIterable(chunks)
        .concatMap(chunk -> load(model, chunk, nodes, window), 0)
        .then();
  }

  private Mono<Void> load(
      EntityModel<?> model, List<Object[]> rows, FetchPlan.Node node, int window) {
    RelationModel r = node.relation();
    if (r.ownsKey()) {
      return node.options().strategy() == FetchOptions.Strategy.JOIN
          ? joined(rows, node, window)
          : toOne(rows, node, window);
    }
    if (r.kind() == RelationModel.Kind.MANY_TO_MANY) {
      return r.idsOnly() ? linkIds(model, rows, r) : manyToMany(model, rows, node, window);
    }
    return children(model, rows, node, window);
  }

  /**
   * Many-to-one, owning one-to-one: the distinct keys of the window, one query for their targets.
   */
  private Mono<Void> toOne(List<Object[]> rows, FetchPlan.Node node, int window) {
    RelationModel r = node.relation();
    Set<Object> keys = new LinkedHashSet<>();
    for (Object[] row : rows) {
      Object key = keyOf(r, row[r.slot()]);
      if (key != null) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      return Mono.empty();
    }
    EntityModel<?> target = models.of(r.target());
    EntityMapper<?> mapper = mappers.apply(r.target());
    SqlStatement sql = fetch.targetsById(r, new ArrayList<>(keys));
    return executor
        .relationBatch(
            r.owner(), r.name(), keys.size(), batch(sql, (row, meta) -> mapper.values(row::get, 0)))
        .flatMap(
            targets ->
                loadWindows(target, targets, node.children(), window)
                    .then(
                        Mono.fromRunnable(
                            () -> {
                              Map<Object, Object> byId = new HashMap<>();
                              for (Object[] t : targets) {
                                byId.put(target.idOf(t), instantiate(target, t));
                              }
                              for (Object[] row : rows) {
                                Object key = keyOf(r, row[r.slot()]);
                                row[r.slot()] =
                                    key == null ? Ref.none() : Ref.loaded(key, byId.get(key));
                              }
                            })));
  }

  /** A to-one relation joined into the parent query: its rows arrived with the parents. */
  private Mono<Void> joined(List<Object[]> rows, FetchPlan.Node node, int window) {
    RelationModel r = node.relation();
    EntityModel<?> target = models.of(r.target());
    Map<Object, Object[]> distinct = new LinkedHashMap<>();
    for (Object[] row : rows) {
      if (row[r.slot()] instanceof JoinedRow j && j.values() != null) {
        distinct.putIfAbsent(j.key(), j.values());
      }
    }
    List<Object[]> targets = new ArrayList<>(distinct.values());
    return loadWindows(target, targets, node.children(), window)
        .then(
            Mono.fromRunnable(
                () -> {
                  Map<Object, Object> byId = new HashMap<>();
                  distinct.forEach((id, values) -> byId.put(id, instantiate(target, values)));
                  for (Object[] row : rows) {
                    JoinedRow j = (JoinedRow) row[r.slot()];
                    row[r.slot()] =
                        j.key() == null ? Ref.none() : Ref.loaded(j.key(), byId.get(j.key()));
                  }
                }));
  }

  /** One-to-many and inverse one-to-one: children whose key is one of the window's parent ids. */
  private Mono<Void> children(
      EntityModel<?> model, List<Object[]> rows, FetchPlan.Node node, int window) {
    RelationModel r = node.relation();
    List<Object> parentIds = parentIds(model, rows);
    EntityModel<?> child = models.of(r.target());
    EntityMapper<?> mapper = mappers.apply(r.target());
    // where a child holds its parent's key: the key column, or the slot of a to-one relation over
    // several columns (an unfetched Ref to the parent's key)
    String mappedBy = java.util.Objects.requireNonNull(r.mappedBy());
    List<ColumnModel> keyColumns = child.referenceColumns(mappedBy);
    int keyIndex =
        keyColumns.size() == 1 ? child.indexOf(keyColumns.get(0)) : child.relation(mappedBy).slot();
    SqlStatement sql = fetch.children(r, parentIds, node.options());
    return executor
        .relationBatch(
            r.owner(),
            r.name(),
            parentIds.size(),
            batch(sql, (row, meta) -> mapper.values(row::get, 0)))
        .flatMap(
            found ->
                loadWindows(child, found, node.children(), window)
                    .then(
                        Mono.fromRunnable(
                            () -> {
                              Map<Object, List<Object>> byParent = new HashMap<>();
                              for (Object[] c : found) {
                                byParent
                                    .computeIfAbsent(
                                        normalize(keyOf(null, c[keyIndex])), k -> new ArrayList<>())
                                    .add(instantiate(child, c));
                              }
                              attach(model, rows, r, byParent);
                            })));
  }

  /** Many-to-many: targets joined with the link table, each row led by its owner's id. */
  private Mono<Void> manyToMany(
      EntityModel<?> model, List<Object[]> rows, FetchPlan.Node node, int window) {
    RelationModel r = node.relation();
    List<Object> ownerIds = parentIds(model, rows);
    EntityModel<?> target = models.of(r.target());
    EntityMapper<?> mapper = mappers.apply(r.target());
    ColumnModel ownerId = model.id();
    SqlStatement sql = fetch.manyToMany(r, ownerIds, node.options());
    int targetId = target.indexOf(target.id());
    return executor
        .relationBatch(
            r.owner(),
            r.name(),
            ownerIds.size(),
            batch(
                sql,
                (row, meta) ->
                    new Object[] {
                      ownerId.valueType().read(row.get(0, ownerId.databaseType())),
                      mapper.values(row::get, 1)
                    }))
        .flatMap(
            links -> {
              Map<Object, Object[]> distinct = new LinkedHashMap<>();
              for (Object[] link : links) {
                Object[] values = (Object[]) link[1];
                distinct.putIfAbsent(values[targetId], values);
              }
              List<Object[]> targets = new ArrayList<>(distinct.values());
              return loadWindows(target, targets, node.children(), window)
                  .then(
                      Mono.fromRunnable(
                          () -> {
                            Map<Object, Object> built = new HashMap<>();
                            distinct.forEach(
                                (id, values) -> built.put(id, instantiate(target, values)));
                            Map<Object, List<Object>> byOwner = new HashMap<>();
                            for (Object[] link : links) {
                              Object id = ((Object[]) link[1])[targetId];
                              byOwner
                                  .computeIfAbsent(normalize(link[0]), k -> new ArrayList<>())
                                  .add(built.get(id));
                            }
                            attach(model, rows, r, byOwner);
                          }));
            });
  }

  /** Many-to-many holding ids: only the link table is read. */
  private Mono<Void> linkIds(EntityModel<?> model, List<Object[]> rows, RelationModel r) {
    List<Object> ownerIds = parentIds(model, rows);
    ColumnModel ownerId = model.id();
    ColumnModel targetId = models.of(r.target()).id();
    return executor
        .relationBatch(
            r.owner(),
            r.name(),
            ownerIds.size(),
            batch(
                fetch.linkIds(r, ownerIds),
                (row, meta) ->
                    new Object[] {
                      ownerId.valueType().read(row.get(0, ownerId.databaseType())),
                      targetId.valueType().read(row.get(1, targetId.databaseType()))
                    }))
        .doOnNext(
            links -> {
              Map<Object, List<Object>> byOwner = new HashMap<>();
              for (Object[] link : links) {
                byOwner.computeIfAbsent(normalize(link[0]), k -> new ArrayList<>()).add(link[1]);
              }
              attach(model, rows, r, byOwner);
            })
        .then();
  }

  private static void attach(
      EntityModel<?> model,
      List<Object[]> rows,
      RelationModel r,
      Map<Object, List<Object>> byParent) {
    for (Object[] row : rows) {
      Object id = model.idOf(row);
      List<Object> related =
          id == null ? List.of() : byParent.getOrDefault(normalize(id), List.of());
      if (r.isToMany()) {
        row[r.slot()] = List.copyOf(related);
      } else {
        row[r.slot()] = related.isEmpty() ? Ref.none() : Ref.loaded(null, related.get(0));
      }
    }
  }

  /**
   * Integer keys compare equal to Long keys (a plain {@code Integer authorId} beside a Long id).
   */
  private static Object normalize(Object key) {
    return key instanceof Integer || key instanceof Short
        ? (Object) ((Number) key).longValue()
        : key;
  }

  private static List<Object> parentIds(EntityModel<?> model, List<Object[]> rows) {
    Set<Object> ids = new LinkedHashSet<>();
    for (Object[] row : rows) {
      Object id = model.idOf(row);
      if (id != null) {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }

  /**
   * The key a foreign-key value refers to: a {@code Ref}'s id (or its entity's id), or the plain
   * value.
   */
  @SuppressWarnings("unchecked")
  private Object keyOf(RelationModel r, Object value) {
    if (value instanceof Ref<?> ref) {
      if (ref.id() != null) {
        return ref.id();
      }
      Object entity = ref.isLoaded() ? ref.get() : null;
      return entity == null || r == null
          ? null
          : ((EntityModel<Object>) models.of(r.target())).idValue(entity);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Object instantiate(EntityModel<?> model, Object[] values) {
    return ((EntityModel<Object>) model).instantiate(values);
  }

  /** A joined target's columns, parked in the foreign-key slot until the window is processed. */
  public record JoinedRow(Object key, Object[] values) {}

  /**
   * A relation batch: bounded by the window, so one statement, read to its end, on the stream's
   * connection.
   */
  private <T> reactor.core.publisher.Flux<T> batch(
      SqlStatement sql,
      java.util.function.BiFunction<io.r2dbc.spi.Row, io.r2dbc.spi.RowMetadata, T> mapper) {
    return executor.read(sql, mapper);
  }
}
