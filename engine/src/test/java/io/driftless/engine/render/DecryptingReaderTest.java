package io.driftless.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.jgit.MirroredRepoTestBase;
import io.driftless.engine.secrets.AgeIdentity;
import io.driftless.engine.secrets.AgeRecipient;
import io.driftless.engine.secrets.DecryptionIdentity;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.engine.secrets.SopsEncryptor;
import io.driftless.engine.secrets.SopsException;
import io.driftless.engine.secrets.SopsRecipients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files renderer reads the real {@code sops} fixtures decrypted through a {@link
 * DecryptingReader}, every other file as before, and a file that does not decrypt fails the render
 * naming it, without a value.
 */
class DecryptingReaderTest extends MirroredRepoTestBase {
  private static final String SECRET_OF_AGE_YAML = "stringData:\n    key: value\n";
  private static final String ENCRYPTED_VALUE_OF_AGE_YAML = "data:mHeXsmQ=";

  private void commitFixtures(Map<String, String> more) {
    Map<String, String> files = new HashMap<>(more);
    Fixtures.NAMES.forEach(name -> files.put("env/" + name, Fixtures.text(name)));
    remote.commit(files, "sops files");
  }

  @Test
  void everyFixtureRendersAsItsPlaintextInItsOwnFormat() {
    commitFixtures(Map.of("env/plain.conf", "port=80\n"));
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(Fixtures.allKeys()));

    DesiredState state = renderFiles(reader, Variables.none());

