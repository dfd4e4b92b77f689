/**
 * A multi-tenant schema keyed {@code (tenant_id, id)}, as a distributed database shards it: every
 * foreign key has two columns, and the tenant column of a row's own key is shared with the keys it
 * refers to. Generated in code.
 */
package io.r2orm.r2dbc.tenant;
