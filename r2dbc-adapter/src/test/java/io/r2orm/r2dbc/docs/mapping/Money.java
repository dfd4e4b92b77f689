package io.r2orm.r2dbc.docs.mapping;

import java.math.BigDecimal;

/** An amount, stored through {@link MoneyConverter}. */
public record Money(BigDecimal amount) {}
