/**
 * Keyset pages: the condition after a page token, and the tokens themselves.
 *
 * <p>Nothing here is null unless marked {@code @Nullable} (checked by NullAway in the build).
 */
@NullMarked
package io.r2orm.core.paging;

import org.jspecify.annotations.NullMarked;
