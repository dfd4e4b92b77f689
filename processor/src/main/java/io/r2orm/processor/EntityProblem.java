package io.r2orm.processor;

import javax.lang.model.element.Element;

/**
 * Why a metamodel cannot be generated (yet). Internal to the processor: it is always caught and
 * turned into a compiler message, never thrown out of {@code process}.
 */
final class EntityProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Element element;
  private final boolean unresolved;

  private EntityProblem(Element element, String message, boolean unresolved) {
    super(message, null, false, false);
    this.element = element;
    this.unresolved = unresolved;
  }

  /** A definition mistake, reported as an error on the element. */
  static EntityProblem invalid(Element element, String message) {
    return new EntityProblem(element, message, false);
  }

  /** A type that does not exist yet; it may be generated in a later round. */
  static EntityProblem unresolved(Element element, String message) {
    return new EntityProblem(element, message, true);
  }

  Element element() {
    return element;
  }

  /** True when a later processing round may resolve the problem. */
  boolean unresolved() {
    return unresolved;
  }
}
