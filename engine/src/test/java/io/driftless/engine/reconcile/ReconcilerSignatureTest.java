package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.testing.TestEngine;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.engine.testing.TestPgpKey;
import io.driftless.engine.verify.SignatureVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source that requires signed commits: nothing is applied unless a trusted key signed it. */
class ReconcilerSignatureTest {
  private static final EnvironmentName ENV = EnvironmentName.of("prod");
  private static final TestPgpKey ALICE = TestPgpKey.generate("Alice <alice@example.com>");
  private static final TestPgpKey MALLORY = TestPgpKey.generate("Mallory <mallory@example.com>");

  @TempDir Path tmp;
  private TestGitRepo repo;
  private TestEngine engine;
  private Path root;

  @BeforeEach
  void setUp() {
    repo = TestGitRepo.create(tmp.resolve("repo"));
    engine =
        TestEngine.create(tmp.resolve("work"), tmp.resolve("targets"), new SignatureVerifier());
    root = tmp.resolve("targets/prod");
    trusting("prod-source", ALICE);
    // Another source trusts Mallory; that trust must not leak into prod-source.
    trusting("sandbox-source", MALLORY);
    engine
        .store()
        .put(
            new Environment(
                ENV,
                SourceName.of("prod-source"),
                "main",
                "",
                null,
                null,
                TargetSpec.Directory.at(root),
                SyncPolicy.defaults(),
                null));
  }

  private void trusting(String name, TestPgpKey key) {
    engine
        .store()
        .put(
            new Source(
                SourceName.of(name),
                repo.url(),
                GitAuth.none(),
                null,
                null,
                new VerifyPolicy(VerifyPolicy.Mode.HEAD, List.of(key.armoredPublicKey())),
                null,
                null));
  }

  @AfterEach
  void tearDown() {
    engine.close();
    repo.close();
  }

  private RunResult reconcile() {
    return engine.reconciler().reconcile(ReconcileRequest.scheduled(ENV)).result();
  }

  @Test
  void aCommitSignedByATrustedKeyIsApplied() throws Exception {
    repo.write("app.conf", "port=80\n");
    repo.commitSigned("signed by alice\n", ALICE::sign);

    RunResult result = reconcile();

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(root.resolve("app.conf"))).isEqualTo("port=80\n");
  }

  @Test
  void anUnsignedCommitFailsAndNothingIsApplied() {
    repo.write("app.conf", "port=80\n");
    repo.commit("unsigned");

    RunResult result = reconcile();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("verify.signature");
    assertThat(result.plan().isEmpty()).isTrue();
    assertThat(Files.exists(root)).isFalse();
  }

  @Test
  void aCommitSignedByAKeyTrustedOnlyByAnotherSourceFailsAndNothingIsApplied() throws Exception {
    repo.write("app.conf", "port=80\n");
    repo.commitSigned("signed by alice\n", ALICE::sign);
    assertThat(reconcile().status()).isEqualTo(RunStatus.SUCCEEDED);

    repo.write("app.conf", "port=6666\n");
    repo.commitSigned("signed by mallory\n", MALLORY::sign);
    RunResult result = reconcile();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("verify.signature");
    assertThat(Files.readString(root.resolve("app.conf"))).isEqualTo("port=80\n");
  }
}
