package io.r2orm.r2dbc.internal;

import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.EntityNotFoundException;
import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.core.internal.mapping.EntityMapper;
import io.r2orm.core.internal.render.SqlRenderer;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.Assignment;
import io.r2orm.core.query.Delete;
import io.r2orm.core.query.Insert;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Update;
import io.r2orm.core.query.Upsert;
import io.r2orm.core.query.Value;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Entity-level writes and reads by id: insert, insert many, update, save, delete. Not API. */
public final class EntityCommands {
  /** PostgreSQL's limit on bind parameters in one statement. */
  private static final int MAX_BINDS = 65_535;

  private final EntityModels models;
  private final java.util.function.Function<Class<?>, EntityMapper<?>> mappers;
  private final Executor executor;
  private final SqlRenderer renderer;
  private final int insertBatchSize;
  private final java.util.Map<Class<?>, String> findByIdSql =
      new java.util.concurrent.ConcurrentHashMap<>();

  public EntityCommands(
      EntityModels models,
      java.util.function.Function<Class<?>, EntityMapper<?>> mappers,
      Executor executor,
      SqlRenderer renderer,
      int insertBatchSize) {
    this.models = models;
    this.mappers = mappers;
    this.executor = executor;
    this.renderer = renderer;
    this.insertBatchSize = insertBatchSize;
  }

