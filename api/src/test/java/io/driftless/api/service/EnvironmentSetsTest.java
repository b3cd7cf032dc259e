package io.driftless.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.generate.DirectoryGenerator;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentSetsTest {
  private final RegistryDocuments documents = new RegistryDocuments(Jackson.newObjectMapper());
  private final EnvironmentSets sets = new EnvironmentSets(documents);

  private static final List<String> TREE =
      List.copyOf(
          DirectoryGenerator.directoriesOf(
              List.of(
                  "envs/web/prod/index.html",
                  "envs/web/staging/index.html",
                  "envs/api/prod/app.yaml",
                  "envs/legacy/old/x.txt",
                  "docs/readme.md")));

  private static String set(String paths, String exclude, String name, String root) {
    return "apiVersion: driftless.io/v1\n"
        + "kind: EnvironmentSet\n"
        + "name: apps\n"
        + "generator: {directories: {paths: ["
        + paths
        + "]"
        + (exclude.isEmpty() ? "" : ", exclude: [" + exclude + "]")
        + "}}\n"
        + "template:\n"
        + "  name: \""
        + name
        + "\"\n"
        + "  source: site\n"
        + "  ref: main\n"
        + "  path: \"{{path}}\"\n"
        + "  target: {type: directory, root: \""
        + root
        + "\"}\n"
        + "  sync: {auto: true}\n";
  }

  private Document one(String yaml) {
    return documents.parse("sets/apps.yaml", yaml).get(0);
  }

  /**
   * Generator paths, exclusions, name and root templates, then "name=path@root" per environment.
   */
  @ParameterizedTest(name = "[{index}] {0} minus {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '"envs/*/*"' | '"envs/legacy/*"' | {{path[1]}}-{{path.basename}} | /srv/{{path[1]}}/{{path.basename}} | api-prod=envs/api/prod@/srv/api/prod;web-prod=envs/web/prod@/srv/web/prod;web-staging=envs/web/staging@/srv/web/staging
          '"envs/*/*"' | ''                | {{path[1]}}-{{path.basename}} | /srv/{{path}}                      | api-prod=envs/api/prod@/srv/envs/api/prod;legacy-old=envs/legacy/old@/srv/envs/legacy/old;web-prod=envs/web/prod@/srv/envs/web/prod;web-staging=envs/web/staging@/srv/envs/web/staging
          '"envs/*/prod"' | ''             | {{ path[1] }}                 | /srv/{{path[1]}}                   | api=envs/api/prod@/srv/api;web=envs/web/prod@/srv/web
          '"envs/web/*"' | '"*/*/staging"' | web-{{path.basename}}         | /srv/w                             | web-prod=envs/web/prod@/srv/w
          '"nothing/*"' | ''                | {{path.basename}}             | /srv/x                             | ''
          """)
  void generatesOneEnvironmentPerSelectedDirectory(
      String paths, String exclude, String name, String root, String expected) {
    List<Document> generated = sets.generate(one(set(paths, exclude, name, root)), TREE);

    assertThat(generated)
        .extracting(
            d -> d.name() + "=" + d.environment().path() + "@" + d.environment().target().root())
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(";")));
    assertThat(generated)
        .allSatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.Environment);
              assertThat(d.file()).isEqualTo("sets/apps.yaml#apps");
              assertThat(d.environment().source()).isEqualTo("site");
              assertThat(d.environment().sync().auto()).isTrue();
            });
  }

  @Test
  void aGeneratedNameThatIsNotAValidNameFailsNamingTheDirectory() {
    Document set = one(set("\"envs/*/*\"", "", "{{path[1]}}_{{path.basename}}", "/srv/x"));

    assertThatThrownBy(() -> sets.generate(set, TREE))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.file()).isEqualTo("sets/apps.yaml");
              assertThat(e.field()).isEqualTo("template.name");
              assertThat(e.getMessage())
                  .startsWith("sets/apps.yaml: EnvironmentSet apps: directory envs/api/prod")
                  .contains("api_prod");
            });
  }

  @Test
  void anUnknownPlaceholderFailsNamingItEvenWhenNothingIsSelected() {
    Document set = one(set("\"nothing/*\"", "", "{{path.name}}", "/srv/x"));

    assertThatThrownBy(() -> sets.generate(set, TREE))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.field()).isEqualTo("template.name");
              assertThat(e.getMessage()).contains("unknown placeholder '{{path.name}}'");
            });
  }

  @Test
  void twoDirectoriesGeneratingOneNameFailNamingBoth() {
    Document set = one(set("\"envs/*/*\"", "", "{{path.basename}}", "/srv/{{path}}"));

    assertThatThrownBy(() -> sets.generate(set, TREE))
        .hasMessageContaining("directories envs/api/prod and envs/web/prod both generate");
  }

  @Test
  void aTemplateHoldsAnEnvironmentsFieldsOnly() {
    assertThatThrownBy(() -> one(set("\"envs/*\"", "", "x", "/srv/x") + "  kind: Source\n"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("template.kind"));
  }

  @Test
  void placeholdersInSourceOrRefAndSecretsInTheTemplateAreRefused() {
    assertThatThrownBy(
            () ->
                one(set("\"envs/*\"", "", "x", "/srv/x").replace("ref: main", "ref: \"{{path}}\"")))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("template.ref"));
    assertThatThrownBy(
            () ->
                one(
                    set("\"envs/*\"", "", "x", "/srv/x")
                        + "  variables: {values: {password: hunter2}}\n"))
        .hasMessageContaining("template.variables.values.password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void expandReplacesEachSetInPlaceAndAsksTheTreeUnderTheGeneratorsBase() {
    List<Document> read =
        documents.parse(
            "all.yaml",
            "apiVersion: driftless.io/v1\nkind: Source\nname: site\nurl: https://git.example.com/s.git\n---\n"
                + set("\"envs/web/*\"", "", "web-{{path.basename}}", "/srv/{{path.basename}}"));
    Map<String, String> asked = new java.util.HashMap<>();

    List<Document> expanded =
        sets.expand(
            read,
            (set, base) -> {
              asked.put(set.name(), base);
              return TREE;
            });

    assertThat(asked).containsExactly(Map.entry("apps", "envs/web"));
    assertThat(expanded)
        .extracting(d -> d.kind() + " " + d.name())
        .containsExactly("Source site", "Environment web-prod", "Environment web-staging");
  }
}
