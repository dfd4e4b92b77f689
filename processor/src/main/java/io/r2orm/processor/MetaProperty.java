package io.r2orm.processor;

import javax.lang.model.element.Element;

/**
 * One property constant of a generated metamodel ({@code Book_.TITLE}).
 *
 * @param constant the constant name ({@code HOME_STREET})
 * @param path the property path ({@code home.street})
 * @param kind which {@code Property} factory to call
 * @param valueType the boxed value type as written in the generic argument
 * @param classLiteral the erased value type as written before {@code .class}
 * @param element the field or record component, for error messages
 * @param elementType for an array property, its boxed element type as written before {@code
 *     .class}; null otherwise
 */
record MetaProperty(
    String constant,
    String path,
    Kind kind,
    String valueType,
    String classLiteral,
    Element element,
    String elementType)
    implements MetaConstant {

  MetaProperty(
      String constant,
      String path,
      Kind kind,
      String valueType,
      String classLiteral,
      Element element) {
    this(constant, path, kind, valueType, classLiteral, element, null);
  }

  /** The flavour of property, chosen from the value type. */
  enum Kind {
    STRING,
    COMPARABLE,
    ARRAY,
    PLAIN
  }

  /** Whether the value type is parameterized, so the class literal needs an unchecked cast. */
  boolean unchecked() {
    return !valueType.equals(classLiteral);
  }
}
