package io.driftless.engine.target;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagingLayoutTest {
  private final StagingLayout web = new StagingLayout(EnvironmentName.of("web"));

  @Test
  void eachEnvironmentStagesInItsOwnDirectoryUnderTheReservedOne() {
    StagingLayout api = new StagingLayout(EnvironmentName.of("api"));

    assertThat(web.directory()).containsExactly(".driftless-staging", "web");
    assertThat(api.directory()).containsExactly(".driftless-staging", "api");
    assertThat(web.reservedDirectory()).containsExactly(".driftless-staging");
    assertThat(web.journal()).containsExactly(".driftless-staging", "web", "created-directories");
    assertThat(web.temp(0xabcL))
        .containsExactly(".driftless-staging", "web", ".driftless-tmp-0000000000000abc");
    assertThat(StagingLayout.isReserved(".driftless-staging")).isTrue();
    assertThat(StagingLayout.isReserved("driftless-staging")).isFalse();
    assertThat(StagingLayout.isJournal("created-directories")).isTrue();
  }

  @Test
  void recoveryRemovesJournaledDirectoriesDeepestFirstAndEachOnce() {
    byte[] journal =
        StagingLayout.journal(
            List.of(List.of("a"), List.of("a", "b"), List.of("c"), List.of("a", "b", "d")));

    assertThat(StagingLayout.recoveryOrder(journal))
        .containsExactly(List.of("a", "b", "d"), List.of("c"), List.of("a", "b"), List.of("a"));
    byte[] twice = StagingLayout.journal(List.of(List.of("a"), List.of("b"), List.of("a")));
    assertThat(StagingLayout.recoveryOrder(twice)).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void aNameWithANewlineSurvivesTheJournal() {
    byte[] journal = StagingLayout.journal(List.of(List.of("new\nline", "x")));

    assertThat(StagingLayout.recoveryOrder(journal)).containsExactly(List.of("new\nline", "x"));
  }

  @Test
  void anEntryCutShortByACrashOrUnsafeIsNeverRemoved() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(StagingLayout.journalEntry(List.of("kept")));
    out.writeBytes("../outside\0/abs\0a//b\0.driftless-staging/web\0./x\0".getBytes(UTF_8));
    out.writeBytes("cut-sh".getBytes(UTF_8)); // no terminating NUL: the crash came mid-write

    assertThat(StagingLayout.recoveryOrder(out.toByteArray())).containsExactly(List.of("kept"));
  }

  @Test
  void refusesToJournalWhatCouldLeaveTheRoot() {
    assertThatThrownBy(() -> StagingLayout.journalEntry(List.of("a", "..")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StagingLayout.journalEntry(List.of(".driftless-staging")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StagingLayout.journalEntry(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
