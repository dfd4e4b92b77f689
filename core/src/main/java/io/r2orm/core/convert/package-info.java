/**
 * Conversion between Java property types and the types drivers read and bind.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.convert;

import org.jspecify.annotations.NullMarked;
