package io.driftless.storage.model;

import java.time.Instant;

/**
 * One migration as {@code driftless db status} shows it.
 *
 * @param state Flyway's state, e.g. {@code Success} or {@code Pending}
 * @param installedOn null while pending
 */
public record MigrationStatus(
    String version, String description, String state, Instant installedOn) {}
