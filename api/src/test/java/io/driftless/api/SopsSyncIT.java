package io.driftless.api;

import static io.driftless.engine.testing.GitDaemon.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SOPS files decrypted during a sync, end to end over HTTP with real Git repositories, the
 * directory target and real age keys (age-keygen): the fixtures of the real {@code sops} decrypt
 * with the server's key file and a source's named credentials; a tampered file, a wrong or missing
 * key fail the run at render and apply nothing; a rollback restores the decrypted file, from Git or
 * from a snapshot that holds it encrypted; and a secret made by the test is in no response, log
 * line at DEBUG, metric or database file.
 */
class SopsSyncIT {
  /** The fixtures' age key is the server's own key file; their PGP keys are named credentials. */
  private static final Path SERVER_KEY = serverKeyFile();

  @RegisterExtension
  static final TestServer SERVER =
      TestServer.atDebug(ConfigOverride.config("secrets.ageKeyFile", SERVER_KEY.toString()));

  private final Api admin = SERVER.admin();

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  /** How a change of a decrypted file shows: that it changed, and how many of its values. */
  static final String VALUES_CHANGED = "\\(sensitive value changed: \\d+ values?\\)";

  /** That a sensitive value changed, with how many values or without (when that is not known). */
  static final String SENSITIVE_CHANGED = "\\(sensitive value changed(: \\d+ values?)?\\)";

  private static Path serverKeyFile() {
    try {
      Path file = Files.createTempFile("driftless-sops-server", ".txt");
      Files.write(file, Fixtures.bytes("keys/age.txt"));
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyFixtureOfRealSopsDecryptsThroughASyncToTheDirectoryTarget() throws Exception {
    admin.createCredential("flux-pgp", "pgp-key", "privateKey", Fixtures.text("keys/pgp.asc"));
    admin.createCredential(
        "sops-pgp", "pgp-key", "privateKey", Fixtures.text("keys/sops-functional-tests.asc"));
    TestGitRepo repo = SERVER.repo("fixtures-repo");
    Map<String, String> files = new HashMap<>();
    for (String name : Fixtures.NAMES) {
      files.put("env/" + name, Fixtures.text(name));
    }
    files.put("env/plain.conf", "port=80\n");
    repo.commit(files, "fixtures");
    admin.createSource("fixtures", repo.url(), List.of("flux-pgp", "sops-pgp"));
    Path target = SERVER.targets().resolve("fixtures");
    admin.createEnvironment(EnvironmentBody.directory("fixtures", "fixtures", "env", target));

    long run = admin.syncSucceeded("fixtures", Map.of());

    assertThat(read(target.resolve("age.yaml"))).contains("key: value").doesNotContain("sops");
    assertThat(read(target.resolve("pgp.yaml"))).contains("key: value").doesNotContain("sops");
    assertThat(read(target.resolve("values.env"))).isEqualTo("key=value\n");
    assertThat(read(target.resolve("example.yaml")))
        .contains("myapp1: t00m4nys3cr3tzupdated")
        .contains("password: c4r1b0u")
        .contains("secretuser1")
        .contains("with something secret in it")
        .doesNotContain("ENC[")
        .doesNotContain("sops:");
    assertThat(read(target.resolve("format.json")).replaceAll("\\s", ""))
        .isEqualTo("{\"foo\":\"bar\"}");
    // As sops -d writes them (the engine's SopsFixturesTest holds the same).
    assertThat(read(target.resolve("format.env"))).isEqualTo("foo = bar\n");
    assertThat(read(target.resolve("format.ini"))).isEqualTo("[foo]\nbar = baz\n");
    for (String name : Fixtures.NAMES) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("plain.conf"))))
        .isEqualTo("rw-r--r--");

