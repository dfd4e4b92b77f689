package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses how an enum is stored. Enums are stored by {@link EnumType#NAME} unless this asks for
 * {@link EnumType#ORDINAL} (which breaks when constants are reordered).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Enumerated {
  /** How the enum is stored. */
  EnumType value() default EnumType.NAME;
}
