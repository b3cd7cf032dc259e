package io.driftless.api.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.FileMode;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.query.NotificationTarget;
import io.driftless.engine.sensitive.SensitiveRule;
import java.util.List;

/**
 * {@code POST /api/v1/environments}: what to keep in sync, where, and how.
 *
 * @param renderer {@code files} (default), {@code manifests} or {@code command}
 * @param renderCommand the {@code command} renderer's command, e.g. {@code ["kustomize", "build",
 *     "."]}; its standard output is the manifests
 * @param notifications where this environment's notifications go, besides the server's targets
 * @param ignore differences that never count (kubernetes targets only)
 * @param sensitive globs of the files whose contents are sensitive values: compared by a keyed hash
 *     and never shown (Kubernetes Secrets always are)
 * @param promotion how this environment receives promotions from another; null for none
 * @param decrypt whether SOPS files are detected and decrypted during a sync; null for true
 * @param decryption how the files it decrypts are written ({@code mode}, default {@code 0600});
 *     null for the defaults
 */
public record EnvironmentRequest(
    String name,
    String source,
    String ref,
    String path,
    String renderer,
    CommandBody renderCommand,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync,
    List<NotificationTargetBody> notifications,
    List<IgnoreBody> ignore,
    List<String> sensitive,
    PromotionBody promotion,
    Boolean decrypt,
    DecryptedFilesBody decryption) {

  public EnvironmentRequest(
      String name,
      String source,
      String ref,
      String path,
      String renderer,
      VariablesBody variables,
      TargetBody target,
      SyncPolicyBody sync) {
    this(
        name, source, ref, path, renderer, null, variables, target, sync, null, null, null, null,
        null, null);
  }

  public EnvironmentRequest {
    Fields.required("name", name);
    Fields.required("source", source);
    Fields.required("ref", ref);
    Fields.required("target", target);
    checkRenderer(renderer, renderCommand);
    sensitiveRule(sensitive);
  }

  /** The {@code sensitive} globs, checked: a 422 naming the field when one is invalid. */
  static SensitiveRule sensitiveRule(List<String> sensitive) {
    return Fields.check("sensitive", () -> SensitiveRule.of(sensitive));
  }

  /** The renderer fields of a registration or a patch, checked together. */
  static void checkRenderer(String renderer, CommandBody renderCommand) {
    if (renderer != null
        && !renderer.equals("files")
        && !renderer.equals("manifests")
        && !renderer.equals("command")) {
      throw new InvalidFieldException(
          "renderer", "renderer must be files, manifests or command: " + renderer);
    }
    if ("command".equals(renderer) != (renderCommand != null)) {
      throw new InvalidFieldException(
          "renderCommand", "renderCommand is required with renderer command, and only with it");
    }
  }

  static RendererSpec rendererSpec(String renderer, CommandBody renderCommand) {
    if (renderer == null || renderer.equals("files")) {
      return RendererSpec.files();
    }
    return renderer.equals("manifests")
        ? new RendererSpec.Manifests()
        : new RendererSpec.Command(renderCommand.toDomain("renderCommand"));
  }

  /** The notification targets, checked; empty when none are given. */
  public List<NotificationTarget> notificationTargets() {
    List<NotificationTarget> targets =
        NotificationTargetBody.toDomain("notifications", notifications);
    return targets == null ? List.of() : targets;
  }

  /**
   * The request that registers {@code e} as it is: what {@code driftless export} writes and what
   * the API shows of an environment's spec. Notification targets are credentials and stay out.
   */
  public static EnvironmentRequest from(Environment e) {
    return new EnvironmentRequest(
        e.name().value(),
        e.source().value(),
        e.ref(),
        e.path(),
        e.renderer().type(),
        e.renderer() instanceof RendererSpec.Command c ? CommandBody.from(c.command()) : null,
        VariablesBody.from(e.variables()),
        TargetBody.from(e.target()),
        SyncPolicyBody.from(e.sync()),
        null,
        IgnoreBody.of(e.target()),
        e.sensitive().patterns(),
        PromotionBody.from(e.promotion()),
        e.decrypt() ? null : false,
        e.decryptedMode().equals(FileMode.DECRYPTED)
            ? null
            : DecryptedFilesBody.from(e.decryptedMode()));
  }

  public Environment toDomain() {
    EnvironmentName environment = Fields.check("name", () -> EnvironmentName.of(name));
    SourceName sourceName = Fields.check("source", () -> SourceName.of(source));
    String normalized = Fields.check("path", () -> Environment.normalizePath(path));
    return new Environment(
        environment,
        sourceName,
        ref,
        normalized,
        rendererSpec(renderer, renderCommand),
        variables == null ? null : variables.toDomain(),
        IgnoreBody.withRules(target.toDomain(), ignore),
        sync == null ? null : sync.toDomain(),
        sensitiveRule(sensitive),
        promotion == null ? null : promotion.toDomain(),
        decrypt == null || decrypt,
        decryption == null ? null : decryption.toDomain());
  }
}
