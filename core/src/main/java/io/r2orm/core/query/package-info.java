/**
 * The immutable query tree and the typed references that build it.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.query;

import org.jspecify.annotations.NullMarked;
