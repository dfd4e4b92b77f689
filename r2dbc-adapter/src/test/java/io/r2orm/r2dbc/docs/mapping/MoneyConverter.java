package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.convert.AttributeConverter;
import java.math.BigDecimal;

// mapping.md: a converter
public final class MoneyConverter implements AttributeConverter<Money, BigDecimal> {
  public Class<BigDecimal> databaseType() { return BigDecimal.class; }
  public BigDecimal toDatabase(Money m) { return m.amount(); }
  public Money fromDatabase(BigDecimal d) { return new Money(d); }
}
