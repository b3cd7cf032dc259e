package io.driftless.cli;

import static io.driftless.cli.OfflineCommandsTest.fails;
import static io.driftless.cli.OfflineCommandsTest.rendered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless render --identity KEYFILE}: SOPS files of a local checkout render decrypted, the
 * real {@code sops} fixtures (engine test resources, README there) to their listed plaintexts;
 * without a key they render as committed, and a file that does not decrypt fails naming it and
 * without a value.
 */
class RenderSecretsTest {
  @TempDir Path dir;
  Path ageKey;
  Path fluxPgpKey;
  Path sopsPgpKey;

  @BeforeEach
  void keyFiles() throws Exception {
    ageKey = Files.writeString(dir.resolve("age.txt"), Fixtures.text("keys/age.txt"));
    fluxPgpKey = Files.writeString(dir.resolve("pgp.asc"), Fixtures.text("keys/pgp.asc"));
    sopsPgpKey =
        Files.writeString(dir.resolve("sops.asc"), Fixtures.text("keys/sops-functional-tests.asc"));
  }

  /** A repository with every fixture under {@code secrets/}, plus {@code more}. */
  private TestGitRepo fixturesRepo(Map<String, String> more) {
    TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"));
    Map<String, String> files = new HashMap<>(more);
    Fixtures.NAMES.forEach(name -> files.put("secrets/" + name, Fixtures.text(name)));
    repo.commit(files, "sops files");
    return repo;
  }

  private String[] withAllKeys(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--identity",
            ageKey.toString(),
            "--identity",
            fluxPgpKey.toString(),
            "--identity",
            sopsPgpKey.toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void everyFixtureRendersToItsPlaintext() throws Exception {
    try (TestGitRepo repo = fixturesRepo(Map.of("secrets/plain.conf", "port=80\n"))) {
      String path = repo.dir().resolve("secrets").toString();

      Cli.Result r = new Cli().run(withAllKeys("render", path, "--content"));

      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.out())
          .contains("Rendered 8 resource(s) from secrets")
          .contains("--- age.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n    name: age\n")
          .contains("--- pgp.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n    name: pgp\n")
          .contains("stringData:\n    key: value\n")
          .contains("--- values.env\nkey=value\n")
          .contains("myapp1: t00m4nys3cr3tzupdated\n", "password: c4r1b0u\n")
          .contains("- secretuser1\n", "value: with something secret in it\n")
          .contains("--- format.json\n{\n\t\"foo\": \"bar\"\n}\n")
          .contains("--- format.env\nfoo = bar\n")
          .contains("--- format.ini\n[foo]\nbar = baz\n")
          .contains("--- plain.conf\nport=80\n")
          .contains("(sensitive)")
          .doesNotContain("ENC[", "sops:", "sops_");

      JsonNode list =
          new ObjectMapper().readTree(rendered(path, withAllKeys("-o", "json", "--content")));
      for (JsonNode resource : list) {
        boolean secret = Fixtures.NAMES.contains(resource.path("key").asText());
        assertThat(resource.path("hash").isNull()).as(resource.toString()).isEqualTo(secret);
      }
    }
  }

  @Test
  void kubernetesSecretFixturesRenderAsManifests() {
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(
          Map.of(
              "k8s/age.yaml", Fixtures.text("age.yaml"),
              "k8s/pgp.yaml", Fixtures.text("pgp.yaml"),
              "k8s/app.env", Fixtures.text("format.env")),
          "secrets");
      String path = repo.dir().resolve("k8s").toString();

      Cli.Result r =
          new Cli()
              .run(
                  "render",
                  path,
                  "--renderer",
                  "manifests",
                  "--namespace",
                  "shop",
                  "--content",
                  "--identity",
                  ageKey.toString(),
                  "--identity",
                  fluxPgpKey.toString());

      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("Rendered 2 resource(s) from k8s")
          .contains("core/Secret/shop/age", "core/Secret/shop/pgp")
          .contains("\"stringData\" : {\n    \"key\" : \"value\"\n  }")
          .doesNotContain("ENC[", "sops");
      // a decrypted Secret's hash would let a reader test guesses of its values
      assertThat(r.out().split("\\(sensitive\\)", -1)).hasSize(3);
      // the manifests renderer skips app.env, so its key (not offered) was never needed
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void withoutAnIdentitySopsFilesRenderAsCommittedWithOneNote() {
    try (TestGitRepo repo = fixturesRepo(Map.of("secrets/.driftlessignore", "format.*\n"))) {
      String path = repo.dir().resolve("secrets").toString();

      Cli.Result r = new Cli().run("render", path, "--content");

      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out()).contains(Fixtures.text("age.yaml")).doesNotContain("(sensitive)");
      assertThat(r.err())
          .isEqualTo(
              "note: 4 SOPS file(s) left encrypted: --identity KEYFILE decrypts them"
                  + System.lineSeparator());
    }
  }