    // Every decrypted file is a sensitive value in the run's changes: no diff, no hash.
    JsonNode changes = admin.get("/api/v1/runs/" + run + "/changes").json();
    for (String name : Fixtures.NAMES) {
      JsonNode change = SensitiveValuesIT.change(changes, name);
      assertThat(change.path("diff").asText()).as(name).containsPattern(VALUES_CHANGED);
      assertThat(change.path("afterHash").isNull()).as(name).isTrue();
    }
    assertThat(SensitiveValuesIT.change(changes, "plain.conf").path("diff").asText())
        .contains("+port=80");

    // Unchanged files are no drift and need no write on the next run.
    Api.Reply again = admin.sync("fixtures", Map.of());
    assertThat(again.text("status")).as(again.toString()).isIn("succeeded", "no_op", "noop");
    JsonNode env = admin.get("/api/v1/environments/fixtures").json().path("state");
    assertThat(env.path("drift").asBoolean()).isFalse();
    assertThat(env.path("outOfSync").asBoolean()).isFalse();

    // A decrypted file edited by hand is drift, undone by the next sync.
    Files.writeString(target.resolve("values.env"), "key=changed-by-hand\n");
    long healed = admin.syncSucceeded("fixtures", Map.of());
    assertThat(read(target.resolve("values.env"))).isEqualTo("key=value\n");
    JsonNode undone =
        SensitiveValuesIT.change(
            admin.get("/api/v1/runs/" + healed + "/changes").json(), "values.env");
    assertThat(undone.path("drift").asBoolean()).as(undone.toString()).isTrue();
    assertThat(undone.path("diff").asText()).containsPattern(SENSITIVE_CHANGED);
    assertThat(undone.toString()).doesNotContain("changed-by-hand");

