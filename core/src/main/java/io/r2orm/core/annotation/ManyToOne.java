package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reference to one entity through a foreign-key column of this table, on a property of type
 * {@code Ref<Target>}. Many rows may reference the same target (many books, one author).
 *
 * <pre>{@code
 * @ManyToOne Ref<Author> author   // column author_id holds the author's id
 * }</pre>
 *
 * <p>Reading the referenced entity needs a fetch ({@code fetch(Book_.AUTHOR)}); the id is always
 * there ({@code book.author().id()}). Saving stores the id of the referenced entity; nothing
 * cascades.
 *
 * <p>A target with a composite key ({@code @Id @Embedded CustomerKey id}) is referenced through one
 * column per part of its key, named by {@link #columns()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface ManyToOne {
  /** The foreign-key column; empty means {@code <property>_id} by the naming strategy. */
  String column() default "";

  /**
   * The foreign-key columns when the target has a composite key, one per component of its key
   * record, in the record's order; empty means {@code <property>_<component>} for each (relation
   * {@code customer} to {@code CustomerKey(tenantId, id)}: {@code customer_tenant_id,
   * customer_id}). A column another property of this entity already maps (the tenant column of this
   * entity's own key) is written by that property and only read by the relation.
   */
  String[] columns() default {};
}
