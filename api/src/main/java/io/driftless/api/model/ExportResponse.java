package io.driftless.api.model;

import java.util.List;

/**
 * {@code GET /api/v1/export}: the registry as declarative documents, which {@code POST
 * /api/v1/apply} accepts.
 *
 * @param documents YAML, sources first; never a secret
 * @param skipped objects a document cannot declare (a source with inline credentials, and its
 *     environments), each with why
 */
public record ExportResponse(String documents, List<String> skipped) {}
