/**
 * r2orm's API on R2DBC: {@link io.r2orm.r2dbc.Database} and the queries, transactions and listeners
 * it hands out.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.r2dbc;

import org.jspecify.annotations.NullMarked;
