package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or class as an entity stored in one table. Without a name the table is named by
 * the {@link io.r2orm.core.metadata.NamingStrategy} ({@code BookReview} becomes {@code
 * book_review}).
 *
 * <pre>{@code
 * @Table("book")
 * record Book(@Id Long id, String title) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
  /** The table name; empty means derived from the class name. */
  String value() default "";

  /** The schema; empty means the connection's default (search path). */
  String schema() default "";

  /** Indexes that {@code SchemaGenerator} creates with the table. */
  Index[] indexes() default {};
}
