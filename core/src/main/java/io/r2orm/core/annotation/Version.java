package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an optimistic-lock version ({@code int}, {@code long} or their boxes). Inserts store 1;
 * every update checks the version it read and increments it. An update that finds another version
 * fails with {@code OptimisticLockException} and changes nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Version {}
