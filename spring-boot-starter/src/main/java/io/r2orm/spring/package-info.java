/**
 * The Spring Boot starter: auto-configuration of a {@code Database}, repositories, transactions,
 * metrics, JSON columns and a read replica.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.spring;

import org.jspecify.annotations.NullMarked;
