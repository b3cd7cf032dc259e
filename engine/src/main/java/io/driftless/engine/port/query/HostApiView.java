package io.driftless.engine.port.query;

import java.time.Instant;

/** A source's host API as the REST API shows it: everything but the token. */
public record HostApiView(String type, String baseUrl, String repository, Instant updatedAt) {}
