package io.r2orm.r2dbc;

import org.jspecify.annotations.Nullable;

/**
 * A row of a query selecting 2 items. Values may be null, unlike Reactor's tuples, because SQL
 * values and outer joins may be. For named components, map the query {@link ResultQuery#into into}
 * a record instead.
 *
 * @param v1 the first value (null for SQL NULL or a missing outer-join row)
 * @param v2 the second value (null for SQL NULL or a missing outer-join row)
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 */
public record Row2<A, B>(@Nullable A v1, @Nullable B v2) {}
