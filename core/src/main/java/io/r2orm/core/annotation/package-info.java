/**
 * The annotations that map entities: tables, ids, columns, versions, relations, embedded parts.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.annotation;

import org.jspecify.annotations.NullMarked;
