/**
 * r2orm's exceptions: one hierarchy under R2ormException, each naming what failed and the fix.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.exception;

import org.jspecify.annotations.NullMarked;
