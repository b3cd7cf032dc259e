package io.driftless.cli;

import io.driftless.api.model.TargetBody;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a config environment's target ({@code --target driftless}): the scope its
 * documents may use, and what happens to a retired environment's files.
 */
final class RegistryTargetOptions {
  @Option(
      names = "--scope-source",
      paramLabel = "SOURCE",
      split = ",",
      description =
          "driftless: a source its documents may declare and use (repeatable; default every"
              + " source).")
  List<String> scopeSources;

  @Option(
      names = "--scope-root",
      paramLabel = "DIR",
      split = ",",
      description =
          "driftless: an absolute directory its documents' target roots must lie under; a"
              + " relative root in a document resolves under the first (repeatable; default the"
              + " server's allowed roots).")
  List<String> scopeRoots;

  @Option(
      names = "--scope-namespace",
      paramLabel = "NS",
      split = ",",
      description =
          "driftless: a Kubernetes namespace its documents' targets may use (repeatable; default"
              + " any).")
  List<String> scopeNamespaces;

  @Option(
      names = "--scope-commands",
      paramLabel = "BOOL",
      arity = "0..1",
      description =
          "driftless: whether its documents' environments may run commands (default false; the"
              + " server's command policy applies on top).")
  Boolean scopeCommands;

  @Option(
      names = "--deletion",
      paramLabel = "HOW",
      description =
          "driftless: orphan (default: a retired environment's target files stay) or cascade"
              + " (they are pruned by inventory first).")
  String deletion;

  /** Whether any of these options is given. */
  boolean given() {
    return scopeSources != null
        || scopeRoots != null
        || scopeNamespaces != null
        || scopeCommands != null
        || deletion != null;
  }

  /** A config environment's target: the given options over {@code same}'s (null: a new one). */
  TargetBody body(TargetBody same) {
    TargetBody.ScopeBody was = same == null ? null : same.scope();
    TargetBody.ScopeBody scope =
        new TargetBody.ScopeBody(
            scopeSources != null ? scopeSources : was == null ? null : was.sources(),
            scopeRoots != null ? scopeRoots : was == null ? null : was.roots(),
            scopeNamespaces != null ? scopeNamespaces : was == null ? null : was.namespaces(),
            scopeCommands != null ? scopeCommands : was == null ? null : was.commands());
    return TargetBody.registry(
        scope, deletion != null ? deletion : same == null ? null : same.deletion());
  }
}
