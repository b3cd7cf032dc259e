package io.driftless.api.model;

/** A request field that is missing or wrong; the server answers 422 naming the field. */
public final class InvalidFieldException extends RuntimeException {
  private final String file;
  private final String field;

  public InvalidFieldException(String field, String message) {
    this(null, field, message);
  }

  /** A field of a declarative document: the answer names the file too. */
  public InvalidFieldException(String file, String field, String message) {
    super(message);
    this.file = file;
    this.field = field;
  }

  /** The document's file; null for a request body. */
  public String file() {
    return file;
  }

  public String field() {
    return field;
  }
}
