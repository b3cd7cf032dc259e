package io.driftless.api.githost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text a pull request controls shows as written and formats, links and mentions nothing. */
class MarkdownTextTest {
  private static final String ZW = "&#8203;";

  @Test
  void plainTextStaysAsItIs() {
    assertThat(MarkdownText.inline("3 changes: 1 create, 1 update, 1 delete"))
        .isEqualTo("3 changes: 1 create, 1 update, 1 delete");
    assertThat(MarkdownText.inline("app.conf:2: undefined variable 'X'"))
        .isEqualTo("app.conf:2: undefined variable 'X'");
  }

  @Test
  void inlineSyntaxIsEscapedWithABackslash() {
    assertThat(MarkdownText.inline("*bold* _it_ `code` [link](x) ![img](y) <b> a|b {c} \\"))
        .isEqualTo(
            "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\]\\(x\\) \\!"
                + ZW
                + "\\[img\\]\\(y\\) \\<b\\> a\\|b \\{c\\} \\\\");
  }

  @Test
  void mentionsReferencesAndBareLinksAreBroken() {
    assertThat(MarkdownText.inline("ping @admin about #12 and !3 ~bug %v1 $7 &9"))
        .isEqualTo(
            "ping \\@"
                + ZW
                + "admin about \\#"
                + ZW
                + "12 and \\!"
                + ZW
                + "3 \\~"
                + ZW
                + "bug \\%"
                + ZW
                + "v1 \\$"
                + ZW
                + "7 \\&"
                + ZW
                + "9");
    assertThat(MarkdownText.inline("see https://evil.example or WWW.evil.example"))
        .isEqualTo("see https:" + ZW + "//evil.example or WWW" + ZW + "\\.evil.example");
  }

  @Test
  void aLineStartCannotBeAListOrHeadingAndLineBreaksAreGone() {
    assertThat(MarkdownText.inline("- item")).isEqualTo("\\- item");
    assertThat(MarkdownText.inline("+ item")).isEqualTo("\\+ item");
    assertThat(MarkdownText.inline("12. item")).isEqualTo("12\\. item");
    assertThat(MarkdownText.inline("> quote")).isEqualTo("\\> quote");
    assertThat(MarkdownText.inline("a\n\n# Heading\r\n===\u0007"))
        .isEqualTo("a \\#" + ZW + " Heading ===");
  }

  @Test
  void htmlTextIsEntityEscapedOnOneLine() {
    assertThat(MarkdownText.html("<img src=x onerror=\"a()\"> & @admin\n\n# x https://e"))
        .isEqualTo(
            "&lt;img src=x onerror=&quot;a()&quot;&gt; &amp;"
                + ZW
                + " @"
                + ZW
                + "admin #"
                + ZW
                + " x https:"
                + ZW
                + "//e");
  }

  @Test
  void aCodeSpanHoldsBackticksAndATableCellItsPipes() {
    assertThat(MarkdownText.code("envs/prod")).isEqualTo("`envs/prod`");
    assertThat(MarkdownText.code("a``b")).isEqualTo("```a``b```");
    assertThat(MarkdownText.code("`x")).isEqualTo("`` `x ``");
    assertThat(MarkdownText.cellCode("a|b")).isEqualTo("`a\\|b`");
  }

  @Test
  void noRunOfBackticksClosesAFence() {
    String fenced = MarkdownText.fenced("x\n```\n````\n``\n`");
    assertThat(fenced.lines()).noneMatch(l -> l.startsWith("``"));
    assertThat(fenced.replace("\u200b", "")).isEqualTo("x\n```\n````\n``\n`");
  }
}
