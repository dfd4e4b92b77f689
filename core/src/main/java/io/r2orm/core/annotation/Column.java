package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the column a property maps to, and adds constraints that schema generation emits.
 * Without it the column is named by the naming strategy ({@code publishedOn} becomes {@code
 * published_on}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Column {
  /** The column name; empty means derived by the naming strategy. */
  String value() default "";

  /** Whether the column accepts NULL (primitive properties never do). */
  boolean nullable() default true;

  /** Whether schema generation adds a UNIQUE constraint. */
  boolean unique() default false;

  /** Maximum length for text columns; 0 means unbounded. */
  int length() default 0;

  /** Precision for decimal columns; 0 means the database default. */
  int precision() default 0;

  /** Scale for decimal columns (used only when {@link #precision()} is set). */
  int scale() default 0;

  /**
   * The column's database type, when it is one r2orm does not derive from the Java type: a
   * PostgreSQL enum type such as {@code "mpaa_rating"} for an enum property. On PostgreSQL every
   * value bound for the column is cast to it ({@code CAST($1 AS mpaa_rating)}), which a native enum
   * column needs to be compared or written, and schema generation creates an enum type of that name
   * from the Java enum's constants, in their declared order. On H2 an enum property with a type
   * becomes an {@code ENUM(...)} column of the constants (H2 has no named enum types). Empty:
   * derived.
   */
  String type() default "";

  /**
   * Whether inserts write the column; false for a column the database fills (a default such as
   * {@code now()}, a generated column). The inserted entity keeps the value it had; read it again
   * to see the database's.
   */
  boolean insertable() default true;

  /**
   * Whether updates write the column; false for a value that must never change once stored (a
   * creation time, a distribution key that may not appear in {@code UPDATE … SET}).
   */
  boolean updatable() default true;
}
