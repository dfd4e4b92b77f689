/**
 * Entity models: what r2orm read from an entity class, checked once and cached.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.metadata;

import org.jspecify.annotations.NullMarked;
