package io.r2orm.r2dbc.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The relations a repository read loads with its entities, as dotted paths from the entity:
 * {@code @FetchRelations({"author", "author.country"})}. Loaded in batches as a query's {@code
 * fetch(...)} is (one statement per relation per window of entities, never one per entity). Paths
 * are checked against the entity metadata when the repository is created.
 *
 * <p>On a derived {@code find…By} method or a redeclared CRUD read ({@code findById}, {@code
 * findAll}, …) the relations stream with the results. On a {@link Query} method returning the
 * entity, the result is read to its end first and then loaded (a connection cannot take the
 * relation queries while a result of hand-written SQL is still streaming).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FetchRelations {
  /** Relation paths, e.g. {@code "album"}, {@code "album.artist"}, {@code "genres"}. */
  String[] value();
}
