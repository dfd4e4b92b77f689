/**
 * Fetch plans: typed fetch paths merged into a tree and checked against the entity models.
 *
 * <p><b>Not API.</b> Public only because the adapter (another module) uses it; it may change in any
 * release. Nothing in r2orm's API packages takes or returns a type of an {@code internal} package
 * (checked by {@code ArchitectureTest} and the adapter's {@code LayeringTest}).
 */
package io.r2orm.core.internal.fetch;
