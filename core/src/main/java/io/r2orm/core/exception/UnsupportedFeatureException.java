package io.r2orm.core.exception;

/** The dialect in use cannot express a feature the query asks for. Names dialect and feature. */
public class UnsupportedFeatureException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFeatureException(String dialect, String feature) {
    super("The " + dialect + " dialect does not support " + feature);
  }
}
