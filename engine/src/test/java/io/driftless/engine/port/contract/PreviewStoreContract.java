package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.HostApi;
import io.driftless.engine.port.query.StoredPreview;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.PreviewStore}, for every store that implements
 * it.
 */
public abstract class PreviewStoreContract extends StoresContract {

  protected SourceName newSource() {
    String name = Fixtures.unique("src");
    stores.sources().register(Fixtures.plainSource(name));
    return SourceName.of(name);
  }

  @Test
  void aNewerHeadSupersedesAPreviewStillComputingForTheOlderOne() {
    SourceName source = newSource();
    StoredPreview first = stores.previews().start(source, 7, "a".repeat(40), "main");
    assertThat(first.state()).isEqualTo(StoredPreview.PENDING);
    assertThat(first.resultJson()).isNull();

    clock.advance(Duration.ofSeconds(5));
    stores.previews().start(source, 7, "b".repeat(40), "main");

    assertThat(stores.previews().complete(source, 7, "a".repeat(40), "{\"old\":true}")).isFalse();
    assertThat(stores.previews().complete(source, 7, "b".repeat(40), "{\"new\":true}")).isTrue();
    StoredPreview now = stores.previews().find(source, 7).orElseThrow();
    assertThat(now.head()).isEqualTo("b".repeat(40));
    assertThat(now.state()).isEqualTo(StoredPreview.DONE);
    assertThat(now.resultJson()).isEqualTo("{\"new\":true}");
    assertThat(now.createdAt()).isEqualTo(first.createdAt());
    assertThat(now.updatedAt()).isAfter(first.updatedAt());
  }

  @Test
  void theCommentIdSurvivesNewHeadsAndEachPullRequestHasItsOwnRow() {
    SourceName source = newSource();
    stores.previews().start(source, 1, "c".repeat(40), "main");
    stores.previews().recordComment(source, 1, "12345");
    clock.advance(Duration.ofSeconds(1));
    stores.previews().start(source, 1, "d".repeat(40), "main");
    clock.advance(Duration.ofSeconds(1));
    stores.previews().start(source, 2, "e".repeat(40), "release");

    assertThat(stores.previews().find(source, 1).orElseThrow().commentId()).isEqualTo("12345");
    assertThat(stores.previews().find(source, 2).orElseThrow().commentId()).isNull();
    assertThat(stores.previews().find(source, 2).orElseThrow().baseRef()).isEqualTo("release");
    assertThat(stores.previews().list(source))
        .extracting(StoredPreview::pr)
        .containsExactly(2L, 1L);
    assertThat(stores.previews().find(source, 3)).isEmpty();
  }

  @Test
  void previewsOfAnUnknownSourceAreRefusedAndGoWithTheirSource() {
    assertThatThrownBy(() -> stores.previews().start(SourceName.of("nope"), 1, "f", "main"))
        .isInstanceOf(NotFoundException.class);

    SourceName source = newSource();
    stores.previews().start(source, 4, "f".repeat(40), "main");
    stores.hostApis().set(source, new HostApi("github", "https://x", "o/r", Secret.of("t")));
    stores.sources().delete(source);

    assertThat(stores.previews().list(source)).isEmpty();
    assertThat(stores.hostApis().view(source)).isEmpty();
  }
}
