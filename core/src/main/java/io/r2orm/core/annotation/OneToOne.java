package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reference to at most one entity, on a property of type {@code Ref<Target>}. The owning side
 * holds the foreign-key column (like {@link ManyToOne}); the other side names the owning property
 * with {@link #mappedBy()} and has no column.
 *
 * <pre>{@code
 * @OneToOne Ref<Person> person                     // in Passport: column person_id
 * @OneToOne(mappedBy = "person") Ref<Passport> passport   // in Person
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface OneToOne {
  /** The foreign-key column of the owning side; empty means {@code <property>_id}. */
  String column() default "";

  /**
   * The foreign-key columns of the owning side when the target has a composite key, one per
   * component of its key record (see {@link ManyToOne#columns()}).
   */
  String[] columns() default {};

  /** On the inverse side: the property of the target that owns the key. */
  String mappedBy() default "";
}
