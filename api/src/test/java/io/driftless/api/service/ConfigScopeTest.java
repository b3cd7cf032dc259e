package io.driftless.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.TargetSpec;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigScopeTest {
  private final RegistryDocuments documents = new RegistryDocuments(Jackson.newObjectMapper());

  private static final TargetSpec.Registry TEAM_A =
      new TargetSpec.Registry(
          new TargetSpec.RegistryScope(
              List.of("site"), List.of("/srv/team-a"), List.of("team-a"), false),
          false);

  private final Environment self = config("platform", "infra", TEAM_A);

  private Environment config(String name, String source, TargetSpec.Registry target) {
    return documents
        .parse(
            "config.yaml",
            "apiVersion: driftless.io/v1\nkind: Environment\nname: "
                + name
                + "\nsource: "
                + source
                + "\nref: main\npath: driftless\ntarget: {type: driftless}\n")
        .get(0)
        .environment()
        .toDomain()
        .withTarget(target);
  }

  private Document environment(ConfigScope scope, String target) {
    return documents
        .parse(
            "e.yaml",
            "apiVersion: driftless.io/v1\nkind: Environment\nname: web\nsource: site\nref: main\n"
                + "target: "
                + target
                + "\n",
            scope::resolve)
        .get(0);
  }

  private void refused(ConfigScope scope, String target, String field) {
    Document d = environment(scope, target);
    assertThatThrownBy(() -> scope.check(d))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.file()).isEqualTo("e.yaml");
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).contains("e.yaml").contains(field);
            });
  }

  @Test
  void aRelativeRootResolvesUnderTheFirstRootAndMayNotLeaveIt() {
    ConfigScope scope = new ConfigScope(self, TEAM_A, List.of(Path.of("/srv")), Set.of());
    Document d = environment(scope, "{type: directory, root: web}");
    assertThat(((TargetSpec.Directory) d.environment().toDomain().target()).root())
        .isEqualTo(Path.of("/srv/team-a/web"));
    assertThatCode(() -> scope.check(d)).doesNotThrowAnyException();
    refused(scope, "{type: directory, root: ../team-b/web}", "target.root");
    refused(scope, "{type: directory, root: /srv/other}", "target.root");
  }

  @Test
  void theDefaultRootsAreTheServersAndCommandsAreOff() {
    TargetSpec.Registry defaults = new TargetSpec.Registry(null, false);
    ConfigScope scope =
        new ConfigScope(
            config("platform", "infra", defaults), defaults, List.of(Path.of("/srv")), Set.of());
    assertThat(
            ((TargetSpec.Directory)
                    environment(scope, "{type: directory, root: web}")
                        .environment()
                        .toDomain()
                        .target())
                .root())
        .isEqualTo(Path.of("/srv/web"));
    refused(
        scope, "{type: directory, root: /srv/web, postApply: {argv: [nginx]}}", "target.postApply");
  }

  @Test
  void namespacesOutsideTheScopeAreRefused() {
    ConfigScope scope = new ConfigScope(self, TEAM_A, List.of(), Set.of());
    assertThatCode(() -> scope.check(environment(scope, "{type: kubernetes, namespace: team-a}")))
        .doesNotThrowAnyException();
    refused(scope, "{type: kubernetes, namespace: team-b}", "target.namespace");
    refused(
        scope,
        "{type: kubernetes, namespace: team-a, allowedNamespaces: ['*']}",
        "target.allowedNamespaces");
  }

  @Test
  void aDocumentMayNotNameAKubeconfigFileEvenWithCommandsAllowed() {
    TargetSpec.Registry open =
        new TargetSpec.Registry(new TargetSpec.RegistryScope(null, null, null, true), false);
    ConfigScope scope =
        new ConfigScope(config("platform", "infra", open), open, List.of(), Set.of());
    assertThatCode(() -> scope.check(environment(scope, "{type: kubernetes, namespace: web}")))
        .doesNotThrowAnyException();
    refused(
        scope,
        "{type: kubernetes, namespace: web, kubeconfig: /etc/driftless/prod.kubeconfig}",
        "target.kubeconfig");
  }

  @Test
  void aChildConfigEnvironmentStaysWithinItsParentsScope() {
    ConfigScope scope = new ConfigScope(self, TEAM_A, List.of(), Set.of("root"));
    assertThatCode(
            () ->
                scope.check(
                    environment(
                        scope,
                        "{type: driftless, scope: {sources: [site], roots: [/srv/team-a/x],"
                            + " namespaces: [team-a]}}")))
        .doesNotThrowAnyException();
    refused(scope, "{type: driftless}", "target.scope.sources");
    refused(
        scope,
        "{type: driftless, scope: {sources: [site], roots: [/srv], namespaces: [team-a]}}",
        "target.scope.roots");
    refused(
        scope,
        "{type: driftless, scope: {sources: [site], roots: [/srv/team-a], namespaces: [team-a],"
            + " commands: true}}",
        "target.scope.commands");
  }
}
