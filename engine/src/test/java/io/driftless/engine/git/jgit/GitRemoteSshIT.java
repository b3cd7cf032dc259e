package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitAccessException.Reason;
import io.driftless.engine.testing.TestGitRepo;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git over SSH against an in-process Apache MINA sshd server that runs JGit's upload-pack: key
 * authentication, and host keys pinned by the source's known_hosts text.
 */
class GitRemoteSshIT {
  @TempDir Path tmp;

  private TestGitRepo remote;
  private Revision head;
  private SshServer sshd;
  private KeyPair hostKey;
  private KeyPair clientKey;
  private JGitMirror mirror;
  private String url;

  @BeforeEach
  void start() throws Exception {
    remote = TestGitRepo.create(tmp.resolve("remote"));
    head = remote.commit(Map.of("envs/prod/app.conf", "port=80\n"), "first");
    hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);

    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPublickeyAuthenticator(
        (user, key, session) ->
            "git".equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
    sshd.setCommandFactory((channel, command) -> new UploadPackCommand(command));
    sshd.start();
    url = "ssh://git@127.0.0.1:" + sshd.getPort() + "/configs.git";
    mirror = new JGitMirror(tmp.resolve("work"), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    mirror.close();
    sshd.stop(true);
    remote.close();
  }

  @Test
  void aKeyAndThePinnedHostKeyFetch() throws Exception {
    Source source =
        source(new GitAuth.SshKey(Secret.of(privateKey(clientKey, null)), null, pin(hostKey)));

    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);
    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);
    assertThat(mirror.fetchCount()).isEqualTo(1);
  }

  @Test
  void aPassphraseProtectedKeyFetches() throws Exception {
    String passphrase = "correct horse";
    Source source =
        source(
            new GitAuth.SshKey(
                Secret.of(privateKey(clientKey, passphrase)), Secret.of(passphrase), pin(hostKey)));

    assertThat(mirror.reader().update(source, "main")).isEqualTo(head);
  }

  @Test
  void aServerWithAnotherHostKeyIsRefused() throws Exception {
    KeyPair impostor = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    String privateKey = privateKey(clientKey, null);
    Source source = source(new GitAuth.SshKey(Secret.of(privateKey), null, pin(impostor)));

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.AUTH);
              assertThat(stackTrace(e))
                  .doesNotContain(privateKey.lines().skip(1).findFirst().orElseThrow());
            })
        .hasMessageContaining(url.replace("git@", ""));
  }

  @Test
  void aHostMissingFromKnownHostsIsRefused() throws Exception {
    String otherHost = "[example.org]:22 " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
    Source source =
        source(new GitAuth.SshKey(Secret.of(privateKey(clientKey, null)), null, otherHost));

    assertRefusedAsAuth(source);
  }

  @Test
  void aKeyTheServerDoesNotKnowIsAnAuthFailure() throws Exception {
    KeyPair stranger = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    Source source =
        source(new GitAuth.SshKey(Secret.of(privateKey(stranger, null)), null, pin(hostKey)));

    assertRefusedAsAuth(source);
  }

  @Test
  void newCredentialsOfASourceAreUsedAtOnce() throws Exception {
    KeyPair stranger = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    Source refused =
        source(new GitAuth.SshKey(Secret.of(privateKey(stranger, null)), null, pin(hostKey)));
    assertRefusedAsAuth(refused);

    // The same source, its key replaced: the SSH session of the old key is not reused.
    Source fixed =
        source(new GitAuth.SshKey(Secret.of(privateKey(clientKey, null)), null, pin(hostKey)));
    assertThat(mirror.reader().update(fixed, "main")).isEqualTo(head);
  }

  @Test
  void unreadableCredentialsAreAnAuthFailureWithoutTheKey() throws Exception {
    Source source =
        source(
            new GitAuth.SshKey(
                Secret.of(
                    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                        + "AAAAgarbage\n"
                        + "-----END OPENSSH PRIVATE KEY-----\n"),
                null,
                pin(hostKey)));

    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
        .hasMessageContaining("private key could not be read")
        .hasMessageNotContaining("AAAAgarbage");
  }

  private Source source(GitAuth auth) {
    return new Source(
        SourceName.of("configs"), url, auth, null, null, VerifyPolicy.none(), null, null);
  }

  private String pin(KeyPair key) {
    return "# pinned by the test\n[127.0.0.1]:"
        + sshd.getPort()
        + " "
        + PublicKeyEntry.toString(key.getPublic())
        + "\n";
  }

  private static String privateKey(KeyPair key, String passphrase) throws Exception {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherName("AES");
      encryption.setCipherMode("CTR");
      encryption.setCipherType("256");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Serves {@code git-upload-pack '<path>'} from the test repository with JGit's UploadPack. */
  private final class UploadPackCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread worker;

    UploadPackCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      worker =
          new Thread(
              () -> {
                int code = 0;
                try {
                  if (!command.startsWith("git-upload-pack") || !command.contains("configs.git")) {
                    err.write(
                        ("unknown command: " + command + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    code = 1;
                  } else {
                    new UploadPack(remote.git().getRepository()).upload(in, out, err);
                  }
                } catch (Exception e) {
                  code = 1;
                } finally {
                  exit.onExit(code);
                }
              },
              "upload-pack");
      worker.setDaemon(true);
      worker.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (worker != null) {
        worker.interrupt();
      }
    }
  }

  private void assertRefusedAsAuth(Source source) {
    assertThatThrownBy(() -> mirror.reader().update(source, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH));
  }
}
