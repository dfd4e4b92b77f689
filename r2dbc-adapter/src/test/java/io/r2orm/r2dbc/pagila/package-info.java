/**
 * A schema shaped like Pagila's {@code film}, {@code actor} and {@code film_actor}, generated in
 * code: a link table with a composite key and columns of its own, a native enum, a text array, a
 * jsonb document and trigger-kept {@code last_update} versions.
 */
package io.r2orm.r2dbc.pagila;
