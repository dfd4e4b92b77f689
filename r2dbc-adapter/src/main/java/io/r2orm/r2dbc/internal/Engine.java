package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2orm.core.internal.fetch.FetchPlan;
import io.r2orm.core.internal.mapping.EntityMapper;
import io.r2orm.core.internal.render.FetchRenderer;
import io.r2orm.core.internal.render.SqlRenderer;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the public API runs on: the execution planner ({@link Executor}), entity commands and the
 * relation loader, wired once per database. The one entry point from {@code io.r2orm.r2dbc} into
 * this package: {@code Database} uses nothing else here, and the query classes use only this and
 * the {@link Executor} it hands out. Dependencies point from the API to this package only: what the
 * engine needs from the API's configuration it takes in its own types ({@link TransactionSpec},
 * {@link StatementObserver}, {@link ExternalJoin}), which the API adapts to. A transaction gets a
 * view of it bound to the transaction. Not API.
 */
public final class Engine {
  private final EntityModels models;
  private final SqlRenderer renderer;
  private final FetchRenderer fetchRenderer;
  private final Executor executor;
  private final EntityCommands commands;
  private final RelationLoader loader;
  private final Map<Class<?>, EntityMapper<?>> mappers;
  private final int fetchWindow;
  private final int fetchSize;
  private final int insertBatchSize;

  /**
   * The engine of one database. {@code observer} hears about every statement ({@link
   * StatementObserver#NONE} for none); {@code external} joins transactions managed outside r2orm,
   * or is null.
   */
  public Engine(
      EntityModels models,
      SqlRenderer renderer,
      ConnectionFactory connectionFactory,
      int fetchSize,
      int fetchWindow,
      int insertBatchSize,
      StatementObserver observer,
      Duration statementTimeout,
      ExternalJoin external) {
    this(
        models,
        renderer,
        connectionFactory,
        List.of(),
        false,
        fetchSize,
        fetchWindow,
        insertBatchSize,
        observer,
        statementTimeout,
        external);
  }

  /**
   * The engine of one database with read replicas ({@code replicas} may be empty): see {@link
   * Executor#Executor(ConnectionFactory, List, boolean, boolean, int, int, StatementObserver,
   * Duration, String, ExternalJoin)} for what runs where.
   */
  public Engine(
      EntityModels models,
      SqlRenderer renderer,
      ConnectionFactory connectionFactory,
      List<ConnectionFactory> replicas,
      boolean fallbackToPrimary,
      int fetchSize,
      int fetchWindow,
      int insertBatchSize,
      StatementObserver observer,
      Duration statementTimeout,
      ExternalJoin external) {
    this(
        models,
        renderer,
        new Executor(
            connectionFactory,
            replicas,
            fallbackToPrimary,
            renderer.dialect().supportsCursors(),
            fetchSize,
            fetchWindow,
            observer,
            statementTimeout,
            statementTimeout == null
                ? null
                : renderer.dialect().transactionStatementTimeout(statementTimeout.toMillis()),
            external),
        new ConcurrentHashMap<>(),
        fetchWindow,
        fetchSize,
        insertBatchSize);
  }

  private Engine(
      EntityModels models,
      SqlRenderer renderer,
      Executor executor,
      Map<Class<?>, EntityMapper<?>> mappers,
      int fetchWindow,
      int fetchSize,
      int insertBatchSize) {
    this.models = models;
    this.renderer = renderer;
    this.fetchRenderer = new FetchRenderer(renderer);
    this.executor = executor;
    this.mappers = mappers;
    this.fetchWindow = fetchWindow;
    this.fetchSize = fetchSize;
    this.insertBatchSize = insertBatchSize;
    this.commands = new EntityCommands(models, this::mapperOf, executor, renderer, insertBatchSize);
    this.loader = new RelationLoader(models, executor, fetchRenderer, this::mapperOf);
  }

  /**
   * This engine with its statements outside transactions run on the read replicas; without
   * replicas, this engine.
   */
  public Engine onReplica() {
    Executor replica = executor.onReplica();
    return replica == executor
        ? this
        : new Engine(models, renderer, replica, mappers, fetchWindow, fetchSize, insertBatchSize);
  }

  public Executor executor() {
    return executor;
  }

  public SqlRenderer renderer() {
    return renderer;
  }

