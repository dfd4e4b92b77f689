package io.r2orm.core.metadata;

import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.PropertyRef;

/**
 * Checks an entity's relations against their targets once both models exist (relations may form
 * cycles, so this runs after the model is cached): the target is an entity, {@code mappedBy} names
 * a key column of the target, declared orders name target properties.
 */
final class RelationValidator {
  private RelationValidator() {}

  /**
   * The target's property named by {@code mappedBy} must hold the owner's key: a column for a
   * single-column key, or a to-one relation back to the owner over as many columns as its key.
   */
  private static void mappedBy(EntityModel<?> model, RelationModel r, EntityModel<?> target) {
    String mappedBy = java.util.Objects.requireNonNull(r.mappedBy());
    RelationModel back =
        target.relations().stream()
            .filter(x -> x.name().equals(mappedBy) && x.ownsKey())
            .findFirst()
            .orElse(null);
    String declared = "relation '" + r.name() + "' has mappedBy = \"" + mappedBy + "\", ";
    if (!target.hasColumn(mappedBy) && back == null) {
      throw new EntityDefinitionException(
          model.type(),
          declared
              + "but "
              + target.type().getSimpleName()
              + " has no such key property; known properties: "
              + target.columns().stream().map(ColumnModel::path).toList());
    }
    if (back != null && back.foreignKey() == null && back.target() != model.type()) {
      throw new EntityDefinitionException(
          model.type(),
          declared
              + "but "
              + back
              + " refers to "
              + back.target().getSimpleName()
              + ", not to "
              + model.type().getSimpleName());
    }
    int columns = target.referenceColumns(mappedBy).size();
    if (columns != model.idColumns().size()) {
      throw new EntityDefinitionException(
          model.type(),
          declared
              + "which maps "
              + columns
              + " column(s) of "
              + target.type().getSimpleName()
              + ", but the key of "
              + model.type().getSimpleName()
              + " has "
              + model.idColumns().size()
              + " "
              + model.idColumns().stream().map(ColumnModel::path).toList()
              + "; name a to-one relation of "
              + target.type().getSimpleName()
              + " to "
              + model.type().getSimpleName());
    }
  }

  static void validate(EntityModels models, EntityModel<?> model) {
    for (RelationModel r : model.relations()) {
      EntityModel<?> target;
      try {
        target = models.of(r.target());
      } catch (EntityDefinitionException e) {
        throw new EntityDefinitionException(
            model.type(),
            "relation '"
                + r.name()
                + "' targets "
                + r.target().getName()
                + ", which cannot be mapped: "
                + e.getMessage(),
            e);
      }
      if (r.mappedBy() != null) {
        mappedBy(model, r, target);
      }
      if (model.hasCompositeId() && r.kind() == RelationModel.Kind.MANY_TO_MANY) {
        throw new EntityDefinitionException(
            model.type(),
            "relation '"
                + r.name()
                + "' is many-to-many, but "
                + model.type().getSimpleName()
                + " has a composite key "
                + model.idColumns().stream().map(ColumnModel::path).toList()
                + "; map the link table as an entity with a to-one relation to each side instead");
      }
      if (target.hasCompositeId() && r.kind() == RelationModel.Kind.MANY_TO_MANY) {
        throw new EntityDefinitionException(
            model.type(),
            "relation '"
                + r.name()
                + "' is many-to-many with "
                + target.type().getSimpleName()
                + ", which has a composite key; map the link table as an entity instead");
      }
      if (r.idsOnly() && r.elementType() != target.id().valueType().javaType()) {
        throw new EntityDefinitionException(
            model.type(),
            "relation '"
                + r.name()
                + "' holds "
                + r.elementType().getSimpleName()
                + " ids, but the id of "
                + target.type().getSimpleName()
                + " is a "
                + target.id().valueType().javaType().getSimpleName()
                + "; declare it as List<"
                + target.id().valueType().javaType().getSimpleName()
                + ">");
      }
      for (Order o : r.order()) {
        String path = ((PropertyRef) o.expression()).path();
        try {
          target.column(path);
        } catch (QueryBuildException e) {
          throw new EntityDefinitionException(
              model.type(), "orderBy of relation '" + r.name() + "': " + e.getMessage());
        }
      }
    }
  }
}
