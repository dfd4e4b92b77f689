package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.EnumType;
import io.r2orm.core.annotation.Enumerated;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One property of every built-in type, for round-trip tests. */
@Table("all_types")
public record AllTypes(
    @Id Long id,
    String text,
    boolean primitiveBoolean,
    Boolean boxedBoolean,
    byte primitiveByte,
    Byte boxedByte,
    short primitiveShort,
    Short boxedShort,
    int primitiveInt,
    Integer boxedInt,
    long primitiveLong,
    Long boxedLong,
    float primitiveFloat,
    Float boxedFloat,
    double primitiveDouble,
    Double boxedDouble,
    char primitiveChar,
    Character boxedChar,
    BigDecimal decimal,
    @Column(precision = 12, scale = 3) BigDecimal fixedDecimal,
    UUID uuid,
    LocalDate localDate,
    LocalTime localTime,
    LocalDateTime localDateTime,
    OffsetDateTime offsetDateTime,
    Instant instant,
    byte[] bytes,
    Color colorByName,
    @Enumerated(EnumType.ORDINAL) Color colorByOrdinal,
    @Convert(MoneyConverter.class) Money price) {

  public enum Color {
    RED,
    GREEN,
    BLUE
  }
}