  @Test
  void aFileEncryptedWithSecretsEncryptRendersWithItsAgeKey() throws Exception {
    AgeCli.Key key = AgeCli.keygen(dir.resolve("keys.txt"));
    String secret = randomSecret();
    Path plain = Files.writeString(dir.resolve("db.env"), "PASSWORD=" + secret + "\n");
    Cli.Result enc =
        new Cli().run("secrets", "encrypt", "--age", key.recipient(), plain.toString());
    assertThat(enc.exit()).as(enc.toString()).isZero();
    // age's own output is not a SOPS file: it renders as it is, even with a key
    String ageArmored =
        new String(
            AgeCli.encrypt(
                ("TOKEN=" + secret + "\n").getBytes(StandardCharsets.UTF_8), key.recipient()),
            StandardCharsets.US_ASCII);
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(Map.of("env/db.env", enc.out(), "env/token.age", ageArmored), "secrets");
      String path = repo.dir().resolve("env").toString();

      assertThat(rendered(path, "--content", "--identity", dir.resolve("keys.txt").toString()))
          .contains("--- db.env\nPASSWORD=" + secret + "\n")
          .contains("--- token.age\n" + ageArmored);

      Cli.Result withoutKey = new Cli().run("render", path, "--content");
      assertThat(withoutKey.out()).doesNotContain(secret).contains(enc.out());
      assertThat(withoutKey.err()).contains("note: 1 SOPS file(s) left encrypted");
    }
  }

  @Test
  void aChangedValueOrAWrongKeyFailsNamingTheFileWithoutAValue() throws Exception {
    AgeCli.Key key = AgeCli.keygen(dir.resolve("keys.txt"));
    AgeCli.Key other = AgeCli.keygen(dir.resolve("other.txt"));
    String secret = randomSecret();
    Path plain = Files.writeString(dir.resolve("s.yaml"), "password: " + secret + "\n");
    String encrypted =
        new Cli().run("secrets", "encrypt", "--age", key.recipient(), plain.toString()).out();
    String value = encrypted.substring(encrypted.indexOf("data:") + 5, encrypted.indexOf(",iv:"));
    String tampered =
        encrypted.replace(
            "data:" + value, "data:" + (value.startsWith("A") ? "B" : "A") + value.substring(1));
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(Map.of("env/s.yaml", tampered), "tampered");
      String path = repo.dir().resolve("env").toString();

      assertThat(
              fails(
                  1, "render", path, "--content", "--identity", dir.resolve("keys.txt").toString()))
          .startsWith("error: " + path + "/s.yaml: sops.mac_mismatch: ")
          .doesNotContain(secret);

      repo.commit(Map.of("env/s.yaml", encrypted), "restored");
      assertThat(
              fails(
                  1,
                  "render",
                  path,
                  "--content",
                  "--identity",
                  dir.resolve("other.txt").toString()))
          .startsWith("error: " + path + "/s.yaml: sops.no_key: ")
          .contains(key.recipient(), other.recipient())
          .doesNotContain(secret);
    }
  }

  @Test
  void anUnreadableOrEmptyKeyFileIsExitTwo() throws Exception {
    try (TestGitRepo repo = fixturesRepo(Map.of())) {
      String path = repo.dir().resolve("secrets").toString();
      assertThat(fails(2, "render", path, "--identity", dir.resolve("none.txt").toString()))
          .contains("cannot read --identity " + dir.resolve("none.txt"));
      Path empty = Files.writeString(dir.resolve("empty.txt"), "# no key here\n");
      assertThat(fails(2, "render", path, "--identity", empty.toString()))
          .contains("--identity " + empty + ": holds no key");
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
