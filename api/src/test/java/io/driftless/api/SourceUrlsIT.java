package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Source URLs through the REST API, on a server whose {@code git} section is left at its defaults:
 * each URL is accepted or refused with a 422 that names the field and says what to write instead;
 * credentials never go to a plain transport or follow a URL to another server.
 */
class SourceUrlsIT {
  @RegisterExtension
  static final TestServer SERVER = new TestServer("default-git-config.yml", null);

  private static final AtomicInteger NAMES = new AtomicInteger();

  private static final String FORMS =
      "use https://host/owner/repo.git, ssh://[user@]host[:port]/path, user@host:path,"
          + " http://host/path or git://host/path";
  private static final String LOCAL =
      "url is a path on this server's disk (or file://), which this server does not accept"
          + " (git.allowLocalUrls is off); "
          + FORMS;
  private static final Map<String, String> TOKEN = Map.of("type", "token", "token", "t0ken");

  /** A URL and the message of its refusal; null for a URL the server registers. */
  record Case(String url, String refusal) {
    @Override
    public String toString() {
      return url.replace("\n", "\\n");
    }
  }

  static Stream<Case> urls() {
    return Stream.of(
        new Case("https://github.com/acme/site.git", null),
        new Case("HTTPS://GitHub.com/acme/site.git", null),
        new Case("https://[2001:db8::1]/acme/site.git", null),
        new Case("https://x-access-token@github.com/acme/site.git", null),
        new Case("http://git.example.com/site.git", null),
        new Case("git://git.example.com/site.git", null),
        new Case("ssh://git@github.com:2222/acme/site.git", null),
        new Case("git@github.com:acme/site.git", null),
        new Case("git@[2001:db8::1]:site.git", null),
        new Case("not a url", "url is not a Git URL; " + FORMS + " (local paths must be absolute)"),
        new Case("ftp://x/y", "url scheme 'ftp' is not supported; " + FORMS),
        new Case("/etc", LOCAL),
        new Case("file:///srv/repo", LOCAL),
        new Case("C:\\repos\\site", LOCAL),
        new Case(
            "https://ghp_x@github.com/a/b",
            "url must not carry an access token as its user name; give the token in auth instead"),
        new Case(
            "https://glpat-abcdefabcdef@gitlab.com/a/b",
            "url must not carry an access token as its user name; give the token in auth instead"),
        new Case(
            "https://user:pass@github.com/a/b",
            "url must not contain a password; give credentials in auth instead"),
        new Case("HTTPS://", "url names no host; " + FORMS),
        new Case("https://github.com", "url names no repository path after the host; " + FORMS),
        new Case(
            "https://github.com/acme/site.git\n",
            "url must not contain control or invisible characters such as a newline, tab or NUL"
                + " (found U+000A at position 33)"),
        new Case(
            "https://github.com/a/b\u202e",
            "url must not contain control or invisible characters such as a newline, tab or NUL"
                + " (found U+202E at position 23)"),
        new Case(
            "-uhttps://github.com/a/b",
            "url must not start with '-': Git would read it as a command-line option"),
        new Case(
            "https://-evil.example/a/b",
            "url's host must not start with '-': a command would read it as an option"),
        new Case(
            "ext::sh -c touch% /tmp/pwned",
            "url must not name a Git remote helper ('<helper>::...'), which runs a program; "
                + FORMS),
        new Case(
            "https://github.com/a/b?x=1", "url must not contain a query ('?') or a fragment ('#')"),
        new Case("https://github.com:99999/a/b", "url's port must be a number from 1 to 65535"),
        new Case("https://[2001:db8::1/a", "url's IPv6 host needs its closing ']': [2001:db8::1]"),
        new Case("git://alice@host/r.git", "url must not name a user: git:// has no accounts"),
        new Case(
            "https://git hub.com/a", "url must not contain spaces; write a space in a path as %20"),
        new Case(
            "http:host/repo",
            "url must be written http://host/path, with two slashes after the scheme"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void eachUrlIsRegisteredOrRefusedWithItsMessage(Case c) {
    String name = "url-" + NAMES.incrementAndGet();
    Api.Reply reply = SERVER.admin().post("/api/v1/sources", Map.of("name", name, "url", c.url()));
    if (c.refusal() == null) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      assertThat(reply.text("url")).isEqualTo(c.url());
    } else {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
      assertThat(reply.text("message")).isEqualTo(c.refusal());
      assertThat(reply.invalidField()).isEqualTo("url");
      assertThat(SERVER.admin().get("/api/v1/sources/" + name).status()).isEqualTo(404);
    }
  }

  @Test
  void byDefaultFileUrlsAndLocalPathsAreRefused() {
    assertThat(SERVER.app.getConfiguration().getGit().allowLocalUrls()).isFalse();
    for (String url : List.of("file:///etc", "/etc", SERVER.dataDir().toUri().toString())) {
      Api.Reply reply = SERVER.admin().post("/api/v1/sources", Map.of("name", "local", "url", url));
      assertThat(reply.status()).as(url).isEqualTo(422);
      assertThat(reply.text("message")).isEqualTo(LOCAL);
    }
    // Nor can a registered source be moved onto this server's disk.
    Api api = SERVER.admin();
    api.post("/api/v1/sources", Map.of("name", "moved", "url", "https://github.com/a/b.git"));
    Api.Reply moved = api.patch("/api/v1/sources/moved", Map.of("url", "/var/lib/driftless"));
    assertThat(moved.status()).isEqualTo(422);
    assertThat(api.get("/api/v1/sources/moved").text("url"))
        .isEqualTo("https://github.com/a/b.git");
  }

  @Test
  void credentialsAreRefusedOverPlainTransports() {
    Api api = SERVER.admin();
    for (String url : List.of("http://git.example.com/r.git", "git://git.example.com/r.git")) {
      Api.Reply reply =
          api.post("/api/v1/sources", Map.of("name", "plain", "url", url, "auth", TOKEN));
      assertThat(reply.status()).as(url).isEqualTo(422);
      assertThat(reply.invalidField()).isEqualTo("auth");
      assertThat(reply.text("message")).startsWith("auth cannot be used with ");
    }
    Api.Reply write =
        api.post(
            "/api/v1/sources",
            Map.of("name", "plain", "url", "http://git.example.com/r.git", "writeAuth", TOKEN));
    assertThat(write.status()).isEqualTo(422);
    assertThat(write.invalidField()).isEqualTo("writeAuth");

    api.createSource("plain", "http://h.example/r.git");
    Api.Reply added = api.patch("/api/v1/sources/plain", Map.of("auth", TOKEN));
    assertThat(added.status()).isEqualTo(422);
    assertThat(added.invalidField()).isEqualTo("auth");
    assertThat(api.get("/api/v1/sources/plain").text("authType")).isEqualTo("none");
  }

  @Test
  void aUrlOnAnotherSchemeOrHostDropsTheStoredCredentials() {
    Api api = SERVER.admin();
    api.post(
        "/api/v1/sources",
        Map.of("name", "creds", "url", "https://github.com/acme/site.git", "auth", TOKEN));
    assertThat(api.get("/api/v1/sources/creds").text("authType")).isEqualTo("token");

    api.patch("/api/v1/sources/creds", Map.of("url", "https://github.com/acme/other.git"));
    assertThat(api.get("/api/v1/sources/creds").text("authType"))
        .as("same host: kept")
        .isEqualTo("token");

    api.patch("/api/v1/sources/creds", Map.of("url", "https://evil.example/acme/site.git"));
    assertThat(api.get("/api/v1/sources/creds").text("authType"))
        .as("another host: dropped")
        .isEqualTo("none");

    api.patch(
        "/api/v1/sources/creds",
        Map.of("url", "ssh://git@evil.example/acme/site.git", "auth", TOKEN));
    assertThat(api.get("/api/v1/sources/creds").text("authType"))
        .as("new credentials with the new URL")
        .isEqualTo("token");
  }

  @Test
  void hostApisAreReachedOverHttpsOnly() {
    Api api = SERVER.admin();
    api.post("/api/v1/sources", Map.of("name", "hosted", "url", "https://github.com/a/b.git"));
    Api.Reply plain =
        api.put(
            "/api/v1/sources/hosted/host",
            Map.of("type", "gitea", "url", "http://gitea.example", "token", "t0ken"));
    assertThat(plain.status()).isEqualTo(422);
    assertThat(plain.invalidField()).isEqualTo("url");
    assertThat(plain.text("message"))
        .isEqualTo(
            "url must be an https:// address: the API token must not cross the network in the"
                + " clear");
    Api.Reply tls =
        api.put(
                "/api/v1/sources/hosted/host",
                Map.of("type", "gitea", "url", "https://gitea.example/", "token", "t0ken"))
            .expect(200);
    assertThat(tls.text("url")).isEqualTo("https://gitea.example");
  }

  @Test
  void noAuthorizationHeaderEverReachesAPlainHttpGitServer() throws Exception {
    // A Git server on plain HTTP that asks for credentials and records every header it gets.
    List<String> authorizations = new CopyOnWriteArrayList<>();
    AtomicInteger requests = new AtomicInteger();
    HttpServer git = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    git.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          authorizations.addAll(
              exchange.getRequestHeaders().getOrDefault("Authorization", List.of()));
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    git.start();
    try {
      Api api = SERVER.admin();
      String host = "127.0.0.1:" + git.getAddress().getPort();
      Api.Reply refused =
          api.post(
              "/api/v1/sources",
              Map.of("name", "recorded", "url", "http://" + host + "/site.git", "auth", TOKEN));
      assertThat(refused.status()).isEqualTo(422);

      // Registered with credentials over https, then moved to plain http: they must not follow.
      api.post(
          "/api/v1/sources",
          Map.of("name", "recorded", "url", "https://" + host + "/site.git", "auth", TOKEN));
      Api.Reply moved =
          api.patch("/api/v1/sources/recorded", Map.of("url", "http://" + host + "/site.git"))
              .expect(200);
      api.createEnvironment(
          EnvironmentBody.directory(
              "recorded", "recorded", "site", SERVER.targets().resolve("rec")));
      Api.Reply run = api.sync("recorded", Map.of());
      assertThat(run.text("status")).isEqualTo("failed");
      assertThat(requests.get()).as("the server was asked").isPositive();
      assertThat(authorizations).isEmpty();
    } finally {
      git.stop(0);
    }
  }
}
