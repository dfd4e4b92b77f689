package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Entities linked through a join table, on a property of type {@code List<Target>} — or, to read
 * only the link table, {@code List<Id>} of the target's id type together with {@link #target()}.
 *
 * <pre>{@code
 * @ManyToMany(joinTable = "book_tag", joinColumn = "book_id", inverseJoinColumn = "tag_id")
 * List<Tag> tags;
 * @ManyToMany(joinTable = "book_tag", joinColumn = "book_id", inverseJoinColumn = "tag_id", target = Tag.class)
 * List<UUID> tagIds;
 * }</pre>
 *
 * <p>Link rows are added and removed explicitly ({@code db.link(...)}, {@code db.unlink(...)});
 * saving an entity never writes them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface ManyToMany {
  /** The join table. */
  String joinTable();

  /** The join table's column holding this entity's id. */
  String joinColumn();

  /** The join table's column holding the target's id. */
  String inverseJoinColumn();

  /** Target order as {@code "property [ASC|DESC], …"}; empty means by the target's id. */
  String orderBy() default "";

  /** The target entity, needed only when the property holds ids ({@code List<Long>}). */
  Class<?> target() default void.class;
}
