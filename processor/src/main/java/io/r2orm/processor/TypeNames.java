package io.r2orm.processor;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes types as source text for one generated class. Names are written relative to the generated
 * package (or {@code java.lang}) when that cannot be shadowed, and fully qualified otherwise. Type
 * variables, which a static constant cannot mention, become wildcards or their erasure.
 */
final class TypeNames {
  /** Simple names the generated file imports; a type with such a name must be written qualified. */
  static final Set<String> IMPORTED =
      Set.of("Property", "ComparableProperty", "StringProperty", "ArrayProperty", "Relation");

  private final Elements elements;
  private final Types types;
  private final String packageName;

  TypeNames(Elements elements, Types types, String packageName) {
    this.elements = elements;
    this.types = types;
    this.packageName = packageName;
  }

  /** The type as a generic argument: primitives boxed, raw generic types given wildcards. */
  String generic(TypeMirror type) {
    return switch (type.getKind()) {
      case ARRAY -> arrayComponent(((ArrayType) type).getComponentType()) + "[]";
      case DECLARED -> declared((DeclaredType) type);
      default ->
          type.getKind().isPrimitive()
              ? name(types.boxedClass((PrimitiveType) type))
              : generic(types.erasure(type));
    };
  }

  /** The erased type as written before {@code .class}. */
  String erased(TypeMirror type) {
    TypeMirror erasure = types.erasure(type);
    return switch (erasure.getKind()) {
      case ARRAY -> erased(((ArrayType) erasure).getComponentType()) + "[]";
      case DECLARED -> name((TypeElement) ((DeclaredType) erasure).asElement());
      default -> primitive(erasure);
    };
  }

  /** The name of a class, as short as is safe in the generated package. */
  String name(TypeElement type) {
    String qualified = type.getQualifiedName().toString();
    String owner = elements.getPackageOf(type).getQualifiedName().toString();
    String relative = owner.isEmpty() ? qualified : qualified.substring(owner.length() + 1);
    String outermost = relative.split("\\.", 2)[0];
    boolean safe =
        !IMPORTED.contains(outermost)
            && (owner.equals(packageName)
                || owner.equals("java.lang") && !declaredInPackage(outermost));
    return safe ? relative : qualified;
  }

  /**
   * Calls the action for the type and every type it is built from (arguments, bounds, components).
   */
  static void walk(TypeMirror type, Consumer<TypeMirror> action) {
    action.accept(type);
    if (type instanceof DeclaredType d) {
      d.getTypeArguments().forEach(a -> walk(a, action));
    } else if (type instanceof ArrayType a) {
      walk(a.getComponentType(), action);
    } else if (type instanceof WildcardType w) {
      if (w.getExtendsBound() != null) {
        walk(w.getExtendsBound(), action);
      }
      if (w.getSuperBound() != null) {
        walk(w.getSuperBound(), action);
      }
    }
  }

  /** Whether code in the generated package may name the class. */
  boolean accessible(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      boolean samePackage = elements.getPackageOf(e).getQualifiedName().contentEquals(packageName);
      if (modifiers.contains(Modifier.PRIVATE)
          || !modifiers.contains(Modifier.PUBLIC) && !samePackage) {
        return false;
      }
    }
    return true;
  }

  private String declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (arguments.isEmpty()) {
      int parameters = element.getTypeParameters().size();
      return parameters == 0
          ? name(element)
          : name(element) + "<?" + ", ?".repeat(parameters - 1) + ">";
    }
    return name(element)
        + arguments.stream().map(this::argument).collect(Collectors.joining(", ", "<", ">"));
  }

  private String argument(TypeMirror type) {
    if (type.getKind() == TypeKind.TYPEVAR) {
      return "?";
    }
    if (type instanceof WildcardType w) {
      if (w.getExtendsBound() != null) {
        return "? extends " + generic(w.getExtendsBound());
      }
      return w.getSuperBound() != null ? "? super " + generic(w.getSuperBound()) : "?";
    }
    return generic(type);
  }

  private String arrayComponent(TypeMirror component) {
    return component.getKind().isPrimitive() ? primitive(component) : generic(component);
  }

  private static String primitive(TypeMirror type) {
    return type.getKind().name().toLowerCase(Locale.ROOT);
  }

  private boolean declaredInPackage(String simpleName) {
    String name = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    return elements.getTypeElement(name) != null;
  }
}
