package io.r2orm.core.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A text property, adding pattern matching. {@code startsWith}, {@code endsWith} and {@code
 * contains} match their argument literally (wildcards in it are escaped); {@code like} takes a
 * pattern in which {@code %} and {@code _} are wildcards and backslash escapes.
 *
 * @param <E> the entity type
 */
public class StringProperty<E> extends ComparableProperty<E, String> {

  protected StringProperty(Class<E> entity, String path) {
    super(entity, path, String.class);
  }

  /** A property qualified by a table alias (see {@link TableRef#get}). */
  protected StringProperty(Class<E> entity, String path, @Nullable String alias) {
    super(entity, path, String.class, alias);
  }

  /** {@code LIKE pattern}. Escape user input with {@link Predicate.Like#escape(String)}. */
  public Predicate like(String pattern) {
    return like(pattern, false, false);
  }

  /** {@code NOT LIKE pattern}. */
  public Predicate notLike(String pattern) {
    return like(pattern, false, true);
  }

  /** Case-insensitive {@code LIKE}. */
  public Predicate likeIgnoreCase(String pattern) {
    return like(pattern, true, false);
  }

  /** Starts with the text, matched literally. */
  public Predicate startsWith(String text) {
    return like(Predicate.Like.escape(text(text)) + "%");
  }

  /** Ends with the text, matched literally. */
  public Predicate endsWith(String text) {
    return like("%" + Predicate.Like.escape(text(text)));
  }

  /** Contains the text, matched literally. */
  public Predicate contains(String text) {
    return like("%" + Predicate.Like.escape(text(text)) + "%");
  }

  /** Contains the text, matched literally and ignoring case. */
  public Predicate containsIgnoreCase(String text) {
    return likeIgnoreCase("%" + Predicate.Like.escape(text(text)) + "%");
  }

  /** Equal ignoring case. */
  public Predicate eqIgnoreCase(String text) {
    return likeIgnoreCase(Predicate.Like.escape(text(text)));
  }

  private Predicate like(String pattern, boolean ignoreCase, boolean negated) {
    return new Predicate.Like(ref(), text(pattern), ignoreCase, negated);
  }

  private static String text(String s) {
    return Objects.requireNonNull(s, "text must not be null");
  }
}