  public <T> Mono<T> findById(Class<T> type, Object id) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(id, "id must not be null");
    return Mono.defer(
        () -> {
          EntityModel<T> model = models.of(type);
          EntityMapper<T> mapper = mapper(type);
          return executor
              .read(byId(model, id), (row, meta) -> mapper.map(row::get))
              .singleOrEmpty();
        });
  }

  /**
   * {@code SELECT … WHERE id = $1}: the text is rendered once per entity and reused (the hottest
   * statement of most applications); ids of another Java type take the general path, which converts
   * them.
   */
  private SqlStatement byId(EntityModel<?> model, Object id) {
    if (model.hasCompositeId()) {
      return renderer.select(Select.from(model.type()).where(idEquals(model, id)));
    }
    ColumnModel idColumn = model.id();
    if (!ValueTypes.box(idColumn.propertyType()).isInstance(id)
        || idColumn.propertyType() == io.r2orm.core.query.Ref.class) {
      return renderer.select(Select.from(model.type()).where(idEquals(model, id)));
    }
    String sql =
        findByIdSql.computeIfAbsent(
            model.type(),
            t -> renderer.select(Select.from(model.type()).where(idEquals(model, id))).sql());
    return new SqlStatement(
        sql,
        List.of(
            new io.r2orm.core.sql.Bind(idColumn.valueType().write(id), idColumn.databaseType())));
  }

  /** The values of one row to insert, and what the stored entity will carry. */
  private record PendingRow<T>(T entity, List<Object> values, Object clientId, Object version) {}

  public <T> Mono<T> insert(T entity) {
    Objects.requireNonNull(entity, "entity must not be null");
    return Mono.defer(
        () -> {
          EntityModel<T> model = modelOf(entity);
          boolean generated = generatesId(model, List.of(entity));
          PendingRow<T> row = pending(model, entity, generated);
          Insert insert =
              new Insert(
                  model.type(),
                  paths(model, generated),
                  List.of(row.values()),
                  returning(model, generated));
          SqlStatement sql = renderer.insert(insert);
          if (!generated) {
            return executor.update(sql).map(n -> stored(model, row, null));
          }
          ColumnModel id = model.id();
          return executor
              .read(sql, (r, meta) -> r.get(0, id.databaseType()))
              .single()
              .map(key -> stored(model, row, id.valueType().read(key)));
        });
  }

  public <T> Flux<T> insertAll(Iterable<T> entities) {
    Objects.requireNonNull(entities, "entities must not be null");
    return Flux.defer(
        () -> {
          List<T> all = sameClass(entities, "insertAll");
          if (all.isEmpty()) {
            return Flux.empty();
          }
          EntityModel<T> model = modelOf(all.get(0));
          boolean generated = generatesId(model, all);
          List<String> paths = paths(model, generated);
          int perStatement =
              Math.max(1, Math.min(insertBatchSize, MAX_BINDS / Math.max(1, paths.size())));
          List<List<T>> chunks = new ArrayList<>();
          for (int i = 0; i < all.size(); i += perStatement) {
            chunks.add(all.subList(i, Math.min(all.size(), i + perStatement)));
          }
          if (chunks.size() == 1) {
            return insertChunk(model, chunks.get(0), paths, generated);
          }
          // emit only after the commit, so that nothing is reported stored that a later batch rolls
          // back
          return executor
              .inTransaction(
                  tx ->
                      Flux.fromIterable(chunks)
                          .concatMap(chunk -> insertChunk(model, chunk, paths, generated)))
              .collectList()
              .flatMapIterable(stored -> stored);
        });
  }

  private <T> Flux<T> insertChunk(
      EntityModel<T> model, List<T> chunk, List<String> paths, boolean generated) {
    List<PendingRow<T>> rows = chunk.stream().map(e -> pending(model, e, generated)).toList();
    Insert insert =
        new Insert(
            model.type(),
            paths,
            rows.stream().map(PendingRow::values).toList(),
            returning(model, generated));
    SqlStatement sql = renderer.bulkInsert(insert);
    if (!generated) {
      return executor
          .update(sql)
          .flatMapIterable(n -> rows.stream().map(r -> stored(model, r, null)).toList());
    }
    ColumnModel id = model.id();
    return executor
        .read(sql, (r, meta) -> r.get(0, id.databaseType()))
        .collectList()
        .flatMapIterable(
            keys -> {
              if (keys.size() != rows.size()) {
                throw new IllegalStateException(
                    "the database returned "
                        + keys.size()
                        + " generated keys for "
                        + rows.size()
                        + " rows; SQL: "
                        + sql.sql());
              }
              List<T> stored = new ArrayList<>(rows.size());
              for (int i = 0; i < rows.size(); i++) {
                stored.add(stored(model, rows.get(i), id.valueType().read(keys.get(i))));
              }
              return stored;
            });
  }

  /**
   * Inserts or updates each entity on the conflict target, in statements of up to the insert batch
   * size, all in one transaction; emits the stored entities in input order after the commit. A
   * versioned entity whose version is stale fails the whole call with {@link
   * OptimisticLockException} and nothing is stored. {@code onConflictUpdate}: the properties an
   * existing row gets (null: every written one but the key); empty: existing rows are left as they
   * are, and only the entities inserted are emitted.
   */
  public <T> Flux<T> upsertAll(
      Iterable<T> entities, List<String> conflictTarget, List<String> onConflictUpdate) {
    Objects.requireNonNull(entities, "entities must not be null");
    return Flux.defer(
        () -> {
          List<T> all = sameClass(entities, "upsert");
          if (all.isEmpty()) {
            return Flux.empty();
          }
          EntityModel<T> model = modelOf(all.get(0));
          List<ColumnModel> target =
              conflictTarget.isEmpty()
                  ? model.idColumns()
                  : conflictTarget.stream().map(model::column).toList();
          boolean onId = target.stream().anyMatch(model::isIdColumn);
          boolean writesId = onId || model.idGeneration() != IdGeneration.IDENTITY;
          List<ColumnModel> columns =
              model.columns().stream()
                  .filter(c -> (writesId || !model.isIdColumn(c)) && c.insertable())
                  .toList();
          List<String> paths = columns.stream().map(ColumnModel::path).toList();
          List<String> targetPaths = target.stream().map(ColumnModel::path).toList();
          List<String> updated =
              onConflictUpdate != null
                  ? onConflictUpdate
                  : paths.stream().filter(p -> !targetPaths.contains(p)).toList();
          boolean doNothing = updated.isEmpty();
          List<List<Object>> rows = new ArrayList<>(all.size());
          List<List<Object>> keys = new ArrayList<>(all.size());
          java.util.Set<List<Object>> seen = new java.util.HashSet<>();
          ColumnModel version = model.version().orElse(null);
          if (version != null && timestamp(version) && !doNothing) {
            throw new IllegalArgumentException(
                "cannot upsert "
                    + model.type().getSimpleName()
                    + ": its @Version "
                    + version.path()
                    + " is a timestamp, which an upsert cannot compare row by row; save or update the "
                    + "entities, or upsert with doNothing()");
          }
          for (T e : all) {
            Object[] values = model.values(e);
            Object clientId = model.newClientId(e);
            if (clientId != null) {
              values[model.indexOf(model.id())] = clientId;
            }
            String nullKey = writesId ? nullKeyPart(model, values) : null;
            if (nullKey != null) {
              throw new IllegalArgumentException(
                  "cannot upsert a "
                      + model.type().getSimpleName()
                      + " whose "
                      + nullKey
                      + " is null on the conflict target "
                      + target.stream().map(ColumnModel::path).toList()
                      + "; insert new rows, or upsert on a unique property with onConflict(...)");
            }
            if (version != null) {
              Object current = values[model.indexOf(version)];
              values[model.indexOf(version)] = increment(version, current == null ? 0 : current);
            }
            List<Object> key = new ArrayList<>();
            for (ColumnModel c : target) {
              Object v = c.valueType().write(values[model.indexOf(c)]);
              if (v == null) {
                throw new IllegalArgumentException(
                    "cannot upsert a "
                        + model.type().getSimpleName()
                        + " whose conflict key "
                        + c.path()
                        + " is null");
              }
              key.add(v);
            }
            if (!seen.add(key)) {
              throw new IllegalArgumentException(
                  "two "
                      + model.type().getSimpleName()
                      + " entities have the same conflict key "
                      + target.stream().map(ColumnModel::path).toList()
                      + " = "
                      + key
                      + "; upsert each key once");
            }
            keys.add(key);
            List<Object> row = new ArrayList<>();
            for (ColumnModel c : columns) {
              row.add(values[model.indexOf(c)]);
            }
            rows.add(row);
          }
          int perStatement =
              Math.max(1, Math.min(insertBatchSize, MAX_BINDS / Math.max(1, paths.size())));
          EntityMapper<T> mapper = mapper(model.type());
          return executor
              .inTransaction(
                  tx ->
                      Flux.range(0, (rows.size() + perStatement - 1) / perStatement)
                          .concatMap(
                              chunk -> {
                                int from = chunk * perStatement;
                                int to = Math.min(rows.size(), from + perStatement);
                                Upsert upsert =
                                    new Upsert(
                                        model.type(),
                                        paths,
                                        rows.subList(from, to),
                                        targetPaths,
                                        updated);
                                return upsertChunk(
                                    model,
                                    mapper,
                                    upsert,
                                    keys.subList(from, to),
                                    target,
                                    doNothing);
                              }))
              .collectList()
              .flatMapIterable(
                  storedByKey -> {
                    java.util.Map<List<Object>, Object[]> stored = new java.util.HashMap<>();
                    storedByKey.forEach(m -> stored.putAll(m));
                    List<T> out = new ArrayList<>(all.size());
                    for (int i = 0; i < all.size(); i++) {
                      Object[] values = stored.get(keys.get(i));
                      if (values == null && doNothing) {
                        continue; // an existing row, left as it was
                      }
                      if (onConflictUpdate != null) {
                        // only chosen columns were updated: the row keeps its other values, so emit
                        // the row as
                        // stored (its columns), with the input's relation values
                        Object[] merged = model.values(all.get(i));
                        System.arraycopy(values, 0, merged, 0, model.columns().size());
                        out.add(model.instantiate(merged));
                        continue;
                      }
                      // a composite key is assigned, so the entity already carries it
                      Object id = model.hasCompositeId() ? null : values[model.indexOf(model.id())];
                      Object v = version == null ? null : values[model.indexOf(version)];
                      out.add(model.with(all.get(i), id, v));
                    }
                    return out;
                  });
        });
  }

  /** The entities as a list, none null and all of the first one's class. */
  private static <T> List<T> sameClass(Iterable<T> entities, String operation) {
    List<T> all = new ArrayList<>();
    entities.forEach(e -> all.add(Objects.requireNonNull(e, "entities must not contain null")));
    for (T e : all) {
      if (e.getClass() != all.get(0).getClass()) {
        throw new IllegalArgumentException(
            operation
                + " needs entities of one class, got "
                + all.get(0).getClass().getName()
                + " and "
                + e.getClass().getName());
      }
    }
    return all;
  }

  /**
   * One statement's worth; emits the stored rows' values by conflict key, or fails for stale
   * versions.
   */
  private <T> Mono<java.util.Map<List<Object>, Object[]>> upsertChunk(
      EntityModel<T> model,
      EntityMapper<T> mapper,
      Upsert upsert,
      List<List<Object>> keys,
      List<ColumnModel> target,
      boolean doNothing) {
    SqlStatement sql = renderer.upsert(upsert);
    Mono<List<Object[]>> storedRows;
    java.util.concurrent.atomic.AtomicLong affected =
        new java.util.concurrent.atomic.AtomicLong(-1);
    // DO NOTHING returns the inserted rows on every database (RETURNING, or H2's NEW TABLE)
    if (renderer.dialect().supportsReturning() || doNothing) {
      storedRows = executor.read(sql, (r, meta) -> mapper.values(r::get, 0)).collectList();
    } else {
      Predicate byKey =
          Predicate.any(
              keys.stream()
                  .map(
                      key -> {
                        List<Predicate> parts = new ArrayList<>();
                        for (int i = 0; i < target.size(); i++) {
                          parts.add(
                              new Predicate.Comparison(
                                  ref(model, target.get(i)),
                                  Predicate.Operator.EQ,
                                  new Value(target.get(i).valueType().read(key.get(i)))));
                        }
                        return Predicate.all(parts);
                      })
                  .toList());
      SqlStatement readBack = renderer.select(Select.from(model.type()).where(byKey));
      storedRows =
          executor
              .update(sql)
              .doOnNext(affected::set)
              .then(executor.read(readBack, (r, meta) -> mapper.values(r::get, 0)).collectList());
    }
    return storedRows.map(
        rows -> {
          java.util.Map<List<Object>, Object[]> byKey = new java.util.HashMap<>();
          for (Object[] values : rows) {
            List<Object> key = new ArrayList<>();
            for (ColumnModel t : target) {
              key.add(t.valueType().write(values[model.indexOf(t)]));
            }
            byKey.put(key, values);
          }
          if (doNothing) {
            return byKey; // the rows not returned existed already: left alone, not stale
          }
          List<List<Object>> stale = new ArrayList<>();
          ColumnModel version = model.version().orElse(null);
          int versionColumn = version == null ? -1 : upsert.properties().indexOf(version.path());
          for (int i = 0; i < keys.size(); i++) {
            Object[] values = byKey.get(keys.get(i));
            boolean written =
                values != null
                    && (version == null
                        || java.util.Objects.equals(
                            ((Number) values[model.indexOf(version)]).longValue(),
                            ((Number) upsert.rows().get(i).get(versionColumn)).longValue()));
            if (!written) {
              stale.add(keys.get(i));
            }
          }
          if (stale.isEmpty() && affected.get() >= 0 && affected.get() < keys.size()) {
            stale.addAll(keys);
          }
          if (!stale.isEmpty()) {
            throw new OptimisticLockException(
                "Cannot upsert "
                    + stale.size()
                    + " "
                    + model.type().getSimpleName()
                    + " row(s) with "
                    + target.stream().map(ColumnModel::path).toList()
                    + " = "
                    + stale
                    + ": their version changed since they were read; nothing was stored; re-read them and retry");
          }
          return byKey;
        });
  }

  public <T> Mono<T> update(T entity) {
    Objects.requireNonNull(entity, "entity must not be null");
    return Mono.defer(
        () -> {
          EntityModel<T> model = modelOf(entity);
          Object id = requireId(model, entity, "update");
          Object[] values = model.values(entity);
          List<Assignment> set = new ArrayList<>();
          ColumnModel version = model.version().orElse(null);
          for (int i = 0; i < model.columns().size(); i++) {
            ColumnModel c = model.columns().get(i);
            if (!model.isIdColumn(c) && c != version && c.updatable()) {
              set.add(new Assignment(ref(model, c), new Value(values[i])));
            }
          }
          Predicate where = idEquals(model, id);
          Object nextVersion = null;
          if (version != null) {
            Object current = model.versionValue(entity);
            if (current == null) {
              throw new IllegalArgumentException(
                  model.type().getSimpleName()
                      + "."
                      + version.path()
                      + " is null, so this entity was never stored; insert or save it instead of update");
            }
            nextVersion = increment(version, current);
            set.add(new Assignment(ref(model, version), new Value(nextVersion)));
            where =
                where.and(
                    new Predicate.Comparison(
                        ref(model, version), Predicate.Operator.EQ, new Value(current)));
          }
          SqlStatement sql = renderer.update(new Update(model.type(), set, where));
          if (version != null && timestamp(version)) {
            return updateReadingVersion(model, entity, id, version, sql);
          }
          Object stored = nextVersion;
          return executor
              .update(sql)
              .map(
                  n -> {
                    if (n == 0) {
                      throw missing(model, id, entity, "update");
                    }
                    return stored == null ? entity : model.with(entity, null, stored);
                  });
        });
  }

  /**
   * Updates a row whose version is a timestamp and reads the version it ends up with: a trigger may
   * have set it rather than the value written ({@code RETURNING} where the dialect has it, else a
   * select by id on the same connection).
   */
  private <T> Mono<T> updateReadingVersion(
      EntityModel<T> model, T entity, Object id, ColumnModel version, SqlStatement sql) {
    Mono<Object> stored;
    if (renderer.dialect().supportsReturning()) {
      SqlStatement returning =
          new SqlStatement(
              sql.sql() + " RETURNING " + renderer.dialect().quote(version.name()), sql.binds());
      stored =
          executor
              .read(
                  returning,
                  (r, meta) -> version.valueType().read(r.get(0, version.databaseType())))
              .next();
    } else {
      SqlStatement readBack = renderer.select(Select.from(model.type()).where(idEquals(model, id)));
      EntityMapper<T> mapper = mapper(model.type());
      int index = model.indexOf(version);
      stored =
          executor
              .session(
                  () ->
                      executor
                          .update(sql)
                          .flatMap(
                              n ->
                                  n == 0
                                      ? Mono.empty()
                                      : executor
                                          .read(
                                              readBack,
                                              (r, meta) -> mapper.values(r::get, 0)[index])
                                          .next()))
              .next();
    }
    return stored
        .switchIfEmpty(Mono.error(() -> missing(model, id, entity, "update")))
        .map(value -> model.with(entity, null, value));
  }

  public <T> Mono<T> save(T entity) {
    Objects.requireNonNull(entity, "entity must not be null");
    return Mono.defer(
        () -> {
          EntityModel<T> model = modelOf(entity);
          Optional<Boolean> isNew = model.isNew(entity);
          if (isNew.isPresent()) {
            return isNew.get() ? insert(entity) : update(entity);
          }
          if (model.columns().stream().anyMatch(c -> !c.updatable())) {
            // H2's MERGE … KEY form would overwrite a column that may not be updated; the upsert
            // path names what it updates
            return upsertAll(List.of(entity), List.of(), null).single();
          }
          List<ColumnModel> written =
              model.columns().stream().filter(ColumnModel::insertable).toList();
          Object[] values = model.values(entity);
          List<Object> row = written.stream().map(c -> values[model.indexOf(c)]).toList();
          SqlStatement sql =
              renderer.upsert(
                  new Insert(
                      model.type(),
                      written.stream().map(ColumnModel::path).toList(),
                      List.of(row),
                      List.of()));
          return executor.update(sql).thenReturn(entity);
        });
  }

  public <T> Mono<Void> delete(T entity) {
    Objects.requireNonNull(entity, "entity must not be null");
    return Mono.defer(
        () -> {
          EntityModel<T> model = modelOf(entity);
          Object id = requireId(model, entity, "delete");
          Predicate where = idEquals(model, id);
          Object version = model.versionValue(entity);
          if (model.version().isPresent()) {
            where =
                where.and(
                    new Predicate.Comparison(
                        ref(model, model.version().get()),
                        Predicate.Operator.EQ,
                        new Value(version)));
          }
          SqlStatement sql = renderer.delete(new Delete(model.type(), where));
          return executor
              .update(sql)
              .flatMap(
                  n ->
                      n == 0 && model.version().isPresent()
                          ? Mono.error(missing(model, id, entity, "delete"))
                          : Mono.empty());
        });
  }

  public <T> Mono<Long> deleteById(Class<T> type, Object id) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(id, "id must not be null");
    return Mono.defer(
        () -> executor.update(renderer.delete(new Delete(type, idEquals(models.of(type), id)))));
  }

  private <T> PendingRow<T> pending(EntityModel<T> model, T entity, boolean generated) {
    Object[] values = model.values(entity);
    Object clientId = model.newClientId(entity);
    String nullKey = generated ? null : nullKeyPart(model, values);
    if (clientId != null) {
      values[model.indexOf(model.id())] = clientId;
    } else if (nullKey != null) {
      throw new IllegalArgumentException(
          model.type().getSimpleName()
              + "."
              + nullKey
              + " is null, but it is "
              + (model.hasCompositeId()
                  ? "part of the composite key; set every part before inserting"
                  : "an assigned id; set it before inserting, or declare"
                      + " @Id(generation = IdGeneration.UUID) for a random UUID"));
    }
    Object version = null;
    if (model.version().isPresent()) {
      ColumnModel v = model.version().get();
      version =
          timestamp(v)
              ? now(v, null)
              : ValueTypes.box(v.propertyType()) == Long.class ? (Object) 1L : (Object) 1;
      values[model.indexOf(v)] = version;
    }
    List<Object> row = new ArrayList<>();
    for (ColumnModel c : inserted(model, generated)) {
      row.add(values[model.indexOf(c)]);
    }
    return new PendingRow<>(entity, row, clientId, version);
  }

  private static <T> T stored(EntityModel<T> model, PendingRow<T> row, Object generatedId) {
    Object id = generatedId != null ? generatedId : row.clientId();
    if (id == null && row.version() == null) {
      return row.entity();
    }
    return model.with(row.entity(), id, row.version());
  }

  /** Whether the database draws the ids: identity generation and every id unset. */
  private static <T> boolean generatesId(EntityModel<T> model, List<T> entities) {
    if (model.idGeneration() != IdGeneration.IDENTITY) {
      return false;
    }
    long unset = entities.stream().filter(e -> model.isNew(e).orElse(false)).count();
    if (unset != 0 && unset != entities.size()) {
      throw new IllegalArgumentException(
          "some "
              + model.type().getSimpleName()
              + " entities have an id and some have "
              + "none; insert them separately (entities with an id are stored with that id)");
    }
    return unset != 0;
  }

  private static List<String> paths(EntityModel<?> model, boolean generated) {
    return inserted(model, generated).stream().map(ColumnModel::path).toList();
  }

  /**
   * The columns an insert writes: not the id when the database draws it, nor those marked
   * insertable = false.
   */
  private static List<ColumnModel> inserted(EntityModel<?> model, boolean generated) {
    return model.columns().stream()
        .filter(c -> (!generated || !model.isIdColumn(c)) && c.insertable())
        .toList();
  }

  private static List<String> returning(EntityModel<?> model, boolean generated) {
    return generated ? List.of(model.id().path()) : List.of();
  }

  private static Object requireId(EntityModel<?> model, Object entity, String operation) {
    @SuppressWarnings("unchecked")
    Object id = ((EntityModel<Object>) model).idValue(entity);
    if (id == null) {
      throw new IllegalArgumentException(
          "cannot "
              + operation
              + " a "
              + model.type().getSimpleName()
              + " whose "
              + (model.hasCompositeId() ? "composite key" : model.id().path())
              + " is null; it was never stored (insert or save it)");
    }
    return id;
  }

  /** The path of the first key column whose value is null, or null when the key is complete. */
  private static @Nullable String nullKeyPart(EntityModel<?> model, Object[] values) {
    for (ColumnModel c : model.idColumns()) {
      if (values[model.indexOf(c)] == null) {
        return c.path();
      }
    }
    return null;
  }

  private static Object increment(ColumnModel version, Object current) {
    if (timestamp(version)) {
      return now(version, current);
    }
    long next = ((Number) current).longValue() + 1;
    return ValueTypes.box(version.propertyType()) == Long.class
        ? (Object) next
        : (Object) Math.toIntExact(next);
  }

  /** Whether the version is a timestamp (a last-modified time) rather than a counter. */
  private static boolean timestamp(ColumnModel version) {
    return EntityModel.TIMESTAMP_VERSIONS.contains(ValueTypes.box(version.propertyType()));
  }

  /**
   * The current time as the version's type, in microseconds (what both databases store, so the
   * value compares equal when read back), and later than {@code previous} even if the clock is not.
   */
  private static Object now(ColumnModel version, Object previous) {
    java.time.Instant instant =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    java.time.Instant before = null;
    if (previous instanceof java.time.Instant i) {
      before = i;
    } else if (previous instanceof java.time.OffsetDateTime o) {
      before = o.toInstant();
    } else if (previous instanceof java.time.LocalDateTime l) {
      before = l.atZone(java.time.ZoneId.systemDefault()).toInstant();
    }
    if (before != null && !instant.isAfter(before)) {
      instant =
          before
              .truncatedTo(java.time.temporal.ChronoUnit.MICROS)
              .plus(1, java.time.temporal.ChronoUnit.MICROS);
    }
    Class<?> type = ValueTypes.box(version.propertyType());
    if (type == java.time.OffsetDateTime.class) {
      return instant.atOffset(java.time.ZoneOffset.UTC);
    }
    if (type == java.time.LocalDateTime.class) {
      return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneId.systemDefault());
    }
    return instant;
  }

  private static PropertyRef ref(EntityModel<?> model, ColumnModel column) {
    return new PropertyRef(model.type(), column.path());
  }

  /** {@code id = $1}, or {@code a = $1 AND b = $2} for the parts of a composite key. */
  private static Predicate idEquals(EntityModel<?> model, Object id) {
    if (!model.hasCompositeId()) {
      return new Predicate.Comparison(ref(model, model.id()), Predicate.Operator.EQ, new Value(id));
    }
    List<Object> parts = model.idParts(id);
    List<Predicate> each = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      each.add(
          new Predicate.Comparison(
              ref(model, model.idColumns().get(i)),
              Predicate.Operator.EQ,
              new Value(parts.get(i))));
    }
    return Predicate.all(each);
  }

  private static RuntimeException missing(
      EntityModel<?> model, Object id, Object entity, String operation) {
    String name = model.type().getSimpleName();
    if (model.version().isPresent()) {
      @SuppressWarnings("unchecked")
      Object version = ((EntityModel<Object>) model).versionValue(entity);
      return new OptimisticLockException(
          "Cannot "
              + operation
              + " "
              + name
              + " with id "
              + id
              + " and version "
              + version
              + ": the row was changed or deleted since it was read; re-read it and retry");
    }
    return new EntityNotFoundException(
        "Cannot "
            + operation
            + " "
            + name
            + " with id "
            + id
            + ": no such row; insert it first (or use save)");
  }

  @SuppressWarnings("unchecked")
  private <T> EntityModel<T> modelOf(T entity) {
    return models.of((Class<T>) entity.getClass());
  }

  @SuppressWarnings("unchecked")
  private <T> EntityMapper<T> mapper(Class<T> type) {
    return (EntityMapper<T>) mappers.apply(type);
  }
}
