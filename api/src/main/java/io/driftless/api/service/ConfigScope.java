package io.driftless.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.TargetSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a config environment's documents may declare: its scope (sources, target roots, Kubernetes
 * namespaces, commands), set by an admin on the config environment, and the app-of-apps rules (not
 * itself, its own source, or an ancestor). Decided here; a refusal names the file and the field.
 */
final class ConfigScope implements EnvironmentSets.Reading {
  private final Environment self;
  private final TargetSpec.RegistryScope scope;
  private final List<Path> roots;
  private final Set<String> ancestors;

  /**
   * @param serverRoots the server's allowed roots: the roots of a scope that names none
   * @param ancestors the config environments that declare {@code self}, directly or through others
   */
  ConfigScope(
      Environment self, TargetSpec.Registry spec, List<Path> serverRoots, Set<String> ancestors) {
    this.self = self;
    this.scope = spec.scope();
    this.roots =
        scope.roots() == null
            ? List.copyOf(serverRoots)
            : scope.roots().stream().map(r -> Path.of(r).normalize()).toList();
    this.ancestors = Set.copyOf(ancestors);
  }

  /**
   * A directory target's relative root in an Environment document, resolved under the first root.
   */
  @Override
  public JsonNode resolve(JsonNode document) {
    if (!(document instanceof ObjectNode object)
        || !"Environment".equals(object.path("kind").asText())
        || !(object.get("target") instanceof ObjectNode target)
        || !target.path("type").asText("directory").equals("directory")
        || !target.path("root").isTextual()
        || target.path("root").asText().startsWith("/")
        || roots.isEmpty()) {
      return document;
    }
    ObjectNode resolved = object.deepCopy();
    try {
      ((ObjectNode) resolved.get("target"))
          .put("root", roots.get(0).resolve(target.path("root").asText()).normalize().toString());
    } catch (InvalidPathException e) {
      return document;
    }
    return resolved;
  }

  /**
   * Refuses a document outside the scope or against the app-of-apps rules.
   *
   * @throws InvalidFieldException naming the document's file and field
   */
  @Override
  public void check(Document d) {
    if (d.kind() == Kind.Source) {
      if (d.name().equals(self.source().value())) {
        throw refuse(d, "name", "a config environment cannot declare its own source " + d.name());
      }
      if (scope.sources() != null && !scope.sources().contains(d.name())) {
        throw refuse(d, "name", "source " + d.name() + " is not in the scope" + of("sources"));
      }
      return;
    }
    Environment e = d.environment().toDomain();
    String name = e.name().value();
    if (e.name().equals(self.name())) {
      throw refuse(d, "name", "a config environment cannot declare itself");
    }
    if (ancestors.contains(name)) {
      throw refuse(
          d,
          "name",
          "environment "
              + name
              + " is an ancestor of config environment "
              + self.name().value()
              + " (it declares it, directly or through others)");
    }
    if (scope.sources() != null && !scope.sources().contains(e.source().value())) {
      throw refuse(
          d, "source", "source " + e.source().value() + " is not in the scope" + of("sources"));
    }
    if (e.renderer() instanceof RendererSpec.Command) {
      commands(d, "renderer");
    }
    if (e.target() instanceof TargetSpec.Directory dir) {
      root(d, "target.root", dir.root());
      targetCommands(d, dir.postApply(), dir.healthCheck());
    } else if (e.target() instanceof TargetSpec.Ssh ssh) {
      targetCommands(d, ssh.postApply(), ssh.healthCheck());
    } else if (e.target() instanceof TargetSpec.Kubernetes k) {
      kubernetes(d, k);
    } else if (e.target() instanceof TargetSpec.Registry child) {
      within(d, child.scope());
    }
  }

  /**
   * A kubeconfig file is a server path holding a cluster's credentials (and perhaps an {@code exec}
   * plugin, a command): choosing one is an admin's decision, so a document's Kubernetes
   * environments use the server's in-cluster service account, within the scope's namespaces.
   */
  private void kubernetes(Document d, TargetSpec.Kubernetes k) {
    if (k.kubeconfig() != null) {
      throw refuse(
          d,
          "target.kubeconfig",
          "a document may not name a kubeconfig file (the server's cluster credentials); its"
              + " Kubernetes environments use the server's in-cluster service account");
    }
    if (scope.namespaces() == null) {
      return;
    }
    String field =
        k.allowedNamespaces().isEmpty() ? "target.namespace" : "target.allowedNamespaces";
    for (String ns : k.namespacesInScope()) {
      if (!scope.namespaces().contains(ns)) {
        throw refuse(d, field, "namespace " + ns + " is not in the scope" + of("namespaces"));
      }
    }
  }

  private void targetCommands(Document d, Object postApply, Object healthCheck) {
    if (postApply != null) {
      commands(d, "target.postApply");
    }
    if (healthCheck != null) {
      commands(d, "target.healthCheck");
    }
  }

  /** A config environment declared by this one gets no more than this one may use. */
  private void within(Document d, TargetSpec.RegistryScope child) {
    if (scope.sources() != null
        && (child.sources() == null || !scope.sources().containsAll(child.sources()))) {
      throw refuse(d, "target.scope.sources", "the sources must lie within" + of("sources"));
    }
    if (scope.namespaces() != null
        && (child.namespaces() == null || !scope.namespaces().containsAll(child.namespaces()))) {
      throw refuse(
          d, "target.scope.namespaces", "the namespaces must lie within" + of("namespaces"));
    }
    if (scope.roots() != null) {
      if (child.roots() == null) {
        throw refuse(d, "target.scope.roots", "the roots must lie within" + of("roots"));
      }
      for (String root : child.roots()) {
        root(d, "target.scope.roots", Path.of(root));
      }
    }
    if (child.commands()) {
      commands(d, "target.scope.commands");
    }
  }

  private void root(Document d, String field, Path root) {
    Path normal = root.normalize();
    if (roots.stream().noneMatch(normal::startsWith)) {
      throw refuse(d, field, "root " + normal + " is not under" + of("roots") + " " + roots);
    }
  }

  private void commands(Document d, String field) {
    if (!scope.commands()) {
      throw refuse(
          d,
          field,
          "commands are not allowed in the scope of config environment " + self.name().value());
    }
  }

  private String of(String part) {
    return " of config environment " + self.name().value() + " (" + part + ")";
  }

  private static InvalidFieldException refuse(Document d, String field, String message) {
    return new InvalidFieldException(
        d.file(),
        field,
        d.file() + ": " + field + ": " + d.kind() + " " + d.name() + ": " + message);
  }
}
