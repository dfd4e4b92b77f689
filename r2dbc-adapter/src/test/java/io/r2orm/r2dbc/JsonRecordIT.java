package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.convert.JsonCodec;
import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.query.Functions;
import io.r2orm.r2dbc.realschema.Order;
import io.r2orm.r2dbc.realschema.Order_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON columns mapped to records, lists and maps through a {@link JsonCodec} over Jackson 3 (issue
 * #12): stored as documents, read back equal, hostile text included, and queried by path on
 * PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class JsonRecordIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The two lines a user writes over Jackson. */
  static JsonCodec jackson(JsonMapper mapper) {
    return new JsonCodec() {
      @Override
      public String write(Object value) {
        return mapper.writeValueAsString(value);
      }

      @Override
      public Object read(String json, Type type) {
        return mapper.readValue(json, mapper.constructType(type));
      }
    };
  }

  private Database withJson() {
    return Database.builder(testDatabase().pool())
        .jsonCodec(jackson(JsonMapper.builder().build()))
        .build();
  }

  @BeforeEach
  void table() {
    testDatabase().sql("DROP TABLE IF EXISTS realschema_order");
    withJson().schema().create(Order.class).block(WAIT);
  }

  @Test
  void recordsListsAndMapsTravelAsDocuments() {
    Database db = withJson();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("gift", true);
    extra.put("note", "it's \"quoted\", {braced} \\ and \u00e9");
    Order order =
        new Order(
            null,
            new Order.Shipping("1 Main St", "Springfield", List.of("ring twice", "a,b")),
            List.of(new Order.Line("A-1", 2), new Order.Line("B-2", 1)),
            extra);
    Order stored = db.insert(order).block(WAIT);
    Order read = db.findById(Order.class, stored.id()).block(WAIT);
    assertThat(read.shipping()).isEqualTo(order.shipping());
    assertThat(read.lines()).isEqualTo(order.lines());
    assertThat(read.extra()).isEqualTo(extra);

    db.update(Order.class)
        .set(Order_.SHIPPING, new Order.Shipping("2 Side St", "Shelbyville", List.of()))
        .where(Order_.ID.eq(stored.id()))
        .execute()
        .block(WAIT);
    assertThat(db.findById(Order.class, stored.id()).block(WAIT).shipping().city())
        .isEqualTo("Shelbyville");

    if (kind == TestDatabase.Kind.POSTGRES) {
      assertThat(
              db.select(Order.class)
                  .where(Functions.jsonText(Order_.SHIPPING, "city").eq("Shelbyville"))
                  .count()
                  .block(WAIT))
          .isEqualTo(1L);
    }
  }

  @Test
  void withoutACodecTheEntityIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> db().select(Order.class).count().block(WAIT))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("shipping")
        .hasMessageContaining("JsonCodec");
  }
}
