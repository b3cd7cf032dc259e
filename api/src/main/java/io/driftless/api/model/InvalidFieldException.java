package io.driftless.api.model;

/** A request field that is missing or wrong; the server answers 422 naming the field. */
public final class InvalidFieldException extends RuntimeException {
  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
