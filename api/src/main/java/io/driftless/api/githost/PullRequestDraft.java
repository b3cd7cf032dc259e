package io.driftless.api.githost;

/**
 * A pull request to open: {@code head} proposed into {@code base}, both branches of the host API's
 * repository (never a fork's).
 *
 * @param title one line; whitespace runs become one space, cut at {@link #MAX_TITLE} characters
 * @param body Markdown; null for none
 */
public record PullRequestDraft(String title, String body, String head, String base) {
  /** GitLab refuses titles over 255 characters; GitHub and Gitea take 255 too. */
  public static final int MAX_TITLE = 255;

  public PullRequestDraft {
    title = oneLine(title);
    if (title.isEmpty()) {
      throw new IllegalArgumentException("a pull request needs a title");
    }
    body = body == null ? "" : body;
    head = branch("head", head);
    base = branch("base", base);
    if (head.equals(base)) {
      throw new IllegalArgumentException("a pull request's head and base must differ: " + head);
    }
  }

  static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_TITLE ? line : line.substring(0, MAX_TITLE - 1) + "\u2026";
  }

  private static String branch(String what, String name) {
    String branch = name == null ? "" : name.strip();
    if (branch.startsWith("refs/heads/")) {
      branch = branch.substring("refs/heads/".length());
    }
    if (branch.isEmpty()) {
      throw new IllegalArgumentException("a pull request needs a " + what + " branch");
    }
    return branch;
  }
}
