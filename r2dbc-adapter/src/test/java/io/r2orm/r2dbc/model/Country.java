package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** An assigned text id and no version: {@code save} upserts. */
@Table("country")
public record Country(@Id String code, String name) {}