    // With decrypt: false, the files go to the target as they are in Git.
    Api.Reply off =
        admin.patch("/api/v1/environments/fixtures", Map.of("decrypt", false)).expect(200);
    assertThat(off.json().path("decrypt").asBoolean()).isFalse();
    admin.syncSucceeded("fixtures", Map.of());
    assertThat(read(target.resolve("values.env"))).isEqualTo(Fixtures.text("values.env"));
  }

  @Test
  void decryptedFilesAreWrittenWithTheEnvironmentsDecryptionModeAndABadModeIsA422()
      throws Exception {
    TestGitRepo repo = SERVER.repo("mode-repo");
    repo.commit(Map.of("env/age.yaml", Fixtures.text("age.yaml"), "env/a.conf", "a\n"), "first");
    admin.createSource("mode", repo.url(), List.of());
    Path target = SERVER.targets().resolve("mode");
    for (String bad : List.of("0999", "640x", "0200", "01640")) {
      Api.Reply refused =
          admin.post(
              "/api/v1/environments",
              EnvironmentBody.directory("mode", "mode", "env", target)
                  .with("decryption", Map.of("mode", bad))
                  .toMap());
      assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(422);
      assertThat(refused.invalidField()).isEqualTo("decryption.mode");
    }
    Api.Reply created =
        admin
            .post(
                "/api/v1/environments",
                EnvironmentBody.directory("mode", "mode", "env", target)
                    .with("decryption", Map.of("mode", "640"))
                    .toMap())
            .expect(201);
    assertThat(created.json().path("decryption").path("mode").asText()).isEqualTo("0640");

    admin.syncSucceeded("mode", Map.of());
    assertThat(mode(target.resolve("age.yaml"))).isEqualTo("rw-r-----");
    assertThat(mode(target.resolve("a.conf"))).isEqualTo("rw-r--r--");

    Api.Reply bad =
        admin
            .patch("/api/v1/environments/mode", Map.of("decryption", Map.of("mode", "7")))
            .expect(422);
    assertThat(bad.invalidField()).isEqualTo("decryption.mode");
    Api.Reply reset =
        admin.patch("/api/v1/environments/mode", Map.of("decryption", Map.of())).expect(200);
    assertThat(reset.json().path("decryption").path("mode").asText()).isEqualTo("0600");
    // The mode applies as a decrypted file is written: a new one here.
    repo.commit(Map.of("env/again.yaml", Fixtures.text("age.yaml")), "again");
    admin.syncSucceeded("mode", Map.of());
    assertThat(mode(target.resolve("again.yaml"))).isEqualTo("rw-------");
  }

  @Test
  void aChangeOfADecryptedFileSaysHowManyOfItsValuesChangedAndNothingMore() throws Exception {
    String first = secrets.next();
    String second = secrets.next();
    AgeCli.Key key = admin.createAgeIdentity("count-age");
    TestGitRepo repo = SERVER.repo("count-repo");
    repo.commit(counted(first, 5432, "a", key), "first");
    admin.createSource("count", repo.url(), List.of("count-age"));
    Path target = SERVER.targets().resolve("count");
    admin.createEnvironment(EnvironmentBody.directory("count", "count", "env", target));
    long created = admin.syncSucceeded("count", Map.of());
    JsonNode changes = admin.get("/api/v1/runs/" + created + "/changes").json();
    assertThat(SensitiveValuesIT.change(changes, "db.yaml").path("diff").asText())
        .contains("(sensitive value changed: 3 values)");

    // The password and the port of db.yaml change, one value of app.env.
    repo.commitOn("feature", counted(second, 6543, "b", key), "rotate");
    Api.Reply preview = admin.get("/api/v1/environments/count/diff?ref=feature");
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    assertThat(SensitiveValuesIT.change(preview.json(), "db.yaml").path("diff").asText())
        .contains("(sensitive value changed: 2 values)");
    assertThat(SensitiveValuesIT.change(preview.json(), "app.env").path("diff").asText())
        .contains("(sensitive value changed: 1 value)");

    repo.commit(counted(second, 6543, "b", key), "rotate");
    long rotated = admin.syncSucceeded("count", Map.of());
    assertThat(read(target.resolve("db.yaml"))).contains(second);
    changes = admin.get("/api/v1/runs/" + rotated + "/changes").json();
    assertThat(SensitiveValuesIT.change(changes, "db.yaml").path("diff").asText())
        .contains("(sensitive value changed: 2 values)");
    assertThat(SensitiveValuesIT.change(changes, "app.env").path("diff").asText())
        .contains("(sensitive value changed: 1 value)");
    Api.Reply compare = admin.get("/api/v1/runs/" + created + "/compare/" + rotated).expect(200);
    assertThat(compare.body())
        .contains("(sensitive value changed: 2 values)")
        .contains("(sensitive value changed: 1 value)");
    admin.get("/api/v1/runs/" + rotated);
    admin.get("/api/v1/environments/count");
    assertInNoResponseLogMetricOrDatabase(SERVER, admin, secrets, line -> true);
  }

  /** A YAML file of three values and a dotenv file of two, encrypted for {@code key}. */
  private static Map<String, String> counted(
      String password, int port, String flag, AgeCli.Key key) {
    return Map.of(
        "env/db.yaml",
        Fixtures.encryptedForAge(
            "db.yaml",
            "user: app\npassword: " + password + "\nport: " + port + "\n",
            key.recipient()),
        "env/app.env",
        Fixtures.encryptedForAge("app.env", "MODE=" + flag + "\nNAME=shop\n", key.recipient()));
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void decryptionIdentitiesMustNameAgeOrPgpCredentials() {
    admin.createCredential("gh-token", "token", "token", "ghp_notused");
    TestGitRepo repo = SERVER.repo("refused-repo");
    repo.commit(Map.of("env/a.conf", "a\n"), "a");
    for (List<String> identities : List.of(List.of("no-such-key"), List.of("gh-token"))) {
      Api.Reply refused =
          admin
              .post(
                  "/api/v1/sources",
                  Map.of(
                      "name",
                      "refused",
                      "url",
                      repo.url(),
                      "decryption",
                      Map.of("identities", identities)))
              .expect(422);
      assertThat(refused.invalidField()).isEqualTo("decryption.identities");
    }
  }

  @Test
  void aTamperedFileOrAMissingKeyFailsTheRunAtRenderAndAppliesNothing() throws Exception {
    AgeCli.Key key = admin.createAgeIdentity("tamper-age");
    String plain =
        "user: alice-the-admin\n"
            + "password: correct-horse-battery\n"
            + "note_unencrypted: public text\n";
    String good = Fixtures.encryptedForAge("secret.yaml", plain, key.recipient());
    TestGitRepo repo = SERVER.repo("tamper-repo");
    repo.commit(Map.of("env/secret.yaml", good, "env/canary.conf", "v=0\n"), "good");
    admin.createSource("tamper", repo.url(), List.of("tamper-age"));
    Path target = SERVER.targets().resolve("tamper");
    admin.createEnvironment(EnvironmentBody.directory("tamper", "tamper", "env", target));
    admin.syncSucceeded("tamper", Map.of());
    String applied = read(target.resolve("secret.yaml"));
    assertThat(applied).contains("password: correct-horse-battery");

    String user = Fixtures.encryptedValue(good, "user:");
    String password = Fixtures.encryptedValue(good, "password:");
    String data = password.substring(password.indexOf("data:") + 5, password.indexOf(",iv:"));
    String otherData = (data.charAt(0) == 'A' ? "B" : "A") + data.substring(1);
    Map<String, String> tampered = new java.util.LinkedHashMap<>();
    tampered.put("a changed value", good.replace("data:" + data, "data:" + otherData));
    tampered.put(
        "two swapped values",
        good.replace(user, "@@U@@").replace(password, user).replace("@@U@@", password));
    tampered.put("a removed value", good.replaceFirst("password: ENC\\[[^\\]]+]\n", ""));
    tampered.put(
        "a changed unencrypted value",
        good.replace("note_unencrypted: public text", "note_unencrypted: other"));
    tampered.put("a sops block without mac", good.replaceFirst("    mac: ENC\\[[^\\]]+]\n", ""));
    tampered.put(
        "a wrong key", Fixtures.encryptedForAge("secret.yaml", plain, AgeCli.keygen().recipient()));
    int canary = 1;
    for (Map.Entry<String, String> e : tampered.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).isNotEqualTo(good);
      repo.commit(
          Map.of("env/secret.yaml", e.getValue(), "env/canary.conf", "v=" + canary++ + "\n"),
          e.getKey());
      Api.Reply run = admin.sync("tamper", Map.of());
      assertFailedAtRender(
          run, e.getKey(), e.getKey().equals("a wrong key") ? "sops.no_key" : "sops.mac_mismatch");
      assertThat(read(target.resolve("secret.yaml"))).as(e.getKey()).isEqualTo(applied);
      assertThat(read(target.resolve("canary.conf"))).as(e.getKey()).isEqualTo("v=0\n");
    }

    // A missing key: the source no longer offers the only identity the file was made for.
    repo.commit(Map.of("env/secret.yaml", good, "env/canary.conf", "v=9\n"), "good again");
    Api.Reply noKeys =
        admin
            .patch("/api/v1/sources/tamper", Map.of("decryption", Map.of("identities", List.of())))
            .expect(200);
    Api.Reply missing = admin.sync("tamper", Map.of());
    assertFailedAtRender(missing, "a missing key", "sops.no_key");
    assertThat(missing.json().path("error").path("message").asText()).contains(key.recipient());
    assertThat(read(target.resolve("canary.conf"))).isEqualTo("v=0\n");
  }

  @Test
  void aRollbackRestoresTheDecryptedFileFromGitOrFromItsSnapshotAndFailsOnceTheKeyIsGone()
      throws Exception {
    AgeCli.Key key = admin.createAgeIdentity("rollback-age");
    Path dir = SERVER.dir.resolve("rollback-repo");
    Path target = SERVER.targets().resolve("rollback");
    String one;
    long run1;
    try (TestGitRepo repo = TestGitRepo.create(dir)) {
      one =
          repo.commit(
                  Map.of(
                      "env/app.env",
                      Fixtures.encryptedForAge("app.env", "TOKEN=first-token\n", key.recipient())),
                  "one")
              .value();
      admin.createSource("rollback", repo.url(), List.of("rollback-age"));
      admin.createEnvironment(EnvironmentBody.directory("rollback", "rollback", "env", target));
      run1 = admin.syncSucceeded("rollback", Map.of());
      repo.commit(
          Map.of(
              "env/app.env",
              Fixtures.encryptedForAge("app.env", "TOKEN=second-token\n", key.recipient())),
          "two");
      admin.syncSucceeded("rollback", Map.of());
      assertThat(read(target.resolve("app.env"))).isEqualTo("TOKEN=second-token\n");

      // From Git: the revision is still there.
      Api.Reply back = admin.rollback("rollback", Map.of("toRun", run1, "reason", "two is bad"));
      assertThat(back.text("status")).as(back.toString()).isEqualTo("succeeded");
      assertThat(read(target.resolve("app.env"))).isEqualTo("TOKEN=first-token\n");
      assertThat(
              admin
                  .post("/api/v1/environments/rollback/unpin", Map.of("reason", "back to main"))
                  .status())
          .isIn(200, 204);
      admin.syncSucceeded("rollback", Map.of());
      assertThat(read(target.resolve("app.env"))).isEqualTo("TOKEN=second-token\n");
    }

    // From the snapshot: history rewritten without revision one; the snapshot holds app.env
    // encrypted and it is decrypted again to be applied.
    rewriteHistory(
        dir,
        Map.of(
            "env/app.env",
            Fixtures.encryptedForAge("app.env", "TOKEN=third-token\n", key.recipient())));
    admin.syncSucceeded("rollback", Map.of());
    assertThat(read(target.resolve("app.env"))).isEqualTo("TOKEN=third-token\n");
    Api.Reply stored =
        admin.rollback("rollback", Map.of("toRevision", one, "reason", "restore one"));
    assertThat(stored.text("status")).as(stored.toString()).isEqualTo("succeeded");
    assertThat(stored.json().path("phases").findValuesAsText("phase")).doesNotContain("render");
    assertThat(read(target.resolve("app.env"))).isEqualTo("TOKEN=first-token\n");

    // The key removed from the source: the rollback to the snapshot fails and applies nothing.
    admin.post("/api/v1/environments/rollback/unpin", Map.of("reason", "back to main"));
    admin.syncSucceeded("rollback", Map.of());
    admin.patch("/api/v1/sources/rollback", Map.of("decryption", Map.of("identities", List.of())));
    Api.Reply keyGone =
        admin.rollback("rollback", Map.of("toRevision", one, "reason", "restore one again"));
    assertFailedAtRender(keyGone, "a rollback after the key was removed", "sops.no_key");
    assertThat(read(target.resolve("app.env"))).isEqualTo("TOKEN=third-token\n");
  }

  @Test
  void aSecretMadeByTheTestIsInNoResponseLogMetricOrDatabaseFile() throws Exception {
    String first = secrets.next();
    String second = secrets.next();
    AgeCli.Key key = admin.createAgeIdentity("scan-age");
    TestGitRepo repo = SERVER.repo("scan-repo");
    repo.commit(
        Map.of(
            "env/db.yaml",
            Fixtures.encryptedForAge("db.yaml", "password: " + first + "\n", key.recipient())),
        "first");
    admin.createSource("scan", repo.url(), List.of("scan-age"));
    Path target = SERVER.targets().resolve("scan");
    admin.createEnvironment(EnvironmentBody.directory("scan", "scan", "env", target));
    long run1 = admin.syncSucceeded("scan", Map.of());
    assertThat(read(target.resolve("db.yaml"))).isEqualTo("password: " + first + "\n");

    repo.commitOn(
        "feature",
        Map.of(
            "env/db.yaml",
            Fixtures.encryptedForAge("db.yaml", "password: " + second + "\n", key.recipient())),
        "feature");
    Api.Reply diff = admin.get("/api/v1/environments/scan/diff?ref=feature");
    assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
    assertThat(SensitiveValuesIT.change(diff.json(), "db.yaml").path("diff").asText())
        .contains("(sensitive value changed: 1 value)");
    repo.commit(
        Map.of(
            "env/db.yaml",
            Fixtures.encryptedForAge("db.yaml", "password: " + second + "\n", key.recipient())),
        "second");
    long run2 = admin.syncSucceeded("scan", Map.of());
    assertThat(read(target.resolve("db.yaml"))).isEqualTo("password: " + second + "\n");
    JsonNode change =
        SensitiveValuesIT.change(admin.get("/api/v1/runs/" + run2 + "/changes").json(), "db.yaml");
    assertThat(change.path("diff").asText()).containsPattern(SENSITIVE_CHANGED);
    assertThat(change.path("beforeHash").isNull()).isTrue();
    Api.Reply compare = admin.get("/api/v1/runs/" + run1 + "/compare/" + run2).expect(200);
    assertThat(compare.body()).containsPattern(SENSITIVE_CHANGED);
    admin.get("/api/v1/environments/scan");
    admin.get("/api/v1/runs/" + run2);

    assertInNoResponseLogMetricOrDatabase(SERVER, admin, secrets, line -> true);
  }

  /**
   * Fails when a value of {@code secrets} is in a response {@code admin} saw, a metric, a line of
   * the server log (at DEBUG) that {@code ownLines} keeps, the request log or an H2 file.
   */
  static void assertInNoResponseLogMetricOrDatabase(
      TestServer server,
      Api admin,
      SensitiveStrings secrets,
      java.util.function.Predicate<String> ownLines)
      throws IOException {
    String serverLog = Files.readString(server.serverLog());
    assertThat(serverLog).contains("DEBUG");
    String everything =
        String.join("\n", admin.seen())
            + server.metrics()
            + serverLog.lines().filter(ownLines).collect(Collectors.joining("\n"))
            + Files.readString(server.requestLog());
    secrets.assertNoneIn(everything, "an API response, a metric or the server log");
    secrets.assertNoneIn(databaseFiles(server.dataDir()), "the H2 database files");
  }

  /** Every file of the H2 database, as ISO-8859-1 text: each byte one character. */
  static String databaseFiles(Path dataDir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dataDir)) {
      List<Path> databases = files.filter(p -> p.getFileName().toString().endsWith(".db")).toList();
      assertThat(databases).as("H2 files under " + dataDir).isNotEmpty();
      for (Path p : databases) {
        all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  /**
   * Replaces the history of the repository at {@code dir} with one new commit of its files and
   * {@code files} (written over them), as a force push would, and collects the old commits.
   */
  static void rewriteHistory(Path dir, Map<String, String> files) throws IOException {
    git(dir, "checkout", "-q", "--orphan", "rewritten");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    git(dir, "add", "-A");
    git(dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "rewritten");
    git(dir, "branch", "-M", "rewritten", "main");
    git(dir, "reflog", "expire", "--expire=now", "--all");
    git(dir, "gc", "-q", "--prune=now");
  }

  private void assertFailedAtRender(Api.Reply run, String why, String code) {
    assertThat(run.text("status")).as(why + ": " + run).isEqualTo("failed");
    JsonNode error = run.json().path("error");
    assertThat(error.path("code").asText()).as(why).isEqualTo("render.invalid");
    assertThat(error.path("message").asText()).as(why).contains(code);
    assertThat(error.path("details").path("file").asText()).as(why).isNotEmpty();
    for (String secret :
        List.of("alice-the-admin", "correct-horse", "first-token", "second-token", "third-token")) {
      assertThat(run.body()).as(why).doesNotContain(secret);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
