package io.r2orm.core.metadata;

import io.r2orm.core.convert.AttributeConverter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds and caches the {@link EntityModel} of each entity class under one configuration (a naming
 * strategy and converters registered per Java type). Each class is read once; invalid mappings fail
 * on that first read with an {@link io.r2orm.core.exception.EntityDefinitionException}.
 * Thread-safe.
 *
 * <pre>{@code
 * EntityModels models = EntityModels.builder()
 *     .namingStrategy(NamingStrategy.SNAKE_CASE)
 *     .converter(Money.class, new MoneyConverter())
 *     .build();
 * EntityModel<Book> book = models.of(Book.class);
 * }</pre>
 */
public final class EntityModels {
  private final NamingStrategy naming;
  private final Map<Class<?>, AttributeConverter<?, ?>> converters;
  private final Map<Class<?>, EntityModel<?>> cache = new ConcurrentHashMap<>();

  private final io.r2orm.core.convert.@Nullable JsonCodec jsonCodec;

  private EntityModels(
      NamingStrategy naming,
      Map<Class<?>, AttributeConverter<?, ?>> converters,
      io.r2orm.core.convert.@Nullable JsonCodec jsonCodec) {
    this.jsonCodec = jsonCodec;
    this.naming = naming;
    this.converters = Map.copyOf(converters);
  }

  /** Models with snake-case naming and no registered converters. */
  public static EntityModels create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The models this thread is building and validating, by class: relations between entities refer
   * to each other (Author ↔ Book), so validating one asks for the other while the first is not
   * published yet.
   */
  private final ThreadLocal<Map<Class<?>, EntityModel<?>>> building =
      ThreadLocal.withInitial(java.util.HashMap::new);

  /**
   * The model of an entity class, built and validated on first use. Only validated models are
   * published: another thread never sees a model whose relations later fail validation (it builds
   * and validates its own copy meanwhile; models are immutable, the first published wins).
   */
  @SuppressWarnings("unchecked")
  public <T> EntityModel<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    EntityModel<?> model = cache.get(type);
    if (model != null) {
      return (EntityModel<T>) model;
    }
    Map<Class<?>, EntityModel<?>> inProgress = building.get();
    model = inProgress.get(type);
    if (model != null) {
      return (EntityModel<T>) model;
    }
    boolean outermost = inProgress.isEmpty();
    try {
      model = new EntityModelBuilder<>(type, this, naming, converters, jsonCodec).build();
      inProgress.put(type, model);
      RelationValidator.validate(this, model);
      if (!outermost) {
        return (EntityModel<T>) model;
      }
      // every model this call built was validated: publish them together
      for (Map.Entry<Class<?>, EntityModel<?>> e : inProgress.entrySet()) {
        cache.putIfAbsent(e.getKey(), e.getValue());
      }
      return (EntityModel<T>) Objects.requireNonNull(cache.get(type));
    } finally {
      if (outermost) {
        building.remove();
      }
    }
  }

  /** The naming strategy in force. */
  public NamingStrategy namingStrategy() {
    return naming;
  }

  /** Configures {@link EntityModels}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private NamingStrategy naming = NamingStrategy.SNAKE_CASE;
    private final Map<Class<?>, AttributeConverter<?, ?>> converters = new ConcurrentHashMap<>();
    private io.r2orm.core.convert.@Nullable JsonCodec jsonCodec;

    private Builder() {}

    /**
     * How names are derived where annotations give none; default {@link NamingStrategy#SNAKE_CASE}.
     */
    public Builder namingStrategy(NamingStrategy naming) {
      this.naming = Objects.requireNonNull(naming, "naming must not be null");
      return this;
    }

    /** Uses this converter for every property of the given type that has no {@code @Convert}. */
    public <J> Builder converter(Class<J> javaType, AttributeConverter<J, ?> converter) {
      Objects.requireNonNull(javaType, "javaType must not be null");
      Objects.requireNonNull(converter, "converter must not be null");
      converters.put(javaType, converter);
      return this;
    }

    /**
     * Stores properties of other types than {@code String} in JSON columns ({@code @Column(type =
     * "jsonb")}) as the JSON text this codec writes.
     */
    public Builder jsonCodec(io.r2orm.core.convert.JsonCodec codec) {
      this.jsonCodec = Objects.requireNonNull(codec, "codec must not be null");
      return this;
    }

    public EntityModels build() {
      return new EntityModels(naming, converters, jsonCodec);
    }
  }
}
