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
  void relationsThatCannotHoldACompositeKeyAreRefusedWhenMapped() {
    assertThatThrownBy(() -> models.of(Line.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("relation 'rides' has mappedBy = \"line\", which maps 1 column(s)")
        .hasMessageContaining("the key of Line has 2 [id.cityId, id.position]");
    assertThatThrownBy(() -> models.of(Tour.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("map the link table as an entity instead");
  }

  @Test
  void aToOneToACompositeKeyHasOneColumnPerPartNamedAfterTheRelation() {
    EntityModel<Visit> model = models.of(Visit.class);
    RelationModel stop = model.relation("stop");
    assertThat(stop.ownsKey()).isTrue();
    assertThat(stop.foreignKey()).isNull();
    assertThat(stop.foreignKeys())
        .extracting(c -> c.path() + " " + c.name().name() + " " + c.propertyType().getSimpleName())
        .containsExactly("stop.cityId stop_city_id Long", "stop.position stop_position Integer");
    assertThat(stop.foreignKeys()).allMatch(c -> c.insertable() && c.updatable() && c.nullable());
    assertThat(model.valueCount()).as("id, two key columns, the relation").isEqualTo(4);

    Visit visit = new Visit(1L, Ref.to(new StopKey(7L, 3)));
    Object[] values = model.values(visit);
    assertThat(values).containsExactly(1L, 7L, 3, visit.stop());
    Visit none = new Visit(2L, Ref.none());
    assertThat(model.values(none)).containsExactly(2L, null, null, Ref.none());
    assertThatThrownBy(() -> model.values(new Visit(3L, Ref.to(7L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the id of Stop is a StopKey (its composite key), not a");

    // read back: the relation is an unfetched Ref to the key, or none when a column is NULL
    Object[] read = {1L, 7L, 3, null};
    read[3] = java.util.Objects.requireNonNull(stop.compositeRef()).apply(read);
    assertThat(((Ref<?>) read[3]).id()).isEqualTo(new StopKey(7L, 3));
    assertThat(((Ref<?>) read[3]).isLoaded()).isFalse();
    Object[] partial = {1L, 7L, null, null};
    assertThat(stop.compositeRef().apply(partial)).isEqualTo(Ref.none());
  }

  record ShiftKey(Long cityId, Long id) {}

  @Table("shift")
  record Shift(
      @Id @Embedded ShiftKey id,
      @ManyToOne(columns = {"city_id", "stop_position"}) Ref<Stop> stop,
      @OneToMany(mappedBy = "shift") List<Duty> duties) {}

  @Table("duty")
  record Duty(
      @Id Long id, Long cityId, @ManyToOne(columns = {"city_id", "shift_id"}) Ref<Shift> shift) {}

  @Test
  void aColumnSharedWithTheKeyOrAPropertyIsWrittenByItAndOnlyReadByTheRelation() {
    EntityModel<Shift> shift = models.of(Shift.class);
    ColumnModel city = shift.relation("stop").foreignKeys().get(0);
    assertThat(city.name().name()).isEqualTo("city_id");
    assertThat(city.insertable()).isFalse();
    assertThat(city.updatable()).isFalse();
    assertThat(shift.relation("stop").foreignKeys().get(1).insertable()).isTrue();
    assertThatThrownBy(
            () ->
                shift.values(
                    new Shift(new ShiftKey(1L, 2L), Ref.to(new StopKey(9L, 1)), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Shift.stop.cityId is 9 but Shift.id.cityId is 1")
        .hasMessageContaining("both are column city_id");

    EntityModel<Duty> duty = models.of(Duty.class);
    assertThat(duty.relation("shift").foreignKeys())
        .extracting(c -> c.name().name() + " " + c.insertable())
        .containsExactly("city_id false", "shift_id true");
    assertThat(duty.referenceColumns("shift")).isEqualTo(duty.relation("shift").foreignKeys());
    assertThat(shift.relation("duties").mappedBy()).isEqualTo("shift");
  }

  @Table("bad")
  record ColumnForComposite(@Id Long id, @ManyToOne(column = "stop_id") Ref<Stop> stop) {}

  @Table("bad")
  record TooFewColumns(@Id Long id, @ManyToOne(columns = {"stop_city"}) Ref<Stop> stop) {}

  @Table("bad")
  record ColumnsForSingle(@Id Long id, @ManyToOne(columns = {"a", "b"}) Ref<City> city) {}

  @Table("bad")
  record SharedAfter(
      @Id Long id, @ManyToOne(columns = {"city_id", "pos"}) Ref<Stop> stop, Long cityId) {}

  @Table("bad")
  record ManyOfComposite(
      @Id @Embedded ShiftKey id,
      @ManyToMany(joinTable = "x", joinColumn = "a", inverseJoinColumn = "b") List<City> cities) {}

  @Table("bad")
  record MappedByElsewhere(
      @Id @Embedded StopKey id, @OneToMany(mappedBy = "stop") List<Visit2> v) {}

  @Table("visit2")
  record Visit2(@Id Long id, @ManyToOne Ref<Stop> stop) {}

  @Test
  void foreignKeysThatDoNotFitTheTargetsKeyAreRefusedNamingTheFix() {
    assertThatThrownBy(() -> models.of(ColumnForComposite.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("names column = \"stop_id\", but Stop has a composite key of 2")
        .hasMessageContaining("columns = {...}");
    assertThatThrownBy(() -> models.of(TooFewColumns.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("names 1 columns [stop_city], but the key of Stop has 2 parts");
    assertThatThrownBy(() -> models.of(ColumnsForSingle.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("City has a single-column key; use column = \"...\" instead");
    assertThatThrownBy(() -> models.of(SharedAfter.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("declare 'cityId' before the relation");
    assertThatThrownBy(() -> models.of(ManyOfComposite.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("relation 'cities' is many-to-many, but ManyOfComposite has a");
    assertThatThrownBy(() -> models.of(MappedByElsewhere.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("Visit2.stop (MANY_TO_ONE Stop) refers to Stop, not to");
  }
}
