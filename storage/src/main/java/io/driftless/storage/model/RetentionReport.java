package io.driftless.storage.model;

/** What one retention pass removed. */
public record RetentionReport(int runs, int contents, int deliveries, int previews) {}
