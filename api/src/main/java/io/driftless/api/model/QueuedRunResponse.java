package io.driftless.api.model;

/**
 * A run requested and queued; follow {@code Location} (or {@code /api/v1/runs/{run}}).
 *
 * @param coalesced the request joined a run already waiting for the environment
 */
public record QueuedRunResponse(long run, String environment, boolean coalesced) {}
