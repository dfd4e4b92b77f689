package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.UnsupportedFeatureException;
import io.r2orm.core.query.Functions;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.StringProperty;
import org.junit.jupiter.api.Test;

/**
 * JSON paths and containment (issue #12): PostgreSQL's functions with every step a bind; H2 refuses
 * them.
 */
class JsonPathRenderingTest {
  @Table("payment")
  record Payment(@Id Long id, @Column(type = "jsonb") String details) {}

  static final StringProperty<Payment> DETAILS = Property.string(Payment.class, "details");

  @Test
  void postgresExtractsTextAtAPathWithEveryStepBound() {
    rendersOn(
        POSTGRES,
        r ->
            r.select(
                Select.from(Payment.class)
                    .where(Functions.jsonText(DETAILS, "card", "0").eq("visa"))),
        "SELECT id, details FROM payment WHERE jsonb_extract_path_text(CAST(details AS jsonb), $1, $2) = $3",
        bind("card", String.class),
        bind("0", String.class),
        bind("visa", String.class));
  }

  @Test
  void postgresTestsContainmentWithTheDocumentBound() {
    rendersOn(
        POSTGRES,
        r ->
            r.select(
                Select.from(Payment.class).where(Functions.jsonContains(DETAILS, "{\"a\": 1}"))),
        "SELECT id, details FROM payment WHERE (CAST(details AS jsonb) @> CAST($1 AS jsonb)) = $2",
        bind("{\"a\": 1}", String.class),
        bind(true, Boolean.class));
  }

  @Test
  void h2RefusesPathsNamingTheFeature() {
    assertThatThrownBy(
            () ->
                H2.select(
                    Select.from(Payment.class).where(Functions.jsonText(DETAILS, "a").eq("b"))))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("H2")
        .hasMessageContaining("JSON paths");
    assertThatThrownBy(() -> Functions.jsonText(DETAILS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