  /**
   * Runs work in a transaction; the work gets this engine bound to the transaction, whose
   * statements fail loudly when subscribed outside it.
   */
  public <T> Flux<T> transaction(
      TransactionSpec options, Function<Engine, ? extends Publisher<T>> work) {
    return executor.inTransaction(
        options,
        bound ->
            work.apply(
                new Engine(
                    models, renderer, bound, mappers, fetchWindow, fetchSize, insertBatchSize)));
  }

  // ---------------------------------------------------------------- entity commands (see
  // EntityCommands)

  /** The entity with this id, or empty. */
  public <T> Mono<T> findById(Class<T> entity, Object id) {
    return commands.findById(entity, id);
  }

  /** Inserts an entity and emits it as stored. */
  public <T> Mono<T> insert(T entity) {
    return commands.insert(entity);
  }

  /** Inserts entities in batched statements, in one transaction when more than one is needed. */
  public <T> Flux<T> insertAll(Iterable<T> entities) {
    return commands.insertAll(entities);
  }

  /**
   * Upserts entities on their id ({@code conflictTarget} empty) or on the named properties; an
   * existing row gets {@code onConflictUpdate} (null: every written property but the key; empty:
   * nothing, and only inserted entities are emitted).
   */
  public <T> Flux<T> upsertAll(
      Iterable<T> entities, List<String> conflictTarget, List<String> onConflictUpdate) {
    return commands.upsertAll(entities, conflictTarget, onConflictUpdate);
  }

  /** Updates every column of a stored entity by its id (and version). */
  public <T> Mono<T> update(T entity) {
    return commands.update(entity);
  }

  /** Inserts or updates, as {@link EntityCommands#save} decides. */
  public <T> Mono<T> save(T entity) {
    return commands.save(entity);
  }

  /** Deletes a stored entity by its id (and version). */
  public <T> Mono<Void> delete(T entity) {
    return commands.delete(entity);
  }

  /** Deletes the row with this id; emits the number of rows deleted. */
  public <T> Mono<Long> deleteById(Class<T> entity, Object id) {
    return commands.deleteById(entity, id);
  }

  /**
   * The entities a statement selects (every column of the entity, in model order), read as a stream
   * that may be long; a statement that cannot be cut to a probe (a recursive query) is read through
   * a cursor inside a transaction.
   */
  public <T> Flux<T> entities(SqlStatement statement, Class<T> entity) {
    EntityMapper<T> mapper = mapper(entity);
    return executor.read(statement, null, (row, meta) -> mapper.map(row::get), false);
  }

  /**
   * The rows a data-changing statement returns ({@code UPDATE … RETURNING}), as entities: one
   * statement, read to its end, never through a cursor (a cursor cannot be declared for it).
   */
  public <T> Flux<T> changedRows(SqlStatement statement, Class<T> entity) {
    EntityMapper<T> mapper = mapper(entity);
    return executor.read(statement, (row, meta) -> mapper.map(row::get));
  }

  /** The compiled row mapper of an entity. */
  @SuppressWarnings("unchecked")
  public <T> EntityMapper<T> mapper(Class<T> entity) {
    return (EntityMapper<T>) mapperOf(entity);
  }

  private EntityMapper<?> mapperOf(Class<?> entity) {
    return mappers.computeIfAbsent(entity, e -> new EntityMapper<>(models.of(e)));
  }

  /**
   * Streams a select with its fetch plan. Without relations it is one read; with them, the parents
   * are read a window at a time and each window's relations loaded (one statement per relation)
   * before the next, all on one connection.
   */
  public <T> Flux<T> stream(
      Select select, List<? extends FetchPath<T, ?>> fetches, Integer window) {
    return Flux.defer(
        () -> {
          @SuppressWarnings("unchecked")
          EntityModel<T> model = (EntityModel<T>) models.of(select.entity());
          EntityMapper<T> mapper = mapper(model.type());
          FetchPlan plan =
              fetches.isEmpty()
                  ? FetchPlan.none(model.type())
                  : FetchPlan.of(models, model.type(), fetches);
          int w = window != null ? window : fetchWindow;
          boolean bounded = select.limit() != null && select.limit() <= Math.max(fetchSize, w);
          if (plan.isEmpty()) {
            return executor.read(
                renderer.select(select),
                n -> renderer.select(atMost(select, n)),
                (row, meta) -> mapper.map(row::get),
                bounded);
          }
          List<RelationModel> joins =
              plan.nodes().stream()
                  .filter(n -> n.options().strategy() == FetchOptions.Strategy.JOIN)
                  .map(FetchPlan.Node::relation)
                  .toList();
          SqlStatement sql =
              joins.isEmpty() ? renderer.select(select) : fetchRenderer.selectJoined(select, joins);
          BiFunction<Row, RowMetadata, Object[]> rows =
              (row, meta) -> joinedValues(mapper, joins, row);
          Function<List<Object[]>, Flux<T>> perWindow =
              list ->
                  loader
                      .load(model, list, plan.nodes(), w)
                      .thenMany(Flux.fromIterable(list).map(model::instantiate));
          IntFunction<SqlStatement> limited =
              n ->
                  joins.isEmpty()
                      ? renderer.select(atMost(select, n))
                      : fetchRenderer.selectJoined(atMost(select, n), joins);
          return executor.streamWindows(sql, limited, rows, w, bounded, perWindow);
        });
  }

