/**
 * Constructor calls planned once per class: the one place r2orm decides how to build an object.
 *
 * <p><b>Not API.</b> Public only because other r2orm packages use it; it may change in any release.
 */
package io.r2orm.core.internal.reflect;
