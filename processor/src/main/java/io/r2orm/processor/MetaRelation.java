package io.r2orm.processor;

import javax.lang.model.element.Element;

/**
 * One relation constant of a generated metamodel ({@code Book_.AUTHOR}).
 *
 * @param constant the constant name ({@code AUTHOR})
 * @param path the relation property's name ({@code author})
 * @param toMany whether the relation is {@code @OneToMany} or {@code @ManyToMany}
 * @param target the target class as written in the generic argument and before {@code .class}
 * @param element the field or record component, for error messages
 */
record MetaRelation(String constant, String path, boolean toMany, String target, Element element)
    implements MetaConstant {}
