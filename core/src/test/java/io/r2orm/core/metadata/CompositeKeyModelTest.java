package io.r2orm.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.query.Ref;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model of an entity keyed by an {@code @Id @Embedded} record (issue #12, finding 3). */
class CompositeKeyModelTest {

  @Table("city")
  record City(@Id Long id, String name) {}

  record StopKey(Long cityId, int position) {}

  @Table("stop")
  record Stop(@Id @Embedded StopKey id, @ManyToOne Ref<City> city, String label) {}

  @Table("line")
  record Line(@Id @Embedded StopKey id, @OneToMany(mappedBy = "line") List<Ride> rides) {}

  @Table("ride")
  record Ride(@Id Long id, Long line) {}

  @Table("visit")
  record Visit(@Id Long id, @ManyToOne Ref<Stop> stop) {}

  @Table("tour")
  record Tour(
      @Id Long id,
      @ManyToMany(joinTable = "tour_stop", joinColumn = "tour_id", inverseJoinColumn = "stop_id")
          List<Stop> stops) {}

  private final EntityModels models = EntityModels.create();

  @Test
  void theKeysColumnsAreTheRecordsComponents() {
    EntityModel<Stop> model = models.of(Stop.class);
    assertThat(model.hasCompositeId()).isTrue();
    assertThat(model.keyType()).isEqualTo(StopKey.class);
    assertThat(model.idColumns())
        .extracting(ColumnModel::path)
        .containsExactly("id.cityId", "id.position");
    assertThat(model.idColumns()).allMatch(c -> !c.nullable());
    assertThat(model.idParts(new StopKey(3L, 2))).containsExactly(3L, 2);
    assertThatThrownBy(model::id)
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("Stop has a composite key [id.cityId, id.position]");
  }

  @Test
  void aRelationOverAKeyPartOnlyReadsItsColumn() {
    EntityModel<Stop> model = models.of(Stop.class);
    ColumnModel city = model.column("city");
    assertThat(city.name()).isEqualTo(model.column("id.cityId").name());
    assertThat(city.insertable()).isFalse();
    assertThat(city.updatable()).isFalse();
    assertThat(model.isIdColumn(city)).isFalse();
  }

  @Test
  void instancesAreBuiltAndCopiedWithTheirKey() {
    EntityModel<Stop> model = models.of(Stop.class);
    Stop stop = new Stop(new StopKey(1L, 4), Ref.to(1L), "north");
    assertThat(model.idValue(stop)).isEqualTo(new StopKey(1L, 4));
    Stop moved = model.with(stop, new StopKey(1L, 5), null);
    assertThat(moved.id()).isEqualTo(new StopKey(1L, 5));
    assertThat(moved.label()).isEqualTo("north");
    assertThat(model.isNew(stop)).as("an assigned key without a version: cannot tell").isEmpty();
  }

  @Test
  void relationsThatNeedASingleColumnKeyAreRefusedWhenMapped() {
    assertThatThrownBy(() -> models.of(Line.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("relation 'rides' needs a single-column key on Line");
    assertThatThrownBy(() -> models.of(Visit.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("has a composite key (StopKey)")
        .hasMessageContaining("a to-one relation to a composite key is not supported");
    assertThatThrownBy(() -> models.of(Tour.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("map the link table as an entity instead");
  }
}
