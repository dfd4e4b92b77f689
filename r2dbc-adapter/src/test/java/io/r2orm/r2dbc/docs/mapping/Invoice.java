package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** An entity with a converted property. */
@Table("invoice")
public record Invoice(@Id Long id, @Convert(MoneyConverter.class) Money total) {}
