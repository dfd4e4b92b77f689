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
      if (r.mappedBy() != null && !target.hasColumn(r.mappedBy())) {
        throw new EntityDefinitionException(
            model.type(),
            "relation '"
                + r.name()
                + "' has mappedBy = \""
                + r.mappedBy()
                + "\", but "
                + target.type().getSimpleName()
                + " has no such key property; known properties: "
                + target.columns().stream().map(ColumnModel::path).toList());
      }
      if (model.hasCompositeId() && !r.ownsKey()) {
        throw new EntityDefinitionException(
            model.type(),
            "relation '"
                + r.name()
                + "' needs a single-column key on "
                + model.type().getSimpleName()
                + ", which has a composite key "
                + model.idColumns().stream().map(ColumnModel::path).toList()
                + "; to-many and inverse relations of an entity with a composite key are not "
                + "supported, so query the related rows by the key's columns instead");
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
