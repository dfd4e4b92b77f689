package io.r2orm.core.convert;

import java.lang.reflect.Type;

/**
 * Turns values into JSON text and back, for properties of any type stored in a JSON column
 * ({@code @Column(type = "jsonb") Details details}). r2orm has no JSON library of its own: register
 * one ({@code Database.builder(cf).jsonCodec(...)}; the Spring Boot starter registers the
 * application's Jackson mapper), usually two lines over Jackson or Gson.
 */
public interface JsonCodec {
  /** The JSON text of a non-null value. */
  String write(Object value);

  /** The value of the property's (possibly generic) type that this JSON text describes. */
  Object read(String json, Type type);
}
