package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the primary key property. Exactly one per entity.
 *
 * <p>{@link IdGeneration#AUTO} (the default) means {@link IdGeneration#IDENTITY} for integer types
 * ({@code long}, {@code int} and their boxes) and {@link IdGeneration#ASSIGNED} for every other
 * type. The generation strategy decides what {@code save} does; see {@link IdGeneration}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Id {
  /** How the id value comes to be. */
  IdGeneration generation() default IdGeneration.AUTO;
}
