package io.driftless.api.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.model.PlanResponse;
import io.driftless.api.model.PlanResponse.PlannedChange;
import io.driftless.api.model.PreviewResponse;
import io.driftless.api.model.PreviewResponse.EnvironmentPreview;
import io.driftless.api.model.RunResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pull-request comment: marker, table, collapsed diffs, and the cut to the host's limit. */
class PreviewCommentTest {
  private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  private static final String LINK = "https://d.example/previews/site/7";

  private static EnvironmentPreview changes(String name, String diff) {
    PlanResponse plan =
        new PlanResponse(
            HEAD,
            "1 change: 1 update",
            List.of(new PlannedChange("app.conf", "update", false, false, diff)),
            List.of(),
            List.of());
    return new EnvironmentPreview(
        name, "envs/" + name, EnvironmentPreview.CHANGES, plan.summary(), plan, null);
  }

  private static PreviewResponse preview(List<EnvironmentPreview> environments) {
    return preview(7, null, environments);
  }

  /** Pull request {@code pr} at {@code HEAD}, done and trusted. */
  private static PreviewResponse preview(
      long pr, String message, List<EnvironmentPreview> environments) {
    return new PreviewResponse(
        "site",
        pr,
        HEAD,
        "main",
        "done",
        "trusted",
        null,
        message,
        environments,
        Instant.EPOCH,
        Instant.EPOCH);
  }

  @Test
  void aSmallPreviewHasEverythingAndFencesThatClose() {
    EnvironmentPreview failed =
        new EnvironmentPreview(
            "prod",
            "envs/prod",
            EnvironmentPreview.FAILED,
            "app.conf:2: undefined variable 'X'",
            null,
            new RunResponse.ErrorView(
                "render.invalid",
                "app.conf:2: undefined variable 'X'",
                Map.of("file", "app.conf", "line", "2")));
    String body =
        PreviewComment.render(
            preview(List.of(changes("staging", "-a\n+b ``` tricky\n"), failed)), LINK, 65_536);

    assertThat(body)
        .startsWith(
            "<!-- driftless:preview source=site -->\n### Driftless preview at `1234567890ab`")
        .contains("| `staging` | `envs/staging` | 1 change: 1 update |")
        .contains("| `prod` | `envs/prod` | :x: app.conf:2: undefined variable 'X' |")
        .contains("<details><summary><code>staging</code>: 1 change: 1 update</summary>")
        .contains("<details><summary><code>prod</code>: failed</summary>")
        .doesNotContain("cut to fit")
        .endsWith("[Full preview](" + LINK + ")\n");
    assertThat(body.split("```", -1).length % 2).isEqualTo(1);
  }

  @Test
  void diffsThatDoNotFitAreCutAtALineAndTheTableAndLinkStay() {
    StringBuilder diff = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      diff.append("+line ").append(i).append('\n');
    }
    List<EnvironmentPreview> environments = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      environments.add(changes(name, diff.toString()));
    }
    String body = PreviewComment.render(preview(environments), LINK, 20_000);

    assertThat(body.length()).isLessThanOrEqualTo(20_000).isGreaterThan(15_000);
    assertThat(body)
        .contains("| `a` |")
        .contains("| `b` |")
        .contains("| `c` |")
        .contains("… (cut)\n```\n</details>")
        .contains("cut to fit the host's comment size limit")
        .doesNotContain("<code>c</code>")
        .endsWith("[Full preview](" + LINK + ")\n");
    assertThat(body.split("```", -1).length % 2).isEqualTo(1);
    assertThat(body.substring(body.indexOf("```diff")))
        .containsPattern("\\+line \\d+\n… \\(cut\\)");
  }

  @Test
  void evenATableLargerThanTheLimitKeepsTheLink() {
    List<EnvironmentPreview> environments = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      environments.add(changes("environment-" + i, "-a\n+b\n"));
    }
    String body = PreviewComment.render(preview(environments), LINK, 5_000);

    assertThat(body.length()).isLessThanOrEqualTo(5_000);
    assertThat(body).startsWith("<!-- driftless:preview source=site -->").endsWith(LINK + ")\n");
  }

  @Test
  void aPullRequestTouchingNoEnvironmentSaysSo() {
    PreviewResponse none = noEnvironment("This pull request changes no path.");
    String body = PreviewComment.render(none, null, 65_536);
    assertThat(body).contains("This pull request changes no path.").doesNotContain("<details>");
    assertThat(body).endsWith("Nothing was applied. Merging applies the plan as usual.\n");
  }

  @Test
  void textThePullRequestControlsIsEscapedEverywhereItShows() {
    String hostile =
        "x.conf:1: undefined variable @admin, see [docs](https://evil.example) <img src=x>"
            + " | #12\n\n# Heading ```";
    EnvironmentPreview failed =
        new EnvironmentPreview(
            "prod",
            "envs/prod",
            EnvironmentPreview.FAILED,
            hostile,
            null,
            new RunResponse.ErrorView("render.invalid", hostile, Map.of()));
    PlanResponse plan =
        new PlanResponse(
            HEAD,
            hostile,
            List.of(new PlannedChange("a\n```\n@admin.txt", "delete", false, false, null)),
            List.of(),
            List.of());
    EnvironmentPreview changed =
        new EnvironmentPreview(
            "staging", "envs/staging", EnvironmentPreview.CHANGES, hostile, plan, null);

    String body = PreviewComment.render(preview(List.of(changed, failed)), LINK, 65_536);

    String table =
        body.substring(
            body.indexOf("| environment"), body.indexOf("\n\n", body.indexOf("| environment")));
    assertThat(table.lines()).hasSize(4);
    assertThat(table)
        .contains("\\@&#8203;admin")
        .contains("\\[docs\\]\\(https:&#8203;//evil.example\\)")
        .contains("\\<img src=x\\>")
        .contains("\\| \\#&#8203;12 \\#&#8203; Heading \\`\\`\\`")
        .doesNotContain("](https://")
        .doesNotContainPattern("[^\\\\]<img");
    assertThat(body)
        .contains(
            "<summary><code>staging</code>: x.conf:1: undefined variable @&#8203;admin, see"
                + " [docs](https:&#8203;//evil.example) &lt;img src=x&gt; | #&#8203;12 #&#8203;"
                + " Heading ```</summary>")
        .contains("# delete a `\u200b`\u200b` @admin.txt");
    // Every fence closes where Driftless closes it: nothing inside starts a line with ```.
    long fences = body.lines().filter(l -> l.startsWith("```")).count();
    assertThat(body.lines().filter(l -> l.equals("```") || l.startsWith("```diff")).count())
        .isEqualTo(fences);
    assertThat(fences % 2).isZero();
  }

  @Test
  void aMessageNamingABranchIsEscaped() {
    PreviewResponse none =
        noEnvironment(
            "This pull request changes no path of an environment that follows *@ops*/[x](y).");
    String body = PreviewComment.render(none, null, 65_536);
    assertThat(body)
        .contains("follows \\*\\@&#8203;ops\\*/\\[x\\]\\(y\\).")
        .doesNotContain("[x](y)");
  }

  /** Pull request 8 at {@code HEAD}, done, touching no environment, with {@code message}. */
  private static PreviewResponse noEnvironment(String message) {
    return preview(8, message, List.of());
  }
}
