package io.r2orm.core.annotation;

/** How an enum constant is stored: by its name as text, or by its ordinal as an integer. */
public enum EnumType {
  NAME,
  ORDINAL
}
