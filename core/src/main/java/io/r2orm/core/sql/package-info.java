/**
 * Statements as r2orm hands them to the driver: SQL text with its bind values, and identifiers.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.sql;

import org.jspecify.annotations.NullMarked;
