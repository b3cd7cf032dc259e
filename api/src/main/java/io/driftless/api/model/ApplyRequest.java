package io.driftless.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code POST /api/v1/apply}: declarative documents to reconcile the registry with.
 *
 * @param owner who the documents' objects belong to; null applies them unowned
 * @param prune retire the objects this owner applied earlier that the documents no longer name
 *     (needs {@code owner}; refused in this version when it would retire anything)
 * @param documents YAML text (one or more documents), or a list of documents (objects or YAML text)
 * @param files YAML text by file name, so that errors and ownership name the file
 */
public record ApplyRequest(
    String owner, Boolean prune, JsonNode documents, Map<String, String> files) {

  public boolean pruning() {
    return Boolean.TRUE.equals(prune);
  }
}
