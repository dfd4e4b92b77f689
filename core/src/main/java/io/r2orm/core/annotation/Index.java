package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An index that schema generation creates, declared on {@link Table#indexes()}. Properties are
 * named as in the Java class (for embedded parts {@code address.city}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Index {
  /** Property names, in index order. */
  String[] properties();

  /** Whether the index is unique. */
  boolean unique() default false;

  /** The index name; empty means {@code <table>_<columns>_idx}. */
  String name() default "";
}
