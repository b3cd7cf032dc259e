package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitAccessException.Reason;
import io.driftless.engine.testing.TestGitRepo;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smart HTTP with Basic auth: JGit's GitServlet in an in-process Jetty. */
class GitRemoteHttpIT {
  private static final String USER = "deployer";
  private static final String PASSWORD = "s3cret-pa55word";

  @TempDir Path tmp;

  private final Map<CredentialName, Credential> named = new ConcurrentHashMap<>();
  private TestGitRepo remote;
  private Server server;
  private JGitMirror mirror;
  private String url;
  private Revision head;

  @BeforeEach
  void start() throws Exception {
    remote = TestGitRepo.create(tmp.resolve("remote"));
    head = remote.commit(Map.of("envs/prod/app.conf", "port=80\n"), "first");

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(
        (request, name) -> {
          if (!name.equals("configs.git")) {
            throw new RepositoryNotFoundException(name);
          }
          Repository repository = remote.git().getRepository();
          repository.incrementOpen();
          return repository;
        });
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(git), "/git/*");
    context.addFilter(
        new FilterHolder(new BasicAuth(USER, PASSWORD)), "/*", EnumSet.of(DispatcherType.REQUEST));
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    url = "http://127.0.0.1:" + connector.getLocalPort() + "/git/configs.git";
    mirror =
        new JGitMirror(
            tmp.resolve("work"), Duration.ofSeconds(10), n -> Optional.ofNullable(named.get(n)));
  }

  @AfterEach
  void stop() throws Exception {
    mirror.close();
    server.stop();
    remote.close();
  }

  @Test
  void theRightPasswordFetches() {
    Source source = source("configs", new GitAuth.Basic(USER, Secret.of(PASSWORD)));

    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);
    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);
    assertThat(mirror.fetchCount()).isEqualTo(1);

    Revision second = remote.commit(Map.of("envs/prod/app.conf", "port=81\n"), "second");
    assertThat(mirror.reader().update(source, "main")).isEqualTo(second);
    assertThat(mirror.fetchCount()).isEqualTo(2);
  }

  @Test
  void aTokenIsSentAsBasicAuth() {
    Source source = source("configs", new GitAuth.Token(USER, Secret.of(PASSWORD)));

    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);
  }

  @Test
  void aNamedCredentialIsLookedUpAtEachCallSoARotationTakesEffectAtTheNextFetch() {
    CredentialName bot = CredentialName.of("bot");
    named.put(bot, new Credential.Basic(USER, Secret.of("expired-pa55word")));
    Source source = source("configs", new GitAuth.Named(bot, null));

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertAuthFailureHiding(e, "expired"));

    named.put(bot, new Credential.Token(USER, Secret.of(PASSWORD)));
    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);

    named.remove(bot);
    remote.commit(Map.of("envs/prod/app.conf", "port=82\n"), "second");
    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
        .hasMessageContaining("no credential named 'bot'");
  }

  @Test
  void aNamedKeyThatCannotServeGitIsAnAuthFailure() {
    CredentialName age = CredentialName.of("sops-key");
    named.put(age, new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1")));

    assertThatThrownBy(
            () -> mirror.reader().update(source("configs", new GitAuth.Named(age, null)), "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
        .hasMessageContaining("cannot authenticate to Git");
  }

  @Test
  void aWrongPasswordIsAnAuthFailureThatNeverShowsThePassword() {
    String wrong = "wrong-pa55word-x";
    Source source = source("configs", new GitAuth.Basic(USER, Secret.of(wrong)));

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.AUTH);
              assertThat(e.code()).isEqualTo("git.auth");
              assertThat(e.details()).containsEntry("source", "configs").containsEntry("url", url);
              assertThat(stackTrace(e)).doesNotContain(wrong).doesNotContain(PASSWORD);
            })
        .hasMessageContaining("configs")
        .hasMessageContaining(url)
        .hasMessageNotContaining(wrong);
    assertThat(mirror.fetchCount()).isZero();
  }

  @Test
  void noCredentialsIsAnAuthFailure() {
    Source source = source("configs", GitAuth.none());

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH));
  }

  @Test
  void aPasswordInTheUrlIsNeverShown() {
    String withUserInfo = url.replace("http://", "http://" + USER + ":wrong-in-url@");
    Source source = source("inline", withUserInfo, null);

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertAuthFailureHiding(e, "wrong-in-url"))
        .hasMessageContaining(url);
  }

  @Test
  void anUnknownRepositoryIsUnreachable() {
    Source source =
        source(
            "missing",
            url.replace("configs.git", "nope.git"),
            new GitAuth.Basic(USER, Secret.of(PASSWORD)));

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
  }

  private Source source(String name, GitAuth auth) {
    return source(name, url, auth);
  }

  private static Source source(String name, String url, GitAuth auth) {
    return new Source(SourceName.of(name), url, auth, null, null, VerifyPolicy.none(), null, null);
  }

  private static void assertAuthFailureHiding(GitAccessException e, String secret) {
    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(stackTrace(e)).doesNotContain(secret);
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Basic auth for one user, answering 401 with a challenge as Git hosts do. */
  private static final class BasicAuth implements Filter {
    private final String expected;

    BasicAuth(String user, String password) {
      this.expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String given = ((HttpServletRequest) request).getHeader("Authorization");
      if (expected.equals(given)) {
        chain.doFilter(request, response);
        return;
      }
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
      http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }
}
