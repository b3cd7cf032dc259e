package io.driftless.api.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.query.NotificationTarget;
import java.util.List;

/**
 * {@code PATCH /api/v1/environments/{name}}: the fields present replace the stored ones; {@code
 * sync}, {@code notifications} and {@code ignore} are replaced as a whole ({@code []} removes every
 * target or rule); {@code renderer} comes with its {@code renderCommand} when it is {@code
 * command}; {@code sensitive} replaces the environment's sensitive globs ({@code []} removes them);
 * {@code promotion} replaces the promotion rule ({@code {}} removes it); {@code decrypt} turns the
 * decryption of SOPS files on or off; {@code decryption} replaces how decrypted files are written
 * ({@code {}} restores the default mode, 0600).
 */
public record EnvironmentPatch(
    String source,
    String ref,
    String path,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync,
    List<NotificationTargetBody> notifications,
    String renderer,
    CommandBody renderCommand,
    List<IgnoreBody> ignore,
    List<String> sensitive,
    PromotionBody promotion,
    Boolean decrypt,
    DecryptedFilesBody decryption) {

  /** The patch that changes nothing. */
  public static final EnvironmentPatch NOTHING =
      new EnvironmentPatch(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public EnvironmentPatch {
    if (ref != null && ref.isBlank()) {
      throw new InvalidFieldException("ref", "ref must not be empty");
    }
    EnvironmentRequest.checkRenderer(renderer, renderCommand);
    EnvironmentRequest.sensitiveRule(sensitive);
  }

  /** The new notification targets, checked; null when the patch leaves them as they are. */
  public List<NotificationTarget> notificationTargets() {
    return NotificationTargetBody.toDomain("notifications", notifications);
  }

  public Environment applyTo(Environment e) {
    TargetSpec next = target == null ? e.target() : target.toDomain();
    // A new kubernetes target keeps the environment's ignore rules unless the patch sets them.
    List<IgnoreBody> rules =
        ignore != null || !(next instanceof TargetSpec.Kubernetes)
            ? ignore
            : IgnoreBody.of(e.target());
    return new Environment(
        e.name(),
        source == null ? e.source() : Fields.check("source", () -> SourceName.of(source)),
        ref == null ? e.ref() : ref,
        path == null ? e.path() : Fields.check("path", () -> Environment.normalizePath(path)),
        renderer == null ? e.renderer() : EnvironmentRequest.rendererSpec(renderer, renderCommand),
        variables == null ? e.variables() : variables.toDomain(),
        IgnoreBody.withRules(next, rules),
        sync == null ? e.sync() : sync.toDomain(),
        sensitive == null ? e.sensitive() : EnvironmentRequest.sensitiveRule(sensitive),
        promotion == null ? e.promotion() : promotion.toDomain(),
        decrypt == null ? e.decrypt() : decrypt,
        decryption == null ? e.decryptedMode() : decryption.toDomain());
  }
}
