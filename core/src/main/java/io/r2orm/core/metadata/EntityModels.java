package io.r2orm.core.metadata;

import io.r2orm.core.convert.AttributeConverter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and caches the {@link EntityModel} of each entity class under one configuration (a naming
 * strategy and converters registered per Java type). Each class is read once; invalid mappings
 * fail on that first read with an {@link io.r2orm.core.exception.EntityDefinitionException}.
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

  private EntityModels(NamingStrategy naming, Map<Class<?>, AttributeConverter<?, ?>> converters) {
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

  /** The model of an entity class, built on first use. */
  @SuppressWarnings("unchecked")
  public <T> EntityModel<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    EntityModel<?> model = cache.get(type);
    if (model == null) {
      model = new EntityModelBuilder<>(type, this, naming, converters).build();
      EntityModel<?> raced = cache.putIfAbsent(type, model);
      if (raced != null) {
        return (EntityModel<T>) raced;
      }
      try {
        RelationValidator.validate(this, model);
      } catch (RuntimeException e) {
        cache.remove(type, model);
        throw e;
      }
    }
    return (EntityModel<T>) model;
  }

  /** The naming strategy in force. */
  public NamingStrategy namingStrategy() {
    return naming;
  }

  /** Configures {@link EntityModels}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private NamingStrategy naming = NamingStrategy.SNAKE_CASE;
    private final Map<Class<?>, AttributeConverter<?, ?>> converters = new ConcurrentHashMap<>();

    private Builder() {}

    /** How names are derived where annotations give none; default {@link NamingStrategy#SNAKE_CASE}. */
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

    public EntityModels build() {
      return new EntityModels(naming, converters);
    }
  }
}
