package io.r2orm.r2dbc.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the SQL parameter a {@link Query} method parameter binds to. Needed only when the code is
 * compiled without {@code -parameters}, or when the names differ.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {
  /** The parameter's name in the SQL, without the colon. */
  String value();
}
