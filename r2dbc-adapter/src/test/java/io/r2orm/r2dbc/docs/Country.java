package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A country with an assigned key. */
@Table("country")
public record Country(@Id String code, String name) {}
