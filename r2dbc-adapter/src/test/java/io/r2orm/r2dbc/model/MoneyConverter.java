package io.r2orm.r2dbc.model;

import io.r2orm.core.convert.AttributeConverter;

/** Stores {@link Money} as text {@code "12.50 EUR"}, to show a converter with its own format. */
public final class MoneyConverter implements AttributeConverter<Money, String> {
  @Override
  public Class<String> databaseType() {
    return String.class;
  }

  @Override
  public String toDatabase(Money value) {
    return value.amount().toPlainString() + " " + value.currency().getCurrencyCode();
  }

  @Override
  public Money fromDatabase(String value) {
    int space = value.indexOf(' ');
    return new Money(
        new java.math.BigDecimal(value.substring(0, space)),
        java.util.Currency.getInstance(value.substring(space + 1)));
  }
}
