package io.r2orm.r2dbc.model;

import java.math.BigDecimal;
import java.util.Currency;

/** A value object stored through a user converter. */
public record Money(BigDecimal amount, Currency currency) {}
