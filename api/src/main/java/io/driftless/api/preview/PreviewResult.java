package io.driftless.api.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.model.PreviewResponse.EnvironmentPreview;
import java.util.List;

/**
 * What is stored per preview, as JSON.
 *
 * @param message why no environment is listed; null when some are
 * @param failed true when the preview could not be computed at all
 * @param trust {@code trusted}, {@code untrusted} (a fork's head: counts and names only) or {@code
 *     approved} (a fork's head an operator approved); null for a preview stored before
 * @param approvedBy who approved the head, when approved
 */
record PreviewResult(
    String message,
    boolean failed,
    List<EnvironmentPreview> environments,
    String trust,
    String approvedBy) {
  static final PreviewResult PENDING = new PreviewResult(null, false, List.of(), null, null);

  PreviewResult {
    environments = environments == null ? List.of() : List.copyOf(environments);
  }

  PreviewResult(
      String message, boolean failed, List<EnvironmentPreview> environments, Trust trust) {
    this(message, failed, environments, trust.name(), trust.approvedBy());
  }

  /**
   * How far a head is trusted: its own repository's, a fork's, or a fork's an operator approved.
   */
  record Trust(String name, String approvedBy) {
    static final String APPROVED = "approved";
    static final Trust TRUSTED = new Trust("trusted", null);
    static final Trust UNTRUSTED = new Trust("untrusted", null);

    static Trust approvedBy(String who) {
      return new Trust(APPROVED, who);
    }

    boolean untrusted() {
      return this.equals(UNTRUSTED);
    }
  }

  String write(ObjectMapper json) {
    try {
      return json.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a preview: " + e.getOriginalMessage(), e);
    }
  }

  static PreviewResult read(ObjectMapper json, String text) {
    try {
      return json.readValue(text, PreviewResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored preview: " + e.getOriginalMessage(), e);
    }
  }
}
