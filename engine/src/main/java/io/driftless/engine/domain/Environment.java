package io.driftless.engine.domain;

import io.driftless.engine.sensitive.SensitiveRule;
import java.util.Objects;

/**
 * What to keep in sync: a source at a ref, the path inside it, how to render it, where to apply it
 * and the sync policy.
 *
 * @param ref branch or tag name ({@code main}, {@code refs/tags/v1}) or a full revision
 * @param path directory inside the repository, {@code ""} or {@code "."} for the root
 * @param sensitive which resources hold sensitive values (Kubernetes Secrets always do)
 * @param promotion how this environment receives promotions; null when it receives none
 * @param decrypt whether SOPS files are detected and decrypted (false: applied as in Git)
 * @param decryptedMode the mode of the files written decrypted ({@link FileMode#DECRYPTED} unless
 *     the environment says otherwise)
 */
public record Environment(
    EnvironmentName name,
    SourceName source,
    String ref,
    String path,
    RendererSpec renderer,
    Variables variables,
    TargetSpec target,
    SyncPolicy sync,
    SensitiveRule sensitive,
    PromotionRule promotion,
    boolean decrypt,
    FileMode decryptedMode) {

  /** An environment that receives no promotions and decrypts SOPS files. */
  public Environment(
      EnvironmentName name,
      SourceName source,
      String ref,
      String path,
      RendererSpec renderer,
      Variables variables,
      TargetSpec target,
      SyncPolicy sync,
      SensitiveRule sensitive) {
    this(name, source, ref, path, renderer, variables, target, sync, sensitive, null, true, null);
  }

  public Environment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("ref is required");
    }
    path = normalizePath(path);
    renderer = renderer == null ? RendererSpec.files() : renderer;
    variables = variables == null ? Variables.none() : variables;
    Objects.requireNonNull(target, "target");
    sync = sync == null ? SyncPolicy.defaults() : sync;
    sensitive = sensitive == null ? SensitiveRule.secretsOnly() : sensitive;
    decryptedMode = decryptedMode == null ? FileMode.DECRYPTED : decryptedMode;
  }

  /** Strips leading/trailing slashes and {@code ./}; rejects {@code ..} segments. */
  public static String normalizePath(String path) {
    if (path == null) {
      return "";
    }
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    p = p.replaceAll("^/+", "").replaceAll("/+$", "");
    if (p.equals(".")) {
      return "";
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..") || (segment.isEmpty() && !p.isEmpty())) {
        throw new IllegalArgumentException("path must be a plain relative directory: " + path);
      }
    }
    return p;
  }

  public Environment withSync(SyncPolicy sync) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withRef(String ref) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withVariables(Variables variables) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withTarget(TargetSpec target) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withSensitive(SensitiveRule sensitive) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withDecrypt(boolean decrypt) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withRenderer(RendererSpec renderer) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withDecryptedMode(FileMode decryptedMode) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }

  public Environment withPromotion(PromotionRule promotion) {
    return new Environment(
        name,
        source,
        ref,
        path,
        renderer,
        variables,
        target,
        sync,
        sensitive,
        promotion,
        decrypt,
        decryptedMode);
  }
}
