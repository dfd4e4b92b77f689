/**
 * What differs between databases: SQL syntax, types and capabilities per dialect.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.dialect;

import org.jspecify.annotations.NullMarked;
