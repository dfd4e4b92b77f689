package io.r2orm.processor;

import io.r2orm.processor.MetaProperty.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Lists the properties of an entity the way core's metadata reads them: record components in order,
 * or the non-static, non-transient fields of a class (superclass fields first) without
 * {@code @Transient}; {@code @Embedded} parts flattened recursively. A property with a relation
 * annotation becomes a relation constant instead of a property; relations are allowed on the entity
 * only, not in its embedded parts.
 */
final class PropertyScanner {
  private static final String EMBEDDED = "io.r2orm.core.annotation.Embedded";
  private static final String TRANSIENT = "io.r2orm.core.annotation.Transient";
  private static final String ID = "io.r2orm.core.annotation.Id";

  /**
   * A field or record component with its type as seen from the owning entity or part. For a record
   * component, {@code element} is its private field (javac places messages on fields, not on
   * components) and {@code component} the component, which may carry annotations of its own.
   */
  private record Member(String name, TypeMirror type, Element element, Element component) {
    boolean annotated(String annotation) {
      return PropertyScanner.annotated(element, annotation)
          || PropertyScanner.annotated(component, annotation);
    }
  }

  private final Elements elements;
  private final Types types;
  private final TypeNames names;
  private final TypeElement entity;
  private final RelationReader relations;

  /**
   * The key constants of to-one relations that own a foreign key ({@code ALBUM_ID}), by their
   * relation's constant.
   */
  private final java.util.Map<String, List<MetaProperty>> relationKeys =
      new java.util.LinkedHashMap<>();

  PropertyScanner(Elements elements, Types types, TypeNames names, TypeElement entity) {
    this.elements = elements;
    this.types = types;
    this.names = names;
    this.entity = entity;
    this.relations = new RelationReader(elements, types, entity);
  }

  /** The metamodel constants of the entity, in declaration order. */
  List<MetaConstant> scan() throws EntityProblem {
    List<MetaConstant> out = new ArrayList<>();
    part((DeclaredType) entity.asType(), "", "", new ArrayDeque<>(), out);
    requireUniqueConstants(out);
    // each to-one key right after its relation, unless a property already has its name
    java.util.Set<String> taken = new java.util.HashSet<>();
    out.forEach(c -> taken.add(c.constant()));
    List<MetaConstant> withKeys = new ArrayList<>();
    for (MetaConstant c : out) {
      withKeys.add(c);
      List<MetaProperty> keys =
          c instanceof MetaRelation r
              ? relationKeys.getOrDefault(r.constant(), List.of())
              : List.of();
      for (MetaProperty key : keys) {
        if (taken.add(key.constant())) {
          withKeys.add(key);
        }
      }
    }
    return withKeys;
  }

  private void part(
      DeclaredType type,
      String path,
      String constant,
      Deque<TypeElement> embedding,
      List<MetaConstant> out)
      throws EntityProblem {
    TypeElement element = (TypeElement) type.asElement();
    if (embedding.contains(element)) {
      throw EntityProblem.invalid(
          entity,
          "embedded type "
              + element.getQualifiedName()
              + " contains itself (via "
              + path.substring(0, path.length() - 1)
              + "); embedded parts cannot be recursive");
    }
    embedding.push(element);
    for (Member m : members(type, element)) {
      List<RelationReader.Kind> relation = RelationReader.declared(m::annotated);
      if (!relation.isEmpty()) {
        out.add(relation(m, relation, path, element));
      } else if (m.annotated(EMBEDDED)) {
        part(
            embeddedType(m, path),
            path + m.name() + ".",
            Names.constant(constant, m.name()),
            embedding,
            out);
      } else {
        out.add(property(m, path + m.name(), Names.constant(constant, m.name())));
      }
    }
    embedding.pop();
  }

  private List<Member> members(DeclaredType type, TypeElement element) throws EntityProblem {
    List<Member> members = new ArrayList<>();
    if (element.getKind() == ElementKind.RECORD) {
      List<VariableElement> fields = ElementFilter.fieldsIn(element.getEnclosedElements());
      for (RecordComponentElement c : element.getRecordComponents()) {
        TypeMirror accessor = types.asMemberOf(type, c.getAccessor());
        members.add(
            new Member(
                c.getSimpleName().toString(),
                ((ExecutableType) accessor).getReturnType(),
                field(fields, c),
                c));
      }
      return members;
    }
    for (TypeElement c : hierarchy(element)) {
      for (VariableElement f : ElementFilter.fieldsIn(c.getEnclosedElements())) {
        if (!f.getModifiers().contains(Modifier.STATIC)
            && !f.getModifiers().contains(Modifier.TRANSIENT)
            && !annotated(f, TRANSIENT)) {
          members.add(new Member(f.getSimpleName().toString(), types.asMemberOf(type, f), f, f));
        }
      }
    }
    return members;
  }

  private static Element field(List<VariableElement> fields, RecordComponentElement component) {
    for (VariableElement f : fields) {
      if (f.getSimpleName().contentEquals(component.getSimpleName())) {
        return f;
      }
    }
    return component;
  }

