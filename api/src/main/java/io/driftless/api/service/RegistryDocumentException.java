package io.driftless.api.service;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.engine.EngineException;

/**
 * A config environment's document that its run refuses (outside the scope, against the app-of-apps
 * rules, or not a valid document): the run fails naming the file and the field, and nothing of it
 * is applied.
 */
public final class RegistryDocumentException extends EngineException {
  public RegistryDocumentException(String file, String field, String message) {
    super("registry.document", message, detailsOf("file", file, "field", field));
  }

  /** The refusal of a document check, as a run records it. */
  static RegistryDocumentException of(InvalidFieldException e) {
    return new RegistryDocumentException(e.file(), e.field(), e.getMessage());
  }
}
