package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An environment's promotion rule over HTTP: stored, shown and removed; every bad rule a 422 naming
 * the field, with nothing stored.
 */
class PromotionRulesIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  static final String TOKEN = "ghp_promotionRulesTokenNeverShown42";
  static final FakeGitHost HOST = FakeGitHost.serving(Map.of("github", TOKEN));

  private final Api api = SERVER.admin();

  @BeforeAll
  static void sources() {
    Api api = SERVER.admin();
    TestGitRepo repo = SERVER.repo("rules-repo");
    repo.commit(Map.of("envs/staging/a.txt", "a\n", "envs/prod/a.txt", "a\n"), "one");
    api.createSource("rules", repo.url());
    api.createSource("others", repo.url());
    api.createSource("remote", "https://git.example.com/acme/site.git");
    for (String source : List.of("others", "remote")) {
      api.setHost(source, "github", HOST.url(), "acme/site", TOKEN);
    }
    api.createEnvironment(env("staging", "rules", "envs/staging"));
    api.createEnvironment(env("elsewhere", "others", "envs/staging"));
    api.createEnvironment(env("remote-staging", "remote", "envs/staging"));
  }

  @AfterAll
  static void stop() {
    HOST.close();
  }

  static EnvironmentBody env(String name, String source, String path) {
    return EnvironmentBody.directory(name, source, path, SERVER.targets().resolve(name));
  }

  static Map<String, Object> rule(String from, List<String> paths, String via) {
    Map<String, Object> rule = new java.util.LinkedHashMap<>();
    rule.put("from", from);
    rule.put("paths", paths);
    rule.put("via", via);
    return rule;
  }

  @Test
  void aRuleIsStoredShownChangedAndRemoved() {
    api.createEnvironment(
        env("prod", "rules", "envs/prod")
            .with("promotion", rule("staging", List.of("VERSION", "release/**"), "commit")));
    Api.Reply prod = api.get("/api/v1/environments/prod");
    assertThat(prod.json().path("promotion").path("from").asText()).isEqualTo("staging");
    assertThat(prod.json().path("promotion").path("via").asText()).isEqualTo("commit");
    assertThat(prod.json().path("promotion").path("paths").toString())
        .isEqualTo("[\"VERSION\",\"release/**\"]");

    // No via means pull-request, which this source (no host API) cannot do.
    Api.Reply byDefault =
        api.patch("/api/v1/environments/prod", Map.of("promotion", Map.of("from", "staging")))
            .expect(422);
    assertThat(byDefault.invalidField()).isEqualTo("promotion.via");
    Api.Reply changed =
        api.patch(
                "/api/v1/environments/prod",
                Map.of("promotion", Map.of("from", "staging", "via", "commit")))
            .expect(200);
    assertThat(changed.json().path("promotion").path("paths").size()).isZero();

    Api.Reply kept = api.patch("/api/v1/environments/prod", Map.of("ref", "main"));
    assertThat(kept.json().path("promotion").path("from").asText()).isEqualTo("staging");

    Api.Reply removed =
        api.patch("/api/v1/environments/prod", Map.of("promotion", Map.of())).expect(200);
    assertThat(removed.json().path("promotion").isNull()).isTrue();
    assertThat(api.get("/api/v1/environments/prod").json().path("promotion").isNull()).isTrue();
  }

  @Test
  void eachBadRuleIsA422NamingItsFieldAndNothingIsStored() {
    refused("self", "rules", rule("self", null, "commit"), "promotion.from", "not 'self' itself");
    refused("unknown", "rules", rule("nope", null, "commit"), "promotion.from", "not registered");
    refused(
        "other-source",
        "rules",
        rule("elsewhere", null, "commit"),
        "promotion.from",
        "is on source 'others'");
    refused("dotdot", "rules", rule("staging", List.of("../x"), "commit"), "promotion.paths", "..");
    refused(
        "absolute",
        "rules",
        rule("staging", List.of("/etc/passwd"), "commit"),
        "promotion.paths",
        "relative");
    refused("pigeon", "rules", rule("staging", null, "pigeon"), "promotion.via", "pull-request");
    refused("nofrom", "rules", rule(null, List.of("x"), null), "promotion.from", "required");
    refused(
        "no-host",
        "rules",
        rule("staging", null, "pull-request"),
        "promotion.via",
        "needs the host API of source 'rules'");
    refused(
        "no-creds",
        "remote",
        rule("remote-staging", null, "pull-request"),
        "promotion.via",
        "needs write credentials on source 'remote'");
    for (String name :
        List.of("self", "unknown", "other-source", "dotdot", "absolute", "no-host", "no-creds")) {
      assertThat(api.get("/api/v1/environments/" + name).status()).as(name).isEqualTo(404);
    }
  }

  @Test
  void aRuleThatMakesACycleIsRefusedByPatchAndTheOldRuleStays() {
    api.createEnvironment(
        env("qa", "rules", "envs/qa").with("promotion", rule("staging", null, "commit")));
    api.createEnvironment(
        env("live", "rules", "envs/live").with("promotion", rule("qa", null, "commit")));
    Api.Reply cycle =
        api.patch("/api/v1/environments/staging", Map.of("promotion", rule("live", null, "commit")))
            .expect(422);
    assertThat(cycle.invalidField()).isEqualTo("promotion.from");
    assertThat(cycle.text("message")).contains("makes a cycle");
    assertThat(api.get("/api/v1/environments/staging").json().path("promotion").isNull()).isTrue();
  }

  @Test
  void aRuleIsCheckedAgainWhenPromotingSoAFromEnvironmentDeletedSinceIsA422() {
    api.createEnvironment(env("gone", "rules", "envs/staging"));
    api.createEnvironment(
        env("after-gone", "rules", "envs/prod").with("promotion", rule("gone", null, "commit")));
    assertThat(api.delete("/api/v1/environments/gone").status()).isEqualTo(204);
    Api.Reply promote =
        api.post("/api/v1/environments/after-gone/promote", Map.of("reason", "ship")).expect(422);
    assertThat(promote.invalidField()).isEqualTo("promotion.from");
    assertThat(promote.text("message")).contains("'gone' is not registered");
  }

  private void refused(
      String name, String source, Map<String, Object> rule, String field, String message) {
    Api.Reply reply =
        api.post(
            "/api/v1/environments", env(name, source, "envs/prod").with("promotion", rule).toMap());
    assertThat(reply.status()).as(name + ": " + reply).isEqualTo(422);
    assertThat(reply.invalidField()).as(name).isEqualTo(field);
    assertThat(reply.text("message")).as(name).contains(message);
  }
}
