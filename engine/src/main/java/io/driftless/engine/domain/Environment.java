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
    Require.text(ref, "ref is required");
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
    return toBuilder().sync(sync).build();
  }

  public Environment withRef(String ref) {
    return toBuilder().ref(ref).build();
  }

  public Environment withVariables(Variables variables) {
    return toBuilder().variables(variables).build();
  }

  public Environment withTarget(TargetSpec target) {
    return toBuilder().target(target).build();
  }

  public Environment withSensitive(SensitiveRule sensitive) {
    return toBuilder().sensitive(sensitive).build();
  }

  public Environment withDecrypt(boolean decrypt) {
    return toBuilder().decrypt(decrypt).build();
  }

  public Environment withRenderer(RendererSpec renderer) {
    return toBuilder().renderer(renderer).build();
  }

  public Environment withDecryptedMode(FileMode decryptedMode) {
    return toBuilder().decryptedMode(decryptedMode).build();
  }

  public Environment withPromotion(PromotionRule promotion) {
    return toBuilder().promotion(promotion).build();
  }

  /** A builder that starts from this environment: change some parts, keep the rest. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** An environment part by part; {@link #build} validates it as the record's constructor does. */
  public static final class Builder {
    private EnvironmentName name;
    private SourceName source;
    private String ref;
    private String path;
    private RendererSpec renderer;
    private Variables variables;
    private TargetSpec target;
    private SyncPolicy sync;
    private SensitiveRule sensitive;
    private PromotionRule promotion;
    private boolean decrypt;
    private FileMode decryptedMode;

    private Builder(Environment e) {
      name = e.name;
      source = e.source;
      ref = e.ref;
      path = e.path;
      renderer = e.renderer;
      variables = e.variables;
      target = e.target;
      sync = e.sync;
      sensitive = e.sensitive;
      promotion = e.promotion;
      decrypt = e.decrypt;
      decryptedMode = e.decryptedMode;
    }

    public Builder name(EnvironmentName name) {
      this.name = name;
      return this;
    }

    public Builder source(SourceName source) {
      this.source = source;
      return this;
    }

    public Builder ref(String ref) {
      this.ref = ref;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder renderer(RendererSpec renderer) {
      this.renderer = renderer;
      return this;
    }

    public Builder variables(Variables variables) {
      this.variables = variables;
      return this;
    }

    public Builder target(TargetSpec target) {
      this.target = target;
      return this;
    }

    public Builder sync(SyncPolicy sync) {
      this.sync = sync;
      return this;
    }

    public Builder sensitive(SensitiveRule sensitive) {
      this.sensitive = sensitive;
      return this;
    }

    public Builder promotion(PromotionRule promotion) {
      this.promotion = promotion;
      return this;
    }

    public Builder decrypt(boolean decrypt) {
      this.decrypt = decrypt;
      return this;
    }

    public Builder decryptedMode(FileMode decryptedMode) {
      this.decryptedMode = decryptedMode;
      return this;
    }

    public Environment build() {
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
}
