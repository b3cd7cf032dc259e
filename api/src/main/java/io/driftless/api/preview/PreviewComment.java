package io.driftless.api.preview;

import io.driftless.api.githost.MarkdownText;
import io.driftless.api.model.PlanResponse;
import io.driftless.api.model.PreviewResponse;
import io.driftless.api.model.PreviewResponse.EnvironmentPreview;

/**
 * The one pull-request comment: a hidden marker that finds it again, a summary table, each
 * environment's diffs in a collapsed {@code <details>}, and a link to the full preview. Cut to the
 * host's limit: the table stays whole, diffs that do not fit are left out or cut short, and a note
 * says so. Text the pull request controls (file names, error text, messages naming its branches) is
 * escaped with {@link MarkdownText}: it shows as written and cannot format, link or mention.
 */
final class PreviewComment {
  private static final String FOOTER_CUT =
      "\n_Some diffs were cut to fit the host's comment size limit; the full preview has them"
          + " all._\n";

  private PreviewComment() {}

  /** The hidden marker of this source's comment. */
  static String marker(String source) {
    return "<!-- driftless:preview source=" + source + " -->";
  }

  static String render(PreviewResponse preview, String link, int limit) {
    StringBuilder head = new StringBuilder();
    head.append(marker(preview.source())).append('\n');
    head.append("### Driftless preview at ")
        .append(MarkdownText.code(shortId(preview.head())))
        .append("\n\n");
    if ("untrusted".equals(preview.trust())) {
      head.append(
          "This pull request comes from a fork: only counts and resource names are shown, no"
              + " command ran and no live object it names was read. An operator can approve this"
              + " head for the full preview.\n\n");
    }
    if (preview.environments().isEmpty()) {
      head.append(
              preview.message() == null
                  ? "Nothing to preview."
                  : MarkdownText.inline(preview.message()))
          .append('\n');
    } else {
      head.append("| environment | path | preview |\n|---|---|---|\n");
      for (EnvironmentPreview e : preview.environments()) {
        head.append("| ")
            .append(MarkdownText.cellCode(e.environment()))
            .append(" | ")
            .append(MarkdownText.cellCode(e.path().isEmpty() ? "/" : e.path()))
            .append(" | ")
            .append(e.failed() ? ":x: " : "")
            .append(MarkdownText.inline(e.summary()))
            .append(" |\n");
      }
    }
    String footer =
        link == null
            ? "\nNothing was applied. Merging applies the plan as usual.\n"
            : "\nNothing was applied. Merging applies the plan as usual. [Full preview]("
                + link
                + ")\n";

    StringBuilder body = new StringBuilder(head);
    boolean cut = false;
    int room = limit - footer.length() - FOOTER_CUT.length();
    for (EnvironmentPreview e : preview.environments()) {
      String section = section(e);
      if (section.isEmpty()) {
        continue;
      }
      if (body.length() + section.length() <= room) {
        body.append(section);
        continue;
      }
      cut = true;
      String shortened = shortened(e, room - body.length());
      if (shortened != null) {
        body.append(shortened);
      }
      break;
    }
    if (cut) {
      body.append(FOOTER_CUT);
    }
    body.append(footer);
    if (body.length() > limit) {
      // Only a table of very many environments gets here: keep what fits, and the link.
      String tail = (link == null ? "\n…\n" : "\n… [Full preview](" + link + ")\n");
      return body.substring(0, Math.max(0, limit - tail.length())) + tail;
    }
    return body.toString();
  }

  private static String section(EnvironmentPreview e) {
    if (e.failed()) {
      StringBuilder s = new StringBuilder();
      s.append("\n<details><summary><code>")
          .append(MarkdownText.html(e.environment()))
          .append("</code>: failed</summary>\n\n```\n")
          .append(fence(e.error() == null ? e.summary() : e.error().message()))
          .append("\n```\n</details>\n");
      return s.toString();
    }
    PlanResponse plan = e.plan();
    if (plan == null || plan.changes().isEmpty()) {
      return "";
    }
    return details(e, diffs(plan));
  }

  private static String details(EnvironmentPreview e, String diffs) {
    return "\n<details><summary><code>"
        + MarkdownText.html(e.environment())
        + "</code>: "
        + MarkdownText.html(e.summary())
        + "</summary>\n\n```diff\n"
        + diffs
        + "```\n</details>\n";
  }

  private static String diffs(PlanResponse plan) {
    StringBuilder d = new StringBuilder();
    for (PlanResponse.PlannedChange c : plan.changes()) {
      String diff = c.diff() == null ? "" : fence(c.diff());
      if (diff.isEmpty()) {
        d.append(fence("# " + c.action() + " " + c.key().replaceAll("[\r\n]", " "))).append('\n');
      } else {
        d.append(diff);
        if (!diff.endsWith("\n")) {
          d.append('\n');
        }
      }
    }
    return d.toString();
  }

  /** The section cut to {@code room} characters, or null when not even its frame fits. */
  private static String shortened(EnvironmentPreview e, int room) {
    if (e.failed() || e.plan() == null) {
      return null;
    }
    String frame = details(e, "");
    String mark = "… (cut)\n";
    int keep = room - frame.length() - mark.length();
    if (keep < 200) {
      return null;
    }
    String diffs = diffs(e.plan());
    int end = diffs.lastIndexOf('\n', keep);
    return details(e, diffs.substring(0, Math.max(0, end + 1)) + mark);
  }

  /** A diff inside a ``` fence must not close it early. */
  private static String fence(String text) {
    return MarkdownText.fenced(text);
  }

  static String shortId(String revision) {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }
}
