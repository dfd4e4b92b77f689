package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** An assigned id with a boxed version: {@code save} decides by the version. */
@Table("sku")
public record Sku(@Id String code, String description, @Version Long version) {}
