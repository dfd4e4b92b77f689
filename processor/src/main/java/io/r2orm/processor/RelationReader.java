package io.r2orm.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the declared type of a relation property and finds its target: {@code Ref<Target>} for
 * {@code @ManyToOne} and {@code @OneToOne}, {@code List<Target>} for {@code @OneToMany} and
 * {@code @ManyToMany}. Which targets make sense (an entity, or an id type for an ids-only
 * many-to-many) is left to core's metadata, which sees the other entities.
 */
final class RelationReader {
  private static final String REF = "io.r2orm.core.query.Ref";
  private static final String LIST = "java.util.List";

  /** The relation annotations, by simple name. */
  enum Kind {
    MANY_TO_ONE("ManyToOne", false),
    ONE_TO_ONE("OneToOne", false),
    ONE_TO_MANY("OneToMany", true),
    MANY_TO_MANY("ManyToMany", true);

    private final String annotation;
    private final boolean toMany;

    Kind(String annotation, boolean toMany) {
      this.annotation = annotation;
      this.toMany = toMany;
    }

    boolean toMany() {
      return toMany;
    }

    String qualifiedAnnotation() {
      return "io.r2orm.core.annotation." + annotation;
    }

    @Override
    public String toString() {
      return "@" + annotation;
    }
  }

  private final Elements elements;
  private final Types types;
  private final TypeElement entity;

  RelationReader(Elements elements, Types types, TypeElement entity) {
    this.elements = elements;
    this.types = types;
    this.entity = entity;
  }

  /** The relation annotations present, given a test for an annotation's qualified name. */
  static List<Kind> declared(Predicate<String> annotated) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind k : Kind.values()) {
      if (annotated.test(k.qualifiedAnnotation())) {
        kinds.add(k);
      }
    }
    return kinds;
  }

  /**
   * The target type of a relation property whose type is resolved.
   *
   * @throws EntityProblem when the property has more than one relation annotation or the wrong type
   */
  DeclaredType target(List<Kind> kinds, String property, TypeMirror type, Element element)
      throws EntityProblem {
    String where = "property '" + property + "' of " + entity.getQualifiedName();
    if (kinds.size() > 1) {
      throw EntityProblem.invalid(
          element,
          where
              + " has "
              + kinds.stream().map(Kind::toString).collect(Collectors.joining(" and "))
              + "; a relation property takes exactly one relation annotation");
    }
    Kind kind = kinds.get(0);
    String container = kind.toMany() ? "List" : "Ref";
    String declareAs = "declare it as " + container + "<" + suggestedTarget(type) + ">";
    if (!(type instanceof DeclaredType declared) || !isA(declared, kind.toMany() ? LIST : REF)) {
      throw EntityProblem.invalid(
          element,
          kind + " " + where + " has type " + type + "; " + declareAs + alternative(kind, type));
    }
    if (declared.getTypeArguments().isEmpty()) {
      throw EntityProblem.invalid(
          element,
          kind
              + " "
              + where
              + " has the raw type "
              + container
              + "; declare it as "
              + container
              + "<Target>, naming the "
              + (kind.toMany() ? "related" : "referenced")
              + " entity"
              + (kind == Kind.MANY_TO_MANY ? " (or its id type)" : ""));
    }
    TypeMirror argument = declared.getTypeArguments().get(0);
    if (argument instanceof DeclaredType target && target.getTypeArguments().isEmpty()) {
      return target;
    }
    throw EntityProblem.invalid(
        element,
        kind
            + " "
            + where
            + " has type "
            + type
            + "; the type argument must "
            + "name the target class itself, so "
            + declareAs);
  }

  private static boolean isA(DeclaredType type, String qualifiedName) {
    return ((TypeElement) type.asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  /**
   * A target to show in the fix: the type argument of a {@code Ref} or collection (a wildcard's
   * bound), or else the type itself unless it is a JDK type, which is more likely a plain column.
   */
  private String suggestedTarget(TypeMirror type) {
    TypeMirror candidate = type;
    boolean argument = type instanceof DeclaredType d && !d.getTypeArguments().isEmpty();
    if (argument) {
      candidate = ((DeclaredType) type).getTypeArguments().get(0);
      if (candidate instanceof WildcardType w) {
        candidate = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
      }
    }
    if (candidate != null && types.erasure(candidate) instanceof DeclaredType d) {
      TypeElement target = (TypeElement) d.asElement();
      if (argument
          || !elements.getPackageOf(target).getQualifiedName().toString().startsWith("java.")) {
        return target.getSimpleName().toString();
      }
    }
    return "Target";
  }

  /** For a list under a to-one annotation, or a Ref under a to-many one, the other annotations. */
  private static String alternative(Kind kind, TypeMirror type) {
    if (!(type instanceof DeclaredType d)) {
      return "";
    }
    if (!kind.toMany() && isA(d, LIST)) {
      return ", or use @OneToMany or @ManyToMany for a list";
    }
    return kind.toMany() && isA(d, REF)
        ? ", or use @ManyToOne or @OneToOne for a single reference"
        : "";
  }
}
