package io.driftless.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.dropwizard.jackson.Jackson;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RegistryDocumentsTest {
  private static final ObjectMapper JSON = Jackson.newObjectMapper();
  private final RegistryDocuments documents = new RegistryDocuments(JSON);

  private static final String SOURCE =
      "apiVersion: driftless.io/v1\nkind: Source\nname: site\nurl: https://git.example.com/s.git\n";
  private static final String ENVIRONMENT =
      "apiVersion: driftless.io/v1\n"
          + "kind: Environment\n"
          + "name: web\n"
          + "source: site\n"
          + "ref: main\n"
          + "path: web\n"
          + "target: {type: directory, root: /srv/www}\n";

  private static void refused(ThrowingCallable call, String file, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(file + ": " + field);
            });
  }

  @Test
  void aFileHoldsDocumentsOfBothKindsReadThroughTheRequestRecords() {
    List<Document> read =
        documents.parse(
            "all.yaml", "---\n" + SOURCE + "---\n" + ENVIRONMENT + "adopt: true\n---\n");

    assertThat(read).extracting(Document::kind).containsExactly(Kind.Source, Kind.Environment);
    assertThat(read.get(0).source().url()).isEqualTo("https://git.example.com/s.git");
    assertThat(read.get(0).adopt()).isFalse();
    assertThat(read.get(1).environment().target().root()).isEqualTo("/srv/www");
    assertThat(read.get(1).adopt()).isTrue();
    assertThat(read).allSatisfy(d -> assertThat(d.file()).isEqualTo("all.yaml"));
  }

  @Test
  void aSecretAnywhereIsRefusedNamingTheFileAndTheFieldWithoutItsValue() {
    for (String field : List.of("token", "password", "privateKey", "passphrase")) {
      String text = SOURCE + "writeAuth: {type: ssh, " + field + ": s3cr3t-value}\n";
      refused(() -> documents.parse("src.yaml", text), "src.yaml", "writeAuth." + field);
      assertThatThrownBy(() -> documents.parse("src.yaml", text))
          .message()
          .doesNotContain("s3cr3t-value")
          .contains("named credential");
    }
    refused(
        () -> documents.parse("s.yaml", SOURCE + "webhookSecret: 0123456789abcdef0123\n"),
        "s.yaml",
        "webhookSecret");
    refused(
        () ->
            documents.parse(
                "e.yaml", ENVIRONMENT + "notifications: [{type: slack, url: https://hooks/x}]\n"),
        "e.yaml",
        "notifications");
  }

  @Test
  void theHeadAndTheFieldsAreChecked() {
    refused(
        () -> documents.parse("a.yaml", SOURCE.replace("driftless.io/v1", "driftless.io/v2")),
        "a.yaml",
        "apiVersion");
    refused(
        () -> documents.parse("k.yaml", SOURCE.replace("kind: Source", "kind: Pod")),
        "k.yaml",
        "kind");
    refused(() -> documents.parse("u.yaml", SOURCE + "colour: blue\n"), "u.yaml", "colour");
    refused(
        () -> documents.parse("n.yaml", SOURCE.replace("name: site", "name: Not_A_Name")),
        "n.yaml",
        "name");
    refused(
        () -> documents.parse("r.yaml", ENVIRONMENT.replace("ref: main\n", "")), "r.yaml", "ref");
    refused(() -> documents.parse("y.yaml", "a: [unclosed"), "y.yaml", "");
    refused(() -> documents.parse("d.yaml", SOURCE + "name: twice\n"), "d.yaml", "");
  }

  @Test
  void anExportedDocumentReadsBackAsTheSameRequest() {
    Document read = documents.parse("e.yaml", ENVIRONMENT).get(0);
    EnvironmentRequest normalized = EnvironmentRequest.from(read.environment().toDomain());

    JsonNode written = documents.document(Kind.Environment, normalized);
    Document again = documents.parse("again.yaml", documents.write(List.of(written))).get(0);

    assertThat(again.environment().toDomain()).isEqualTo(read.environment().toDomain());
    assertThat(written.has("notifications")).isFalse();
  }

  @Test
  void theSchemaNamesEveryFieldOfTheRequestRecordsButTheSecretOnes() {
    JsonNode schema = new RegistrySchema(JSON).schema();
    assertFields(schema.path("oneOf").get(0).path("properties"), SourceRequest.class);
    assertFields(schema.path("oneOf").get(1).path("properties"), EnvironmentRequest.class);
    assertThat(
            schema
                .path("oneOf")
                .get(0)
                .path("properties")
                .path("auth")
                .path("properties")
                .has("token"))
        .isFalse();
  }

  private static void assertFields(JsonNode properties, Class<? extends Record> request) {
    for (RecordComponent c : request.getRecordComponents()) {
      boolean refused =
          RegistryDocuments.SECRET_FIELDS.contains(c.getName())
              || c.getName().equals(RegistryDocuments.NOTIFICATIONS);
      assertThat(properties.has(c.getName())).as(c.getName()).isEqualTo(!refused);
    }
    assertThat(properties.has("apiVersion")).isTrue();
    assertThat(properties.has("adopt")).isTrue();
  }
}
