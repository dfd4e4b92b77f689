/**
 * The starter's plumbing: Spring transactions joined by r2orm, repository registration, SQL
 * logging.
 *
 * <p><b>Not API.</b> Public only because Spring instantiates these classes; they may change in any
 * release. This package does not depend on {@code io.r2orm.spring}, and no public member there
 * exposes a type of it ({@code StarterLayeringTest}).
 */
@NullMarked
package io.r2orm.spring.internal;

import org.jspecify.annotations.NullMarked;
