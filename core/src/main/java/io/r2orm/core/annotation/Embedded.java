package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores a value object's properties as columns of the owning table, each prefixed. A record {@code
 * Address(String street, String city)} embedded as {@code @Embedded(prefix = "home_")} becomes the
 * columns {@code home_street} and {@code home_city}. When every column of the part is NULL, the
 * property reads as {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Embedded {
  /** Prefix for the part's column names; empty means no prefix. */
  String prefix() default "";
}
