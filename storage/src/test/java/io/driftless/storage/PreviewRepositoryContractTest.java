package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SourceName;
import io.driftless.storage.model.HostApi;
import io.driftless.storage.model.StoredPreview;
import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link io.driftless.storage.jdbi.PreviewRepository} and {@link
 * io.driftless.storage.jdbi.HostApiRepository} against a real database.
 */
public abstract class PreviewRepositoryContractTest extends StorageTestBase {

  private SourceName newSource() {
    String name = Fixtures.unique("src");
    storage.sources().register(Fixtures.plainSource(name));
    return SourceName.of(name);
  }

  @Test
  void aNewerHeadSupersedesAPreviewStillComputingForTheOlderOne() {
    SourceName source = newSource();
    StoredPreview first = storage.previews().start(source, 7, "a".repeat(40), "main");
    assertThat(first.state()).isEqualTo(StoredPreview.PENDING);
    assertThat(first.resultJson()).isNull();

    clock.advance(Duration.ofSeconds(5));
    storage.previews().start(source, 7, "b".repeat(40), "main");

    assertThat(storage.previews().complete(source, 7, "a".repeat(40), "{\"old\":true}")).isFalse();
    assertThat(storage.previews().complete(source, 7, "b".repeat(40), "{\"new\":true}")).isTrue();
    StoredPreview now = storage.previews().find(source, 7).orElseThrow();
    assertThat(now.head()).isEqualTo("b".repeat(40));
    assertThat(now.state()).isEqualTo(StoredPreview.DONE);
    assertThat(now.resultJson()).isEqualTo("{\"new\":true}");
    assertThat(now.createdAt()).isEqualTo(first.createdAt());
    assertThat(now.updatedAt()).isAfter(first.updatedAt());
  }

  @Test
  void theCommentIdSurvivesNewHeadsAndEachPullRequestHasItsOwnRow() {
    SourceName source = newSource();
    storage.previews().start(source, 1, "c".repeat(40), "main");
    storage.previews().recordComment(source, 1, "12345");
    clock.advance(Duration.ofSeconds(1));
    storage.previews().start(source, 1, "d".repeat(40), "main");
    clock.advance(Duration.ofSeconds(1));
    storage.previews().start(source, 2, "e".repeat(40), "release");

    assertThat(storage.previews().find(source, 1).orElseThrow().commentId()).isEqualTo("12345");
    assertThat(storage.previews().find(source, 2).orElseThrow().commentId()).isNull();
    assertThat(storage.previews().find(source, 2).orElseThrow().baseRef()).isEqualTo("release");
    assertThat(storage.previews().list(source))
        .extracting(StoredPreview::pr)
        .containsExactly(2L, 1L);
    assertThat(storage.previews().find(source, 3)).isEmpty();
  }

  @Test
  void previewsOfAnUnknownSourceAreRefusedAndGoWithTheirSource() {
    assertThatThrownBy(() -> storage.previews().start(SourceName.of("nope"), 1, "f", "main"))
        .isInstanceOf(NotFoundException.class);

    SourceName source = newSource();
    storage.previews().start(source, 4, "f".repeat(40), "main");
    storage.hostApis().set(source, new HostApi("github", "https://x", "o/r", Secret.of("t")));
    storage.sources().delete(source);

    assertThat(storage.previews().list(source)).isEmpty();
    assertThat(storage.hostApis().view(source)).isEmpty();
  }

  @Test
  void theHostTokenIsStoredEncryptedAndOnlyFindDecryptsIt() throws Exception {
    SourceName source = newSource();
    String token = "ghp_contract-token-" + Fixtures.unique("t");
    var view =
        storage
            .hostApis()
            .set(
                source,
                new HostApi(
                    "github", "https://ghe.example.com/api/v3", "acme/site", Secret.of(token)));

    assertThat(view.type()).isEqualTo("github");
    assertThat(view.toString()).doesNotContain(token);
    assertThat(count("SELECT COUNT(*) FROM source_host_apis WHERE token LIKE ?", "%" + token + "%"))
        .isZero();
    HostApi found = storage.hostApis().find(source).orElseThrow();
    assertThat(found.token().reveal()).isEqualTo(token);
    assertThat(found.toString()).doesNotContain(token);

    storage.hostApis().set(source, new HostApi("gitlab", "https://gl", "g/p", Secret.of("other")));
    assertThat(storage.hostApis().find(source).orElseThrow().token().reveal()).isEqualTo("other");
    assertThat(storage.hostApis().view(source).orElseThrow().baseUrl()).isEqualTo("https://gl");

    assertThat(storage.hostApis().remove(source)).isTrue();
    assertThat(storage.hostApis().remove(source)).isFalse();
    assertThat(storage.hostApis().find(source)).isEmpty();
  }
}