  /** The class and its superclasses up to (not including) Object, topmost first. */
  private List<TypeElement> hierarchy(TypeElement type) throws EntityProblem {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeElement c = type;
        c != null && !c.getQualifiedName().contentEquals("java.lang.Object"); ) {
      chain.add(0, c);
      TypeMirror superclass = c.getSuperclass();
      if (superclass.getKind() == TypeKind.ERROR) {
        throw EntityProblem.unresolved(
            c,
            "the superclass " + superclass + " of " + c.getQualifiedName() + " cannot be resolved");
      }
      c =
          superclass.getKind() == TypeKind.DECLARED
              ? (TypeElement) ((DeclaredType) superclass).asElement()
              : null;
    }
    return chain;
  }

  private DeclaredType embeddedType(Member m, String path) throws EntityProblem {
    requireResolved(m, path);
    if (m.type() instanceof DeclaredType d
        && (d.asElement().getKind() == ElementKind.CLASS
            || d.asElement().getKind() == ElementKind.RECORD)) {
      return d;
    }
    throw EntityProblem.invalid(
        m.element(),
        "@Embedded property '"
            + path
            + m.name()
            + "' of "
            + entity.getQualifiedName()
            + " has type "
            + m.type()
            + "; an embedded part must be a record or a class");
  }

  private MetaRelation relation(
      Member m, List<RelationReader.Kind> kinds, String path, TypeElement part)
      throws EntityProblem {
    if (!path.isEmpty()) {
      throw EntityProblem.invalid(
          m.element(),
          kinds.get(0)
              + " property '"
              + path
              + m.name()
              + "' of "
              + entity.getQualifiedName()
              + ": relations are only allowed on the entity itself, not in embedded part "
              + part.getQualifiedName()
              + "; move the relation to "
              + entity.getSimpleName());
    }
    requireResolved(m, m.name());
    DeclaredType target = relations.target(kinds, m.name(), m.type(), m.element());
    requireAccessible(m, m.name(), target);
    String constant = Names.constant(m.name());
    if (ownsKey(m, kinds.get(0))) {
      TypeMirror id = idType((TypeElement) target.asElement());
      if (id instanceof DeclaredType key && key.asElement().getKind() == ElementKind.RECORD) {
        // a composite key: one column per component, each a constant of its own
        for (RecordComponentElement c : ((TypeElement) key.asElement()).getRecordComponents()) {
          TypeMirror component = c.asType();
          TypeMirror boxed =
              component instanceof PrimitiveType p ? types.boxedClass(p).asType() : component;
          String generic = names.generic(boxed);
          String erased = names.erased(boxed);
          String partName = c.getSimpleName().toString();
          relationKeys
              .computeIfAbsent(constant, k -> new ArrayList<>())
              .add(
                  new MetaProperty(
                      constant + "_" + Names.constant(partName),
                      m.name() + "." + partName,
                      kind(boxed, !generic.equals(erased)),
                      generic,
                      erased,
                      m.element()));
        }
      } else if (id != null) {
        TypeMirror boxed = id instanceof PrimitiveType p ? types.boxedClass(p).asType() : id;
        String generic = names.generic(boxed);
        String erased = names.erased(boxed);
        relationKeys.put(
            constant,
            List.of(
                new MetaProperty(
                    constant + "_ID",
                    m.name(),
                    kind(boxed, !generic.equals(erased)),
                    generic,
                    erased,
                    m.element())));
      }
    }
    return new MetaRelation(
        constant, m.name(), kinds.get(0).toMany(), names.erased(target), m.element());
  }

  /**
   * Whether the to-one relation holds the foreign key column: {@code @ManyToOne}, or
   * {@code @OneToOne} without mappedBy.
   */
  private static boolean ownsKey(Member m, RelationReader.Kind kind) {
    if (kind == RelationReader.Kind.MANY_TO_ONE) {
      return true;
    }
    if (kind != RelationReader.Kind.ONE_TO_ONE) {
      return false;
    }
    for (Element e : java.util.Arrays.asList(m.element(), m.component())) {
      if (e == null) {
        continue;
      }
      for (var a : e.getAnnotationMirrors()) {
        if (((TypeElement) a.getAnnotationType().asElement())
            .getQualifiedName()
            .contentEquals(kind.qualifiedAnnotation())) {
          for (var v : a.getElementValues().entrySet()) {
            if (v.getKey().getSimpleName().contentEquals("mappedBy")
                && !v.getValue().getValue().toString().isEmpty()) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /**
   * The type of the target entity's {@code @Id} (a record component or a field, also of a
   * superclass), or null.
   */
  private TypeMirror idType(TypeElement target) {
    for (TypeElement t = target; t != null; t = superclass(t)) {
      if (t.getKind() == ElementKind.RECORD) {
        for (RecordComponentElement c : t.getRecordComponents()) {
          if (annotated(c, ID)) {
            return c.asType();
          }
        }
      }
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (annotated(f, ID)) {
          return f.asType();
        }
      }
    }
    return null;
  }

  private static TypeElement superclass(TypeElement t) {
    return t.getSuperclass() instanceof DeclaredType d ? (TypeElement) d.asElement() : null;
  }

  private MetaProperty property(Member m, String path, String constant) throws EntityProblem {
    requireResolved(m, path);
    TypeMirror boxed =
        m.type() instanceof PrimitiveType p ? types.boxedClass(p).asType() : m.type();
    requireAccessible(m, path, boxed);
    String generic = names.generic(boxed);
    String erased = names.erased(boxed);
    TypeMirror arrayElement = arrayElement(boxed);
    if (arrayElement != null) {
      return new MetaProperty(
          constant, path, Kind.ARRAY, generic, erased, m.element(), names.erased(arrayElement));
    }
    return new MetaProperty(
        constant, path, kind(boxed, !generic.equals(erased)), generic, erased, m.element());
  }

  /**
   * The boxed element type of a property stored as a database array ({@code List<E>} or {@code
   * E[]}, {@code byte[]} excepted) whose elements are text, numbers, booleans, UUIDs, {@code
   * java.time} values or enums; null for any other type.
   */
  private TypeMirror arrayElement(TypeMirror type) {
    TypeMirror element;
    if (type instanceof javax.lang.model.type.ArrayType a) {
      if (a.getComponentType().getKind() == TypeKind.BYTE) {
        return null;
      }
      element = a.getComponentType();
    } else if (type instanceof DeclaredType d
        && d.getTypeArguments().size() == 1
        && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.util.List")) {
      element = d.getTypeArguments().get(0);
    } else {
      return null;
    }
    if (element instanceof PrimitiveType p) {
      return types.boxedClass(p).asType();
    }
    if (!(element instanceof DeclaredType d)) {
      return null;
    }
    TypeElement e = (TypeElement) d.asElement();
    String name = e.getQualifiedName().toString();
    boolean storable =
        e.getKind() == ElementKind.ENUM
            || name.equals("java.lang.String")
            || name.equals("java.util.UUID")
            || name.equals("java.math.BigDecimal")
            || name.startsWith("java.time.")
            || Set.of(
                    "java.lang.Integer",
                    "java.lang.Long",
                    "java.lang.Short",
                    "java.lang.Double",
                    "java.lang.Float",
                    "java.lang.Boolean")
                .contains(name);
    return storable ? element : null;
  }

  private Kind kind(TypeMirror type, boolean parameterized) {
    if (type.getKind() != TypeKind.DECLARED || parameterized) {
      return Kind.PLAIN;
    }
    if (((TypeElement) ((DeclaredType) type).asElement())
        .getQualifiedName()
        .contentEquals("java.lang.String")) {
      return Kind.STRING;
    }
    TypeElement comparable = elements.getTypeElement("java.lang.Comparable");
    DeclaredType comparableOfSuper =
        types.getDeclaredType(comparable, types.getWildcardType(null, type));
    return types.isAssignable(type, comparableOfSuper) ? Kind.COMPARABLE : Kind.PLAIN;
  }

  private void requireResolved(Member m, String path) throws EntityProblem {
    List<TypeMirror> unresolved = new ArrayList<>();
    TypeNames.walk(
        m.type(),
        t -> {
          if (t.getKind() == TypeKind.ERROR) {
            unresolved.add(t);
          }
        });
    if (!unresolved.isEmpty()) {
      throw EntityProblem.unresolved(
          m.element(),
          "the type "
              + unresolved.get(0)
              + " of property '"
              + path
              + "' of "
              + entity.getQualifiedName()
              + " cannot be resolved");
    }
  }

  private void requireAccessible(Member m, String path, TypeMirror type) throws EntityProblem {
    List<TypeElement> hidden = new ArrayList<>();
    TypeNames.walk(
        type,
        t -> {
          if (t instanceof DeclaredType d && !names.accessible((TypeElement) d.asElement())) {
            hidden.add((TypeElement) d.asElement());
          }
        });
    if (!hidden.isEmpty()) {
      throw EntityProblem.invalid(
          m.element(),
          "property '"
              + path
              + "' of "
              + entity.getQualifiedName()
              + " has type "
              + hidden.get(0).getQualifiedName()
              + ", which the generated metamodel cannot see; "
              + "make the type public or package-private in the entity's package, or mark the property @Transient");
    }
  }

  private static void requireUniqueConstants(List<MetaConstant> constants) throws EntityProblem {
    Map<String, MetaConstant> seen = new HashMap<>();
    for (MetaConstant p : constants) {
      MetaConstant other = seen.putIfAbsent(p.constant(), p);
      if (other != null) {
        throw EntityProblem.invalid(
            p.element(),
            "properties '"
                + other.path()
                + "' and '"
                + p.path()
                + "' both become the metamodel constant "
                + p.constant()
                + "; rename one of them");
      }
    }
  }

  private static boolean annotated(Element element, String annotation) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(
            a ->
                ((TypeElement) a.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(annotation));
  }
}
