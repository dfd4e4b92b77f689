/**
 * Repositories: interfaces whose methods are derived from their names, run hand-written SQL, or
 * load relations, implemented by {@link io.r2orm.r2dbc.repository.Repositories#create}.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.r2dbc.repository;

import org.jspecify.annotations.NullMarked;
