package io.driftless.api.model;

import java.util.List;

/**
 * What differs between what two runs applied, from {@code from} to {@code to}.
 *
 * @param change {@code added}, {@code removed} or {@code changed}
 */
public record CompareResponse(
    long from, long to, String fromRevision, String toRevision, List<Difference> resources) {

  public record Difference(String key, String change, String diff) {}
}
