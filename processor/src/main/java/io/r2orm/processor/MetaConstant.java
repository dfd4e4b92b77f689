package io.r2orm.processor;

import javax.lang.model.element.Element;

/** One constant of a generated metamodel: a {@link MetaProperty} or a {@link MetaRelation}. */
sealed interface MetaConstant permits MetaProperty, MetaRelation {
  /** The constant name ({@code HOME_STREET}). */
  String constant();

  /** The property path ({@code home.street}); a relation's path is its property name. */
  String path();

  /** The field or record component, for error messages. */
  Element element();
}
