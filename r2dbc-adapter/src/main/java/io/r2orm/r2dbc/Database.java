package io.r2orm.r2dbc;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.dialect.Dialects;
import io.r2orm.core.mapping.EntityMapper;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.NamingStrategy;
import io.r2orm.core.query.Select;
import io.r2orm.core.render.SqlRenderer;
import io.r2orm.r2dbc.internal.EntityCommands;
import io.r2orm.r2dbc.internal.Executor;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The entry point: reads and writes entities over an R2DBC {@link ConnectionFactory}. Build one
 * per database and share it; it is immutable and thread-safe. Nothing runs until the returned
 * {@code Mono}/{@code Flux} is subscribed, and each operation takes a connection for as long as
 * it runs, so pass a pooled factory ({@code r2dbc-pool}'s {@code ConnectionPool}).
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
  private final Executor executor;
  private final SqlRenderer renderer;
  private final EntityModels models;
  private final EntityCommands commands;
  private final Map<Class<?>, EntityMapper<?>> mappers = new ConcurrentHashMap<>();

  private Database(Builder b) {
    this.models = b.models.build();
    this.renderer = new SqlRenderer(b.dialect, models);
    this.executor = new Executor(b.connectionFactory, b.fetchSize);
    this.commands = new EntityCommands(this, executor, renderer, b.insertBatchSize);
  }

  /**
   * A database with defaults: the dialect detected from the factory's metadata, snake-case
   * naming, fetch size 1000.
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
    return renderer.dialect();
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

  /** The entity with this id, or empty. */
  public <T> Mono<T> findById(Class<T> entity, Object id) {
    return commands.findById(entity, id);
  }

  /**
   * Inserts an entity and emits it as stored: with the generated id (identity), a random UUID
   * (UUID generation, when the id was null) and version 1. Records are returned as new instances;
   * classes are updated in place after the insert succeeds.
   */
  public <T> Mono<T> insert(T entity) {
    return commands.insert(entity);
  }

  /**
   * Inserts many entities with one statement per batch of rows (never one per row) and emits them
   * as stored, in input order, each with its generated key. When more than one statement is
   * needed, they run in one transaction: either every row is stored or none.
   */
  public <T> Flux<T> insertAll(Iterable<T> entities) {
    return commands.insertAll(entities);
  }

  /**
   * Updates every column of a stored entity by its id. With a version, the update checks the
   * version read and stores the next one; a changed or deleted row fails with {@link
   * io.r2orm.core.exception.OptimisticLockException}. Without a version, a missing row fails with
   * {@link io.r2orm.core.exception.EntityNotFoundException}.
   */
  public <T> Mono<T> update(T entity) {
    return commands.update(entity);
  }

  /**
   * Inserts or updates, never guessing: an identity id that is null (or 0) means insert,
   * otherwise update; an assigned id is new when its version is null (or 0); an assigned id
   * without a version is written with one upsert statement (insert, or update on an id conflict).
   */
  public <T> Mono<T> save(T entity) {
    return commands.save(entity);
  }

  /**
   * Deletes a stored entity by its id (and version, when it has one: a changed row fails with
   * {@link io.r2orm.core.exception.OptimisticLockException}).
   */
  public <T> Mono<Void> delete(T entity) {
    return commands.delete(entity);
  }

  /** Deletes the row with this id; emits the number of rows deleted (0 or 1). */
  public <T> Mono<Long> deleteById(Class<T> entity, Object id) {
    return commands.deleteById(entity, id);
  }

  /** Creates and drops tables from entity models (for tests, examples and prototypes). */
  public Schema schema() {
    return new Schema(this, executor);
  }

  SqlRenderer renderer() {
    return renderer;
  }

  Executor executor() {
    return executor;
  }

  /** The compiled row mapper of an entity. Not API. */
  @SuppressWarnings("unchecked")
  public <T> EntityMapper<T> mapper(Class<T> entity) {
    return (EntityMapper<T>) mappers.computeIfAbsent(entity, e -> new EntityMapper<>(models.of(e)));
  }

  /** Configures a {@link Database}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private final ConnectionFactory connectionFactory;
    private final EntityModels.Builder models = EntityModels.builder();
    private Dialect dialect;
    private int fetchSize = 1000;
    private int insertBatchSize = 1000;

    private Builder(ConnectionFactory connectionFactory) {
      this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory must not be null");
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

    /** Stores every property of this Java type through the converter. */
    public <J> Builder converter(Class<J> javaType, AttributeConverter<J, ?> converter) {
      models.converter(javaType, converter);
      return this;
    }

    /**
     * Rows the driver fetches per round trip when streaming a select (default 1000), so that a
     * large result is never buffered whole and a cancelled stream stops quickly. 0 leaves it to
     * the driver.
     */
    public Builder fetchSize(int rows) {
      if (rows < 0) throw new IllegalArgumentException("fetchSize must not be negative, got " + rows);
      this.fetchSize = rows;
      return this;
    }

    /** Rows per insert statement in {@link Database#insertAll} (default 1000). */
    public Builder insertBatchSize(int rows) {
      if (rows < 1) throw new IllegalArgumentException("insertBatchSize must be at least 1, got " + rows);
      this.insertBatchSize = rows;
      return this;
    }

    public Database build() {
      if (dialect == null) {
        String product = connectionFactory.getMetadata().getName();
        dialect = Dialects.forProductName(product).orElseThrow(() -> new IllegalArgumentException(
            "No r2orm dialect for database '" + product + "'; pass one with Database.builder(cf).dialect(...)"));
      }
      return new Database(this);
    }
  }
}