  /** The select reading at most {@code rows} rows (keeping a smaller limit of its own). */
  private static Select atMost(Select select, int rows) {
    return select.withLimit(select.limit() == null ? rows : Math.min(select.limit(), rows));
  }

  private Object[] joinedValues(EntityMapper<?> mapper, List<RelationModel> joins, Row row) {
    Object[] values = mapper.values(row::get, 0);
    int offset = mapper.width();
    for (RelationModel r : joins) {
      EntityMapper<?> targetMapper = mapperOf(r.target());
      EntityModel<?> target = targetMapper.model();
      Object[] targetValues = targetMapper.values(row::get, offset);
      offset += targetMapper.width();
      Object key = values[r.slot()] instanceof Ref<?> ref ? ref.id() : null;
      boolean found = target.idOf(targetValues) != null;
      values[r.slot()] = new RelationLoader.JoinedRow(key, found ? targetValues : null);
    }
    return values;
  }

  /**
   * Loads relations for entities in hand, a window at a time, all on one connection, and emits them
   * in their order as new instances with the relations in place.
   */
  public <T> Flux<T> load(List<T> entities, List<? extends FetchPath<T, ?>> paths) {
    return Flux.defer(
        () -> {
          if (entities.isEmpty()) {
            return Flux.empty();
          }
          @SuppressWarnings("unchecked")
          EntityModel<T> model = (EntityModel<T>) models.of(entities.get(0).getClass());
          FetchPlan plan = FetchPlan.of(models, model.type(), paths);
          List<Object[]> rows = new ArrayList<>(entities.size());
          for (T e : entities) {
            if (e.getClass() != model.type()) {
              throw new IllegalArgumentException(
                  "load needs entities of one class, got "
                      + model.type().getName()
                      + " and "
                      + e.getClass().getName());
            }
            rows.add(model.values(e));
          }
          return executor.session(
              () ->
                  Flux.fromIterable(rows)
                      .buffer(fetchWindow)
                      .concatMap(
                          w ->
                              loader
                                  .load(model, w, plan.nodes(), fetchWindow)
                                  .thenMany(Flux.fromIterable(w).map(model::instantiate)),
                          0));
        });
  }

  /** Adds or removes many-to-many link rows between an owner and targets (entities or ids). */
  public <E, T> Mono<Long> linkRows(
      Relation<E, T> relation, E owner, Collection<?> targets, boolean add) {
    Objects.requireNonNull(relation, "relation must not be null");
    Objects.requireNonNull(owner, "owner must not be null");
    Objects.requireNonNull(targets, "targets must not be null");
    return Mono.defer(
        () -> {
          if (targets.isEmpty()) {
            return Mono.just(0L);
          }
          EntityModel<E> ownerModel = models.of(relation.owner());
          RelationModel r = ownerModel.relation(relation.name());
          @SuppressWarnings("unchecked")
          EntityModel<Object> target = (EntityModel<Object>) models.of(r.target());
          Object ownerId = ownerModel.idValue(owner);
          if (ownerId == null) {
            throw new IllegalArgumentException(
                "cannot link a "
                    + ownerModel.type().getSimpleName()
                    + " without an id; store it first");
          }
          // each pair once: a link row is there or not, and H2's MERGE would insert a pair named
          // twice twice
          List<Object> ids =
              targets.stream()
                  .map(t -> target.type().isInstance(t) ? target.idValue(t) : t)
                  .distinct()
                  .toList();
          return executor.update(
              add ? fetchRenderer.link(r, ownerId, ids) : fetchRenderer.unlink(r, ownerId, ids));
        });
  }
}
