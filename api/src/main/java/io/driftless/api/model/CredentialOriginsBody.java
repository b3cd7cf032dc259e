package io.driftless.api.model;

import java.util.List;

/**
 * {@code PUT /api/v1/credentials/{name}/origins}: where a credential may be sent, changed without
 * its secret.
 *
 * @param origins {@code https://} or {@code ssh://} URL prefixes
 */
public record CredentialOriginsBody(List<String> origins) {}
