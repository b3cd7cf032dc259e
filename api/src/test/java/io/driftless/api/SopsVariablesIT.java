package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code variables.from}: a SOPS dotenv file feeds {@code ${NAME}} in a plain config file. The
 * substituted file reaches the target with the password, is a sensitive value in the run's changes,
 * the diff of a ref and compare, and the password (random, 40 characters) is in no response, DEBUG
 * log line, metric or H2 file; the dotenv file itself is an input, not applied.
 */
class SopsVariablesIT {
  @RegisterExtension static final TestServer SERVER = TestServer.atDebug();

  private final Api admin = SERVER.admin();

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  /** PORT from the values, DB_PASSWORD from secrets.env, into every {@code *.conf}. */
  private static final Map<String, Object> FROM_SECRETS_ENV =
      Map.of(
          "values",
          Map.of("PORT", "5432"),
          "files",
          List.of("*.conf"),
          "from",
          List.of("secrets.env"));

  @Test
  void aPasswordFromASopsDotenvIsSubstitutedIntoAPlainFileAndShownNowhere() throws Exception {
    String password = secrets.next();
    String rotated = secrets.next();
    AgeCli.Key key = admin.createAgeIdentity("vars-age");
    TestGitRepo repo = SERVER.repo("vars-repo");
    String config = "host=db\npassword=${DB_PASSWORD}\nport=${PORT}\n";
    repo.commit(
        Map.of(
            "env/app.conf",
            config,
            "env/other.conf",
            "port=${PORT}\n",
            "env/secrets.env",
            Fixtures.encryptedForAge(
                "secrets.env", "DB_PASSWORD=" + password + "\n", key.recipient())),
        "config and secrets");
    admin.createSource("vars", repo.url(), List.of("vars-age"));
    Path target = SERVER.targets().resolve("vars");

    Api.Reply bad =
        admin
            .post(
                "/api/v1/environments",
                EnvironmentBody.directory("vars-bad", "vars", "env", target)
                    .with(
                        "variables",
                        Map.of(
                            "values",
                            Map.of(),
                            "files",
                            List.of("*.conf"),
                            "from",
                            List.of("../outside.env")))
                    .toMap())
            .expect(422);
    assertThat(bad.invalidField()).isEqualTo("variables.from");

    admin.createEnvironment(
        EnvironmentBody.directory("vars", "vars", "env", target)
            .with("variables", FROM_SECRETS_ENV));
    Api.Reply read = admin.get("/api/v1/environments/vars");
    assertThat(read.json().path("variables").path("from").toString())
        .isEqualTo("[\"secrets.env\"]");

    long run1 = admin.syncSucceeded("vars", Map.of());
    assertThat(Files.readString(target.resolve("app.conf")))
        .isEqualTo("host=db\npassword=" + password + "\nport=5432\n");
    assertThat(Files.readString(target.resolve("other.conf"))).isEqualTo("port=5432\n");
    assertThat(target.resolve("secrets.env")).doesNotExist();

    JsonNode changes = admin.get("/api/v1/runs/" + run1 + "/changes").json();
    JsonNode app = SensitiveValuesIT.change(changes, "app.conf");
    assertThat(app.path("diff").asText()).containsPattern(SopsSyncIT.VALUES_CHANGED);
    assertThat(app.path("afterHash").isNull()).as(app.toString()).isTrue();
    // A file with only plain variables substituted stays readable.
    assertThat(SensitiveValuesIT.change(changes, "other.conf").path("diff").asText())
        .contains("+port=5432");

    // Unchanged: no drift, nothing to do.
    Api.Reply same = admin.get("/api/v1/environments/vars/diff?ref=main");
    assertThat(same.status()).as(same.toString()).isEqualTo(200);
    assertThat(same.json().path("changes").size()).as(same.toString()).isZero();

    repo.commit(
        Map.of(
            "env/secrets.env",
            Fixtures.encryptedForAge(
                "secrets.env", "DB_PASSWORD=" + rotated + "\n", key.recipient())),
        "rotate");
    Api.Reply diff = admin.get("/api/v1/environments/vars/diff?ref=main");
    assertThat(SensitiveValuesIT.change(diff.json(), "app.conf").path("diff").asText())
        .containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
    long run2 = admin.syncSucceeded("vars", Map.of());
    assertThat(Files.readString(target.resolve("app.conf"))).contains("password=" + rotated);
    JsonNode change =
        SensitiveValuesIT.change(admin.get("/api/v1/runs/" + run2 + "/changes").json(), "app.conf");
    assertThat(change.path("diff").asText()).containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
    assertThat(change.path("beforeHash").isNull()).isTrue();
    Api.Reply compare = admin.get("/api/v1/runs/" + run1 + "/compare/" + run2).expect(200);
    assertThat(compare.body()).containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
    admin.get("/api/v1/runs/" + run2);

    SopsSyncIT.assertInNoResponseLogMetricOrDatabase(SERVER, admin, secrets, line -> true);
  }

  @Test
  void aRollbackToARevisionForcePushedAwaySubstitutesTheValuesAgainFromTheSnapshot()
      throws Exception {
    AgeCli.Key key = admin.createAgeIdentity("gone-vars-age");
    Path dir = SERVER.dir.resolve("vars-gone-repo");
    Path target = SERVER.targets().resolve("vars-gone");
    String one;
    try (TestGitRepo repo = TestGitRepo.create(dir)) {
      one = repo.commit(withPassword("first-password", key), "one").value();
      admin.createSource("vars-gone", repo.url(), List.of("gone-vars-age"));
      admin.createEnvironment(
          EnvironmentBody.directory("vars-gone", "vars-gone", "env", target)
              .with("variables", FROM_SECRETS_ENV));
      admin.syncSucceeded("vars-gone", Map.of());
    }
    // History rewritten without revision one: the snapshot holds app.conf as in Git and
    // secrets.env encrypted, and substitutes again.
    SopsSyncIT.rewriteHistory(dir, withPassword("second-password", key));
    admin.syncSucceeded("vars-gone", Map.of());
    assertThat(Files.readString(target.resolve("app.conf"))).contains("second-password");

    Api.Reply back =
        admin.rollback("vars-gone", Map.of("toRevision", one, "reason", "restore one"));
    assertThat(back.text("status")).as(back.toString()).isEqualTo("succeeded");
    assertThat(back.json().path("phases").findValuesAsText("phase")).doesNotContain("render");
    assertThat(Files.readString(target.resolve("app.conf")))
        .isEqualTo("password=first-password\nport=5432\n");
    assertThat(target.resolve("secrets.env")).doesNotExist();
  }

  private static Map<String, String> withPassword(String password, AgeCli.Key key) {
    return Map.of(
        "env/app.conf",
        "password=${DB_PASSWORD}\nport=${PORT}\n",
        "env/secrets.env",
        Fixtures.encryptedForAge("secrets.env", "DB_PASSWORD=" + password + "\n", key.recipient()));
  }
}
