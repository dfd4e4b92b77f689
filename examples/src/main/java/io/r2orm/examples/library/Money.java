package io.r2orm.examples.library;

import io.r2orm.core.convert.AttributeConverter;
import java.math.BigDecimal;

/** A value object stored as a numeric column through {@link Converter}. */
public record Money(BigDecimal amount) {

  /** Stores {@link Money} as its amount; registered on the {@code Database} for every entity. */
  public static final class Converter implements AttributeConverter<Money, BigDecimal> {
    @Override
    public Class<BigDecimal> databaseType() {
      return BigDecimal.class;
    }

    @Override
    public BigDecimal toDatabase(Money value) {
      return value.amount();
    }

    @Override
    public Money fromDatabase(BigDecimal value) {
      return new Money(value);
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString();
  }
}
