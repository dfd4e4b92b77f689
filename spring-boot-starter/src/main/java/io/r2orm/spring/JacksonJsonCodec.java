package io.r2orm.spring;

import io.r2orm.core.convert.JsonCodec;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;

/**
 * r2orm's JSON columns through a Jackson 3 mapper: the application's, registered by the starter, so
 * JSON properties follow the same naming, modules and date formats as the web layer.
 */
public final class JacksonJsonCodec implements JsonCodec {
  private final ObjectMapper mapper;

  public JacksonJsonCodec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
  }

  @Override
  public String write(Object value) {
    return mapper.writeValueAsString(value);
  }

  @Override
  public Object read(String json, Type type) {
    return mapper.readValue(json, mapper.constructType(type));
  }
}
