package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.webhook.PushEvent.RefUpdate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each host's real payload shape and signature scheme, from the fixtures. */
class WebhookProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "https://git.example.invalid/acme/site.git";
  private static final String SHA = "9f2c6f0d0e6f4d1f8c3a2b1e0d9c8b7a6f5e4d3c";

  @ParameterizedTest
  @EnumSource(WebhookProvider.class)
  void readsThePushAndChecksTheSignature(WebhookProvider provider) throws Exception {
    Deliveries.Delivery d =
        Deliveries.push(provider, URL, "refs/heads/main", SHA, "s3cret-of-the-source");
    Map<String, String> headers = headers(d.headers());

    PushEvent push = provider.read(headers, JSON.readTree(d.body()));
    assertThat(push.push()).isTrue();
    assertThat(push.updates()).containsExactly(new RefUpdate("refs/heads/main", SHA));
    assertThat(push.repositoryUrls())
        .extracting(RepositoryUrl::of)
        .contains(RepositoryUrl.of("git@git.example.invalid:acme/site.git"));
    assertThat(provider.deliveryId(headers)).isNotBlank();

    assertThat(provider.authentic(headers, d.body(), "s3cret-of-the-source")).isTrue();
    assertThat(provider.authentic(headers, d.body(), "another-secret")).isFalse();
    byte[] tampered = d.body().clone();
    tampered[tampered.length / 2] ^= 1;
    if (provider != WebhookProvider.GITLAB) { // GitLab sends the token, not a signature
      assertThat(provider.authentic(headers, tampered, "s3cret-of-the-source")).isFalse();
    }
  }

  @Test
  void bitbucketDataCenterRefsChanged() throws Exception {
    Deliveries.Delivery d = Deliveries.bitbucketServerPush(URL, "refs/heads/main", SHA, "k");
    Map<String, String> headers = headers(d.headers());
    PushEvent push = WebhookProvider.BITBUCKET.read(headers, JSON.readTree(d.body()));
    assertThat(push.updates()).containsExactly(new RefUpdate("refs/heads/main", SHA));
    assertThat(push.repositoryUrls()).contains(URL);
    assertThat(WebhookProvider.BITBUCKET.authentic(headers, d.body(), "k")).isTrue();
  }

  @Test
  void githubPingIsNotAPush() throws Exception {
    String ping = Deliveries.fixture("github-ping.json", URL, "refs/heads/main", SHA);
    PushEvent event =
        WebhookProvider.GITHUB.read(headers(Map.of("X-GitHub-Event", "ping")), JSON.readTree(ping));
    assertThat(event.push()).isFalse();
    assertThat(event.repositoryUrls()).contains(URL);
  }

  @Test
  void aDeletedBranchMovesNothing() throws Exception {
    String deleted =
        Deliveries.fixture("generic-push.json", URL, "refs/heads/gone", "0".repeat(40));
    assertThat(WebhookProvider.GENERIC.read(headers(Map.of()), JSON.readTree(deleted)).updates())
        .isEmpty();
  }

  @Test
  void refsMatchBranchTagAndFullNames() {
    RefUpdate main = new RefUpdate("refs/heads/main", SHA);
    assertThat(main.movesRef("main")).isTrue();
    assertThat(main.movesRef("refs/heads/main")).isTrue();
    assertThat(main.movesRef("develop")).isFalse();
    assertThat(main.movesRef(SHA)).isFalse();
    assertThat(new RefUpdate("refs/tags/v1", SHA).movesRef("v1")).isTrue();
  }

  @Test
  void signaturesCompareWholeDigests() {
    byte[] body = Deliveries.bytes("{}");
    String good = Signatures.hmacSha256Hex("k", body);
    assertThat(Signatures.hmacSha256Matches("k", body, good)).isTrue();
    assertThat(Signatures.hmacSha256Matches("k", body, good.substring(0, 10))).isFalse();
    assertThat(Signatures.hmacSha256Matches("k", body, "zz")).isFalse();
    assertThat(Signatures.hmacSha256Matches("k", body, null)).isFalse();
    assertThat(Signatures.tokenMatches("k", "k")).isTrue();
    assertThat(Signatures.tokenMatches("k", "k ")).isFalse();
  }

  private static Map<String, String> headers(Map<String, String> h) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(h);
    return m;
  }
}
