package io.r2orm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The entities whose foreign key points at this one, on a property of type {@code List<Target>}.
 * {@link #mappedBy()} names the target's property that holds the key: a {@link ManyToOne} {@code
 * Ref} or a plain column such as {@code Long authorId}.
 *
 * <pre>{@code
 * @OneToMany(mappedBy = "author", orderBy = "year DESC") List<Book> books
 * }</pre>
 *
 * <p>Children come in {@link #orderBy()} order, by the child's id when none is given. An unfetched
 * list throws on access, naming the fetch to add. The list is never written: saving the parent
 * changes no child.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface OneToMany {
  /** The target's property holding the foreign key. */
  String mappedBy();

  /** Child order as {@code "property [ASC|DESC], …"}; empty means by the child's id. */
  String orderBy() default "";
}
