package io.r2orm.r2dbc;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.dialect.Dialects;
import io.r2orm.core.internal.mapping.EntityMapper;
import io.r2orm.core.internal.render.SqlRenderer;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.NamingStrategy;
import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Selectable;
import io.r2orm.core.query.Subquery;
import io.r2orm.r2dbc.internal.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The entry point: reads and writes entities over an R2DBC {@link ConnectionFactory}. Build one per
 * database and share it; it is immutable and thread-safe. Nothing runs until the returned {@code
 * Mono}/{@code Flux} is subscribed, and each operation takes a connection for as long as it runs,
 * so pass a pooled factory ({@code r2dbc-pool}'s {@code ConnectionPool}).
 *
 * <pre>{@code
 * Database db = Database.create(connectionPool);
 * Mono<Book> saved = db.insert(new Book(null, "Dune", 1965));
 * Flux<Book> books = db.select(Book.class)
 *     .where(Book_.TITLE.startsWith("Dune").and(Book_.YEAR.gt(1960)))
 *     .orderBy(Book_.YEAR.asc())
 *     .all();
 * }</pre>
 */
public final class Database {
  private final Engine engine;
  private final EntityModels models;

  private Database(Builder b) {
    this.models = b.models.build();
    this.engine =
        new Engine(
            models,
            new SqlRenderer(b.dialect, models),
            b.connectionFactory,
            List.copyOf(b.replicas),
            b.replicaFallback == ReplicaFallback.PRIMARY,
            b.fetchSize,
            b.fetchWindow,
            b.insertBatchSize,
            EngineAdapter.observer(b.listeners),
            b.statementTimeout,
            EngineAdapter.join(b.externalTransactions));
  }

  /** A view of a database bound to one transaction (the {@code tx} of {@link #transaction}). */
  private Database(EntityModels models, Engine engine) {
    this.models = models;
    this.engine = engine;
  }

  /**
   * A database with defaults: the dialect detected from the factory's metadata, snake-case naming,
   * fetch size 10,000.
   */
  public static Database create(ConnectionFactory connectionFactory) {
    return builder(connectionFactory).build();
  }

  /** Starts configuring a database over this connection factory. */
  public static Builder builder(ConnectionFactory connectionFactory) {
    return new Builder(connectionFactory);
  }

  /** The dialect in use. */
  public Dialect dialect() {
    return engine.renderer().dialect();
  }

  /** The entity models (metadata) this database maps with. */
  public EntityModels models() {
    return models;
  }

  /** The model of an entity class. */
  public <T> EntityModel<T> model(Class<T> entity) {
    return models.of(entity);
  }

  /** A query over the rows of an entity; nothing runs until a terminal method is subscribed. */
  public <T> SelectQuery<T> select(Class<T> entity) {
    models.of(entity);
    return new SelectQuery<>(this, Select.from(entity));
  }

  /**
   * A query of one field, computed value or table: {@code db.select(count()).from(Track.class)}
   * emits one {@code Long}; {@code db.select(TableRef.of(Book.class)).join(…)} emits books.
   */
  public <A> ResultQuery<A> select(Selectable<A> a) {
    return project(List.of(a), mapper -> values -> cast(values[0]));
  }

  /** A query of two items; rows are {@link Row2}s. Use {@link ResultQuery#into} for a record. */
  public <A, B> ResultQuery<Row2<A, B>> select(Selectable<A> a, Selectable<B> b) {
    return project(List.of(a, b), mapper -> v -> new Row2<>(cast(v[0]), cast(v[1])));
  }

  /** A query of three items; rows are {@link Row3}s. */
  public <A, B, C> ResultQuery<Row3<A, B, C>> select(
      Selectable<A> a, Selectable<B> b, Selectable<C> c) {
    return project(List.of(a, b, c), mapper -> v -> new Row3<>(cast(v[0]), cast(v[1]), cast(v[2])));
  }

  /** A query of four items; rows are {@link Row4}s. */
  public <A, B, C, D> ResultQuery<Row4<A, B, C, D>> select(
      Selectable<A> a, Selectable<B> b, Selectable<C> c, Selectable<D> d) {
    return project(
        List.of(a, b, c, d),
        mapper -> v -> new Row4<>(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3])));
  }

  /** A query of five items; rows are {@link Row5}s. */
  public <A, B, C, D, E> ResultQuery<Row5<A, B, C, D, E>> select(
      Selectable<A> a, Selectable<B> b, Selectable<C> c, Selectable<D> d, Selectable<E> e) {
    return project(
        List.of(a, b, c, d, e),
        mapper -> v -> new Row5<>(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4])));
  }

  /**
   * A query of any number of items; rows are arrays of the values in select order. Prefer {@link
   * ResultQuery#into} to build a record from them.
   */
  public ResultQuery<Object[]> select(List<? extends Selectable<?>> items) {
    return project(items, mapper -> values -> values);
  }

  private <R> ResultQuery<R> project(
      List<? extends Selectable<?>> items,
      java.util.function.Function<
              io.r2orm.core.internal.mapping.ProjectionMapper,
              java.util.function.Function<Object[], R>>
          shape) {
    return new ResultQuery<>(this, Subquery.select(items), shape);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  /**
   * Inserts the entity, or updates the row with its id when one exists (versioned entities only
   * when the version matches); emits it as stored. For a natural key use {@link #upsertInto}.
   */
  public <T> Mono<T> upsert(T entity) {
    return engine
        .upsertAll(
            List.of(Objects.requireNonNull(entity, "entity must not be null")), List.of(), null)
        .single();
  }

  /**
   * Upserts the entities on their ids in batched statements, in one transaction; see {@link
   * UpsertQuery}.
   */
  public <T> Flux<T> upsertAll(Iterable<T> entities) {
    return engine.upsertAll(entities, List.of(), null);
  }

  /**
   * An upsert of entities of this class, on the id or on a unique key named with {@code
   * onConflict}.
   */
  public <T> UpsertQuery<T> upsertInto(Class<T> entity) {
    models.of(entity);
    return new UpsertQuery<>(this, entity, List.of(), null);
  }

  /** {@code INSERT INTO … SELECT …}: copies the rows of a query into an entity's table. */
  public <T> InsertSelectQuery<T> insertInto(Class<T> entity) {
    models.of(entity);
    return new InsertSelectQuery<>(this, entity, List.of());
  }

  Engine engine() {
    return engine;
  }

  /**
   * A repository from its interface ({@code interface BookRepository extends
   * ReactiveRepository<Book, Long>}): CRUD, derived queries parsed from method names,
   * {@code @Query} methods and fetch plans, all checked now. The same as {@link
   * io.r2orm.r2dbc.repository.Repositories#create}, which is built on this class; this method
   * reaches it through a {@link RepositoryProvider} rather than depending on it, so it cannot name
   * {@code ReactiveRepository} in its type bound and checks it at run time instead.
   *
   * @throws IllegalArgumentException when the type is not an interface extending {@link
   *     io.r2orm.r2dbc.repository.ReactiveRepository}
   * @throws IllegalStateException when no {@link RepositoryProvider} is on the class path (a
   *     repackaged jar that dropped {@code META-INF/services})
   */
  public <R> R repository(Class<R> repositoryInterface) {
    Objects.requireNonNull(repositoryInterface, "repositoryInterface must not be null");
    return RepositoryLookup.provider().create(this, repositoryInterface);
  }

  /** The repository provider, looked up once, when the first repository is made. */
  private static final class RepositoryLookup {
    private static final @Nullable RepositoryProvider PROVIDER =
        ServiceLoader.load(RepositoryProvider.class, RepositoryProvider.class.getClassLoader())
            .findFirst()
            .orElse(null);

    static RepositoryProvider provider() {
      if (PROVIDER == null) {
        throw new IllegalStateException(
            "No "
                + RepositoryProvider.class.getName()
                + " found: r2dbc-adapter registers "
                + "one in META-INF/services, which is missing from the class path (a shaded or merged jar that dropped "
                + "service files?); keep service files when repackaging, or call Repositories.create(db, type)");
      }
      return PROVIDER;
    }
  }

  /** An update of the rows of an entity that match a condition. */
  public <T> UpdateQuery<T> update(Class<T> entity) {
    models.of(entity);
    return new UpdateQuery<>(this, entity, java.util.List.of(), null);
  }

  /** A delete of the rows of an entity that match a condition. */
  public <T> DeleteQuery<T> delete(Class<T> entity) {
    models.of(entity);
    return new DeleteQuery<>(this, entity, null);
  }

  /**
   * Hand-written SQL with named parameters ({@code :title}), for what the query builder does not
   * cover; values are still binds and rows map by column name. See {@link SqlQuery}.
   */
  public SqlQuery sql(String sql) {
    return new SqlQuery(this, sql, Map.of());
  }

  /** How many steps {@link #descendants} and {@link #ancestors} follow unless told otherwise. */
  public static final int DEFAULT_WALK_DEPTH = 100;

  /**
   * The rows matching {@code start} and every row below them along a self-referencing to-one
   * relation — a category's subcategories at any depth, everyone reporting to a manager — each
   * once, nearest first: one statement ({@code WITH RECURSIVE}). Follows at most {@link
   * #DEFAULT_WALK_DEPTH} steps, so that a cycle in the data ends too.
   *
   * <pre>{@code
   * Flux<Category> subtree = db.descendants(Category_.PARENT, Category_.ID.eq(1L));
   * }</pre>
   */
  public <T> Flux<T> descendants(Relation<T, T> parent, io.r2orm.core.query.Predicate start) {
    return walk(parent, start, true, DEFAULT_WALK_DEPTH);
  }

  /**
   * {@link #descendants(Relation, io.r2orm.core.query.Predicate)} at most {@code maxDepth} steps
   * below the start.
   */
  public <T> Flux<T> descendants(
      Relation<T, T> parent, io.r2orm.core.query.Predicate start, int maxDepth) {
    return walk(parent, start, true, maxDepth);
  }

  /**
   * The rows matching {@code start} and every row above them along a self-referencing to-one
   * relation (a category's parents up to the root, a chain of managers), each once, nearest first;
   * see {@link #descendants(Relation, io.r2orm.core.query.Predicate)}.
   */
  public <T> Flux<T> ancestors(Relation<T, T> parent, io.r2orm.core.query.Predicate start) {
    return walk(parent, start, false, DEFAULT_WALK_DEPTH);
  }

  /**
   * {@link #ancestors(Relation, io.r2orm.core.query.Predicate)} at most {@code maxDepth} steps
   * above the start.
   */
  public <T> Flux<T> ancestors(
      Relation<T, T> parent, io.r2orm.core.query.Predicate start, int maxDepth) {
    return walk(parent, start, false, maxDepth);
  }

  private <T> Flux<T> walk(
      Relation<T, T> parent, io.r2orm.core.query.Predicate start, boolean down, int maxDepth) {
    Objects.requireNonNull(parent, "parent must not be null");
    Objects.requireNonNull(start, "start must not be null");
    return Flux.defer(
        () -> {
          return engine.entities(
              renderer().walk(parent.owner(), parent.name(), start, down, maxDepth),
              parent.owner());
        });
  }

  /** The entity with this id, or empty. */
  public <T> Mono<T> findById(Class<T> entity, Object id) {
    return engine.findById(entity, id);
  }

  /**
   * Inserts an entity and emits it as stored: with the generated id (identity), a random UUID (UUID
   * generation, when the id was null) and version 1. Records are returned as new instances; classes
   * are updated in place after the insert succeeds.
   */
  public <T> Mono<T> insert(T entity) {
    return engine.insert(entity);
  }

  /**
   * Inserts many entities with one statement per batch of rows (never one per row) and emits them
   * as stored, in input order, each with its generated key. When more than one statement is needed,
   * they run in one transaction: either every row is stored or none.
   */
  public <T> Flux<T> insertAll(Iterable<T> entities) {
    return engine.insertAll(entities);
  }

  /**
   * Updates every column of a stored entity by its id. With a version, the update checks the
   * version read and stores the next one; a changed or deleted row fails with {@link
   * io.r2orm.core.exception.OptimisticLockException}. Without a version, a missing row fails with
   * {@link io.r2orm.core.exception.EntityNotFoundException}.
   */
  public <T> Mono<T> update(T entity) {
    return engine.update(entity);
  }

  /**
   * Inserts or updates, never guessing: an identity id that is null (or 0) means insert, otherwise
   * update; an assigned id is new when its version is null (or 0); an assigned id without a version
   * is written with one upsert statement (insert, or update on an id conflict).
   */
  public <T> Mono<T> save(T entity) {
    return engine.save(entity);
  }

  /**
   * Deletes a stored entity by its id (and version, when it has one: a changed row fails with
   * {@link io.r2orm.core.exception.OptimisticLockException}).
   */
  public <T> Mono<Void> delete(T entity) {
    return engine.delete(entity);
  }

  /** Deletes the row with this id; emits the number of rows deleted (0 or 1). */
  public <T> Mono<Long> deleteById(Class<T> entity, Object id) {
    return engine.deleteById(entity, id);
  }

  /**
   * This database with its statements outside transactions run on the read replicas ({@link
   * Builder#readReplica}) instead of the primary: for reads that may lag behind the primary's
   * latest writes. Transactions still go where their options say (read-only ones to a replica), and
   * a write made through this view fails with {@link
   * io.r2orm.core.exception.ReadOnlyTransactionException}. Without replicas, this database itself,
   * so code written for replicas runs against one server.
   *
   * <pre>{@code
   * Flux<Book> catalogue = db.onReplica().select(Book.class).orderBy(Book_.TITLE.asc()).all();
   * }</pre>
   */
  public Database onReplica() {
    Engine replica = engine.onReplica();
    return replica == engine ? this : new Database(models, replica);
  }

  /**
   * Runs work in a transaction: every r2orm call inside, however deep, runs on the transaction's
   * connection (carried in the Reactor context). Commits when the work completes; rolls back when
   * it fails or is cancelled. Called inside another transaction, it joins that one. A read-only
   * transaction ({@link TransactionOptions#withReadOnly}) runs on a read replica when the database
   * has one (except a SERIALIZABLE one, which a hot standby cannot run); every other runs on the
   * primary.
   *
   * <pre>{@code
   * Mono<Book> moved = db.transaction(tx -> tx.update(book).flatMap(b -> tx.insert(log).thenReturn(b))).single();
   * }</pre>
   */
  public <T> Flux<T> transaction(Function<Database, ? extends Publisher<T>> work) {
    return transaction(TransactionOptions.defaults(), work);
  }

  /**
   * Runs work in a transaction with these options: isolation level, read-only, a timeout after
   * which the work is cancelled and rolled back ({@link
   * io.r2orm.core.exception.QueryTimeoutException}), and nesting: with {@link
   * TransactionOptions#nested()} an inner call runs in a savepoint, so its failure rolls back only
   * its own work.
   */
  public <T> Flux<T> transaction(
      TransactionOptions options, Function<Database, ? extends Publisher<T>> work) {
    Objects.requireNonNull(options, "options must not be null");
    Objects.requireNonNull(work, "work must not be null");
    return engine.transaction(
        EngineAdapter.spec(options), bound -> work.apply(new Database(models, bound)));
  }

  /**
   * Loads relations for entities already in hand, with the same batching as a query's fetch plan,
   * and emits them in their order with the relations in place (new instances for records and
   * classes alike).
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final <T> Flux<T> load(Iterable<T> entities, FetchPath<T, ?>... paths) {
    Objects.requireNonNull(entities, "entities must not be null");
    return Flux.defer(
        () -> {
          List<T> list = new ArrayList<>();
          entities.forEach(
              e -> list.add(Objects.requireNonNull(e, "entities must not contain null")));
          return engine.load(list, Arrays.asList(paths));
        });
  }

  /**
   * Adds many-to-many link rows between an owner and targets (entities or ids); emits the number of
   * rows added.
   */
  public <E, T> Mono<Long> link(Relation<E, T> relation, E owner, Collection<?> targets) {
    return linkRows(relation, owner, targets, true);
  }

  /**
   * Removes many-to-many link rows between an owner and targets (entities or ids); emits the number
   * removed.
   */
  public <E, T> Mono<Long> unlink(Relation<E, T> relation, E owner, Collection<?> targets) {
    return linkRows(relation, owner, targets, false);
  }

  private <E, T> Mono<Long> linkRows(
      Relation<E, T> relation, E owner, Collection<?> targets, boolean add) {
    return engine.linkRows(relation, owner, targets, add);
  }

  /** Streams a select with its fetch plan; see {@link SelectQuery#all()}. */
  <T> Flux<T> stream(
      Select select, List<? extends FetchPath<T, ?>> fetches, @Nullable Integer window) {
    return engine.stream(select, fetches, window);
  }

  /** Creates and drops tables from entity models (for tests, examples and prototypes). */
  public Schema schema() {
    return new Schema(this);
  }

  SqlRenderer renderer() {
    return engine.renderer();
  }

  /** The compiled row mapper of an entity. */
  <T> EntityMapper<T> mapper(Class<T> entity) {
    return engine.mapper(entity);
  }

  /** Configures a {@link Database}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private final ConnectionFactory connectionFactory;
    private final EntityModels.Builder models = EntityModels.builder();
    private @Nullable Dialect dialect;
    private int fetchSize = 10_000;
    private int insertBatchSize = 1000;
    private int fetchWindow = 256;
    private java.time.@Nullable Duration statementTimeout;
    private @Nullable ExternalTransactions externalTransactions;
    private final List<StatementListener> listeners = new ArrayList<>();
    private final List<ConnectionFactory> replicas = new ArrayList<>();
    private ReplicaFallback replicaFallback = ReplicaFallback.FAIL;

    private Builder(ConnectionFactory connectionFactory) {
      this.connectionFactory =
          Objects.requireNonNull(connectionFactory, "connectionFactory must not be null");
    }

    /** The SQL dialect; detected from the connection factory's metadata when not set. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
      return this;
    }

    /** How names are derived where annotations give none; default snake case. */
    public Builder namingStrategy(NamingStrategy naming) {
      models.namingStrategy(naming);
      return this;
    }

    /**
     * Stores properties of any type in JSON columns ({@code @Column(type = "jsonb") Details
     * details}) as the JSON text this codec writes, e.g. over Jackson: {@code jsonCodec(new
     * JsonCodec() { ... mapper.writeValueAsString(v) ... mapper.readValue(json,
     * mapper.constructType(type)) })}. The Spring Boot starter registers the application's Jackson
     * mapper. Without one, such a property is an error naming it.
     */
    public Builder jsonCodec(io.r2orm.core.convert.JsonCodec codec) {
      models.jsonCodec(codec);
      return this;
    }

    /** Stores every property of this Java type through the converter. */
    public <J> Builder converter(Class<J> javaType, AttributeConverter<J, ?> converter) {
      models.converter(javaType, converter);
      return this;
    }

    /**
     * Rows the driver fetches per round trip when streaming a select (default 10,000), so that a
     * cancelled stream stops within one page; memory does not grow with it (the driver reads the
     * socket only as rows are consumed), each page costs a round trip. Selects with a limit up to
     * this size are read in one go. 0 leaves it to the driver (no paging).
     */
    public Builder fetchSize(int rows) {
      if (rows < 0)
        throw new IllegalArgumentException("fetchSize must not be negative, got " + rows);
      this.fetchSize = rows;
      return this;
    }

    /** Rows per insert statement in {@link Database#insertAll} (default 1000). */
    public Builder insertBatchSize(int rows) {
      if (rows < 1)
        throw new IllegalArgumentException("insertBatchSize must be at least 1, got " + rows);
      this.insertBatchSize = rows;
      return this;
    }

    /**
     * Parents per batch when relations are fetched (default 256): each relation costs one statement
     * per window of parents. Larger windows mean fewer statements and more memory.
     */
    public Builder fetchWindow(int parents) {
      if (parents < 1)
        throw new IllegalArgumentException("fetchWindow must be at least 1, got " + parents);
      this.fetchWindow = parents;
      return this;
    }

    /**
     * A server-side limit for every statement: a statement running longer is cancelled by the
     * server and fails with {@link io.r2orm.core.exception.QueryTimeoutException}. On PostgreSQL it
     * is {@code SET LOCAL statement_timeout} after each {@code BEGIN}, and a statement outside a
     * transaction runs in a short one of its own (three statements more), so that nothing stays on
     * a connection a pooler hands to others (docs/replicas-and-poolers.md); elsewhere R2DBC's
     * {@code Connection.setStatementTimeout}, one round trip per connection taken. On PostgreSQL,
     * statements that cannot run in a transaction block ({@code VACUUM}, {@code CREATE INDEX
     * CONCURRENTLY}) then need a database without a timeout. Default: none.
     */
    public Builder statementTimeout(java.time.Duration limit) {
      Objects.requireNonNull(limit, "limit must not be null");
      if (limit.isNegative() || limit.isZero())
        throw new IllegalArgumentException("statementTimeout must be positive");
      this.statementTimeout = limit;
      return this;
    }

    /**
     * Adds a read replica (a hot standby), usually a pool of its own: read-only transactions run on
     * it, and so do statements made through {@link Database#onReplica()}; everything else runs on
     * the primary. Several replicas are used in turn, one connection each; when the chosen one
     * cannot be reached the next is tried. See {@link #replicaFallback} for when none can.
     */
    public Builder readReplica(ConnectionFactory replica) {
      replicas.add(Objects.requireNonNull(replica, "replica must not be null"));
      return this;
    }

    /**
     * What replica work does when no replica can be reached (server down, connection refused; not a
     * busy pool): fail with {@link io.r2orm.core.exception.ConnectionFailureException} (the
     * default), or run on the primary.
     */
    public Builder replicaFallback(ReplicaFallback fallback) {
      this.replicaFallback = Objects.requireNonNull(fallback, "fallback must not be null");
      return this;
    }

    /**
     * Joins transactions managed outside r2orm (Spring's, through the starter): inside one, r2orm
     * uses its connection and leaves commit and rollback to it.
     */
    public Builder externalTransactions(ExternalTransactions transactions) {
      this.externalTransactions =
          Objects.requireNonNull(transactions, "transactions must not be null");
      return this;
    }

    /**
     * Tells this listener about every statement (metrics, tracing, statement counting in tests).
     */
    public Builder listener(StatementListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    public Database build() {
      if (dialect == null) {
        String product = connectionFactory.getMetadata().getName();
        dialect =
            Dialects.forProductName(product)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "No r2orm dialect for database '"
                                + product
                                + "'; pass one with Database.builder(cf).dialect(...)"));
      }
      return new Database(this);
    }
  }
}