    assertThat(text(state, "age.yaml"))
        .isEqualTo("apiVersion: v1\nkind: Secret\nmetadata:\n    name: age\n" + SECRET_OF_AGE_YAML);
    assertThat(text(state, "pgp.yaml"))
        .isEqualTo("apiVersion: v1\nkind: Secret\nmetadata:\n    name: pgp\n" + SECRET_OF_AGE_YAML);
    assertThat(text(state, "values.env")).isEqualTo("key=value\n");
    assertThat(text(state, "example.yaml"))
        .contains("myapp1: t00m4nys3cr3tzupdated\n", "password: c4r1b0u\n", "- secretuser1\n")
        .doesNotContain("ENC[", "sops:");
    assertThat(text(state, "format.json")).isEqualTo("{\n\t\"foo\": \"bar\"\n}\n");
    assertThat(text(state, "format.env")).isEqualTo("foo = bar\n");
    assertThat(text(state, "format.ini")).isEqualTo("[foo]\nbar = baz\n");
    assertThat(text(state, "plain.conf")).isEqualTo("port=80\n");
    assertThat(reader.sopsFilesRead()).containsExactlyInAnyOrderElementsOf(Fixtures.NAMES);
  }

  @Test
  void aDecryptedFileHasItsPlaintextSizeButNoHashOfItsPlaintext() {
    commitFixtures(Map.of());
    Revision revision = git.update(source, "main");
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(Fixtures.allKeys()));
    PathTree plain = git.readPath(source, revision, "env");
    PathTree decrypted = reader.readPath(source, revision, "env");

    ContentHash encryptedBlob = blobOf(plain, "values.env");
    ContentHash id = blobOf(decrypted, "values.env");
    byte[] plaintext = "key=value\n".getBytes(StandardCharsets.UTF_8);
    assertThat(id).isNotEqualTo(encryptedBlob).isNotEqualTo(ContentHash.ofBytes(plaintext));
    assertThat(reader.blobSize(source, id)).isEqualTo(plaintext.length);
    assertThat(reader.readBlob(source, id)).isEqualTo(plaintext);
    // the encrypted blob itself still reads as it is in Git
    assertThat(reader.readBlob(source, encryptedBlob))
        .isEqualTo(Fixtures.bytes("values.env"))
        .isEqualTo(git.readBlob(source, encryptedBlob));
    assertThat(decrypted.treeId()).isEqualTo(plain.treeId());
  }

  @Test
  void otherFilesKeepTheirBlobsAndBytesEvenWithASopsKeyOfTheirOwn() {
    String helmValues = "replicas: 2\nsops:\n  enabled: true\n";
    remote.commit(Map.of("env/values.yaml", helmValues, "env/app.env", "A=${A}\n"), "plain");
    Revision revision = git.update(source, "main");
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(Fixtures.allKeys()));

    assertThat(reader.readPath(source, revision, "env"))
        .isEqualTo(git.readPath(source, revision, "env"));
    DesiredState state = renderFiles(reader, new Variables(Map.of("A", "1"), List.of("*.env")));
    assertThat(text(state, "values.yaml")).isEqualTo(helmValues);
    assertThat(text(state, "app.env")).isEqualTo("A=1\n");
    assertThat(reader.sopsFilesRead()).isEmpty();
  }

  /** {@code plain} as a SOPS file for the fixtures' age key, in the store {@code path} picks. */
  private static byte[] encryptForTheAgeKey(String path, byte[] plain) {
    AgeIdentity key = AgeIdentity.parse(Fixtures.text("keys/age.txt")).get(0);
    return new SopsEncryptor(Clock.systemUTC())
        .encrypt(path, plain, SopsRecipients.age(new AgeRecipient(key.recipient())));
  }

  @Test
  void aBinarySopsFileRendersAsItsExactBytes() {
    byte[] plain = {0, 1, 2, (byte) 0xff, '\n', 0};
    remote.write("env/logo.bin", encryptForTheAgeKey("logo.bin", plain)).commit("binary");
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(Fixtures.ageKey()));

    DesiredState state = renderFiles(reader, Variables.none());

    assertThat(state.get(ResourceKey.of("logo.bin")).content().bytes()).isEqualTo(plain);
  }

  @Test
  void aDecryptedFileMatchingTheVariableFilesGetsVariablesSubstituted() {
    byte[] encrypted =
        encryptForTheAgeKey("app.env", "GREETING=${NAME}\n".getBytes(StandardCharsets.UTF_8));
    remote.commit(
        Map.of("env/app.env", new String(encrypted, StandardCharsets.UTF_8)), "a variable");
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(Fixtures.ageKey()));

    DesiredState state = renderFiles(reader, new Variables(Map.of("NAME", "hi"), List.of("*.env")));

    assertThat(text(state, "app.env")).isEqualTo("GREETING=hi\n");
  }

  @Test
  void aFileTheRendererSkipsNeedsNoKey() {
    commitFixtures(Map.of("env/.driftlessignore", "pgp.yaml\nexample.yaml\nformat.*\n"));
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(Fixtures.ageKey()));

    DesiredState state = renderFiles(reader, Variables.none());

    assertThat(state.resources().keySet())
        .extracting(ResourceKey::value)
        .containsExactly("age.yaml", "values.env");
    assertThat(reader.sopsFilesRead()).containsExactly("age.yaml", "values.env");
  }

  /**
   * Renders {@code secretYaml} as env/secret.yaml with {@code keys}: the render fails, without the
   * plaintext in its message.
   */
  private RenderException failureOf(String secretYaml, List<DecryptionIdentity> keys) {
    remote.commit(Map.of("env/secret.yaml", secretYaml), "secret.yaml");
    DecryptingReader reader = DecryptingReader.decrypting(git, new SopsDecryptor(keys));
    Throwable thrown = catchThrowable(() -> renderFiles(reader, Variables.none()));
    assertThat(thrown).isInstanceOf(RenderException.class);
    assertThat(thrown.getMessage()).doesNotContain(": value", "\"value\"", "value\n");
    return (RenderException) thrown;
  }

  @Test
  void aChangedValueFailsNamingTheFileAndCodeWithoutAValue() {
    RenderException e =
        failureOf(
            Fixtures.text("age.yaml").replace(ENCRYPTED_VALUE_OF_AGE_YAML, "data:nHeXsmQ="),
            Fixtures.ageKey());

    assertThat(e.file()).isEqualTo("secret.yaml");
    assertThat(e.getMessage())
        .startsWith("secret.yaml: sops.mac_mismatch: ")
        .contains("Restore it from a trusted commit");
    assertThat(e.getCause())
        .isInstanceOf(SopsException.class)
        .extracting(c -> ((SopsException) c).code())
        .isEqualTo("sops.mac_mismatch");
  }

  @Test
  void aValueOfAnotherTypeFailsNamingItsLine() {
    // the type is outside what GCM authenticates: the value decrypts, then does not parse
    RenderException e =
        failureOf(
            Fixtures.text("age.yaml").replaceFirst("type:str]", "type:int]"), Fixtures.ageKey());

    assertThat(e.line()).isEqualTo(6);
    assertThat(e.getMessage())
        .startsWith("secret.yaml:6: sops.malformed: the value at stringData:key:");
  }

  @Test
  void aWrongKeyFailsNamingTheRecipientsOfTheFile() {
    RenderException e = failureOf(Fixtures.text("age.yaml"), Fixtures.sopsPgpKey());

    assertThat(e.getMessage())
        .startsWith("secret.yaml: sops.no_key: no decryption identity matches")
        .contains("age1", "offered FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
  }

  @Test
  void leftEncryptedSopsFilesReadAsInGitAndAreCounted() {
    commitFixtures(Map.of("env/.driftlessignore", "format.*\n"));
    DecryptingReader reader = DecryptingReader.leavingEncrypted(git);

    DesiredState state = renderFiles(reader, Variables.none());

    assertThat(text(state, "age.yaml")).isEqualTo(Fixtures.text("age.yaml"));
    PathTree inGit = git.readPath(source, state.revision(), "env");
    assertThat(state.get(ResourceKey.of("age.yaml")).hash()).isEqualTo(blobOf(inGit, "age.yaml"));
    assertThat(reader.sopsFilesRead())
        .containsExactly("age.yaml", "example.yaml", "pgp.yaml", "values.env");
  }

  private static ContentHash blobOf(PathTree tree, String path) {
    return tree.entries().stream()
        .filter(e -> e.path().equals(path))
        .findFirst()
        .orElseThrow()
        .blob();
  }
}
