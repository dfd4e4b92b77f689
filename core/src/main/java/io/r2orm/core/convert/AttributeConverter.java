package io.r2orm.core.convert;

/**
 * Converts a property value to the value stored in its column and back. Implementations must be
 * stateless and thread-safe; neither method is called with {@code null} (NULL stays NULL).
 *
 * <pre>{@code
 * final class MoneyConverter implements AttributeConverter<Money, BigDecimal> {
 *   public Class<BigDecimal> databaseType() { return BigDecimal.class; }
 *   public BigDecimal toDatabase(Money m) { return m.amount(); }
 *   public Money fromDatabase(BigDecimal d) { return new Money(d); }
 * }
 * }</pre>
 *
 * @param <J> the property's Java type
 * @param <D> the column's type as the driver reads and binds it (one of the built-in types)
 */
public interface AttributeConverter<J, D> {
  /** The driver-level type of the column, e.g. {@code BigDecimal.class} for a numeric column. */
  Class<D> databaseType();

  /** Converts a non-null property value to its column value. */
  D toDatabase(J value);

  /** Converts a non-null column value to the property value. */
  J fromDatabase(D value);
}
