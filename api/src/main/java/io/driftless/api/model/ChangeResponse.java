package io.driftless.api.model;

/**
 * One planned change of a run, with its diff computed from stored contents.
 *
 * @param result {@code applied}, {@code skipped}, {@code failed}, {@code not_attempted}, or null
 * @param diff unified diff; null when a content is no longer stored (see {@code message})
 */
public record ChangeResponse(
    int seq,
    String key,
    String action,
    String result,
    String message,
    boolean adopt,
    boolean drift,
    String beforeHash,
    String afterHash,
    String diff) {}
