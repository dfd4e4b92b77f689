package io.r2orm.core.annotation;

import io.r2orm.core.convert.AttributeConverter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores a property through a user converter. The converter class needs a public no-argument
 * constructor. Converters can also be registered per Java type for every entity at once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Convert {
  /** The converter to use. */
  @SuppressWarnings("rawtypes")
  Class<? extends AttributeConverter> value();
}
