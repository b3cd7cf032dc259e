package io.driftless.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.jgit.MirroredRepoTestBase;
import io.driftless.engine.testing.TestPgpKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed commits made in a real repository, read back through the mirror, then verified. */
class SignatureVerifierTest extends MirroredRepoTestBase {
  private static TestPgpKey alice;
  private static TestPgpKey mallory;

  private final SignatureVerifier verifier = new SignatureVerifier();

  @BeforeAll
  static void keys() {
    alice = TestPgpKey.generate("Alice <alice@example.com>");
    mallory = TestPgpKey.generate("Mallory <mallory@example.com>");
  }

  @Test
  void aCommitSignedByATrustedKeyPasses() {
    Source source = requiring("prod", alice);
    Commit commit = signedCommit(source, alice::sign);

    VerifiedSignature verified = verifier.check(source, commit).orElseThrow();

    assertThat(verified.primaryKey()).isEqualTo(alice.fingerprint());
    assertThat(verified.signingKey()).isEqualTo(alice.fingerprint());
    assertThat(verified.userId()).isEqualTo("Alice <alice@example.com>");
  }

  @Test
  void anyOfSeveralTrustedKeysWillDo() {
    Source source = requiring("prod", mallory, alice);
    Commit commit = signedCommit(source, alice::sign);

    assertThat(verifier.check(source, commit)).isPresent();
  }

  @Test
  void aBoundSigningSubkeyOfATrustedKeyPasses() {
    TestPgpKey bob = TestPgpKey.withSigningSubkey("Bob <bob@example.com>");
    Source source = requiring("prod", bob);
    Commit commit = signedCommit(source, bob::sign);

    VerifiedSignature verified = verifier.check(source, commit).orElseThrow();

    assertThat(verified.primaryKey()).isEqualTo(bob.fingerprint());
    assertThat(verified.signingKey())
        .isEqualTo(bob.signingFingerprint())
        .isNotEqualTo(bob.fingerprint());
  }

  @Test
  void aSubkeyNotBoundToItsPrimaryKeyFails() {
    TestPgpKey forged = alice.withUnboundSubkey();
    Source source = requiring("prod", forged);
    Commit commit = signedCommit(source, forged::sign);

    assertRefused(source, commit, "not bound");
  }

  @Test
  void asTheRunsCommitVerifierItPassesOrThrows() {
    CommitVerifier port = verifier;
    Source source = requiring("prod", alice);

    port.verify(source, signedCommit(source, alice::sign));
    Commit unsigned = signedCommit(source, payload -> null);
    assertThatThrownBy(() -> port.verify(source, unsigned)).isInstanceOf(SignatureException.class);
  }

  @Test
  void anUnsignedCommitFails() {
    Source source = requiring("prod", alice);
    Commit commit = signedCommit(source, payload -> null);

    assertThatThrownBy(() -> verifier.check(source, commit))
        .isInstanceOfSatisfying(
            SignatureException.class,
            e -> {
              assertThat(e.code()).isEqualTo("verify.signature");
              assertThat(e.details()).containsEntry("source", "prod");
              assertThat(e.details()).containsEntry("revision", commit.revision().value());
            })
        .hasMessageContaining("is not signed");
  }

  @Test
  void aKeyTrustedOnlyByAnotherSourceDoesNotCount() {
    Source prod = requiring("prod", alice);
    Source sandbox = requiring("sandbox", mallory);
    Commit commit = signedCommit(sandbox, mallory::sign);
    assertThat(verifier.check(sandbox, commit)).isPresent();

    assertThatThrownBy(() -> verifier.check(prod, commit))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("signed by key " + mallory.fingerprint())
        .hasMessageContaining("not one of the source's trusted keys");
  }

  @Test
  void aSignatureOverOtherBytesFails() {
    Source source = requiring("prod", alice);
    Commit commit =
        signedCommit(
            source,
            payload -> {
              byte[] tampered = Arrays.copyOf(payload, payload.length);
              tampered[tampered.length - 2] ^= 1; // one bit of the message differs
              return alice.sign(tampered);
            });

    assertThatThrownBy(() -> verifier.check(source, commit))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("bad signature by key " + alice.fingerprint());
  }

  @Test
  void aTamperedPayloadFails() {
    Source source = requiring("prod", alice);
    Commit genuine = signedCommit(source, alice::sign);
    byte[] payload = genuine.signedPayload().clone();
    String text =
        new String(payload, StandardCharsets.UTF_8).replace("signed change", "evil change");
    Commit tampered =
        new Commit(
            genuine.revision(),
            genuine.message(),
            genuine.authorName(),
            genuine.authorEmail(),
            genuine.time(),
            genuine.signature(),
            text.getBytes(StandardCharsets.UTF_8));

    assertThat(verifier.check(source, genuine)).isPresent();
    assertRefused(source, tampered, "bad signature");
  }

  @Test
  void aRevokedKeyFails() {
    TestPgpKey revoked = alice.revoked();
    Source source = requiring("prod", revoked);
    Commit commit = signedCommit(source, alice::sign);

    assertRefused(source, commit, "has been revoked");
  }

  @Test
  void anExpiredKeyFails() {
    Instant now = Instant.now();
    TestPgpKey shortLived =
        TestPgpKey.generate("Temp <temp@example.com>", now.minusSeconds(3600), Duration.ofDays(1));
    Source source = requiring("prod", shortLived);
    Commit commit = signedCommit(source, shortLived::sign);
    assertThat(verifier.check(source, commit)).isPresent();

    SignatureVerifier later =
        new SignatureVerifier(Clock.fixed(now.plus(Duration.ofDays(2)), ZoneOffset.UTC));

    assertThatThrownBy(() -> later.check(source, commit))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void withoutAPolicyNothingIsChecked() {
    Source source = Source.of(SourceName.of("open"), remote.url());
    Commit commit = signedCommit(source, payload -> null);

    assertThat(verifier.check(source, commit)).isEmpty();
  }

  @Test
  void aSignatureThatIsNotOpenPgpFails() {
    Source source = requiring("prod", alice);
    Commit commit =
        signedCommit(
            source,
            payload -> "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n");

    assertRefused(source, commit, "SSH signature");
  }

  @Test
  void trustedKeysThatAreNotPublicKeysAreRefused() {
    assertThatThrownBy(() -> TrustedKeys.parse(List.of("not a key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trusted key #1");
    assertThatThrownBy(
            () ->
                TrustedKeys.parse(
                    List.of(
                        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n"
                            + "-----END PGP PRIVATE KEY BLOCK-----")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private key");
    assertThat(
            TrustedKeys.parse(List.of(alice.armoredPublicKey(), mallory.armoredPublicKey()))
                .fingerprints())
        .containsExactly(alice.fingerprint(), mallory.fingerprint());

    Source broken =
        new Source(
            SourceName.of("broken"),
            remote.url(),
            GitAuth.none(),
            null,
            null,
            new VerifyPolicy(VerifyPolicy.Mode.HEAD, List.of("garbage")),
            null,
            null);
    Commit commit = signedCommit(broken, alice::sign);
    assertRefused(broken, commit, "trusted key #1");
  }

  private Source requiring(String name, TestPgpKey... trusted) {
    return new Source(
        SourceName.of(name),
        remote.url(),
        GitAuth.none(),
        null,
        null,
        new VerifyPolicy(
            VerifyPolicy.Mode.HEAD,
            Arrays.stream(trusted).map(TestPgpKey::armoredPublicKey).toList()),
        null,
        null);
  }

  private Commit signedCommit(Source source, java.util.function.Function<byte[], String> signer) {
    remote.write("app.conf", "port=" + System.nanoTime() + "\n");
    Revision revision = remote.commitSigned("signed change\n", signer);
    assertThat(mirror.reader().update(source, "main")).isEqualTo(revision);
    return mirror.reader().commit(source, revision);
  }

  /** The verifier refuses {@code commit} of {@code source}, saying {@code why}. */
  private void assertRefused(Source source, Commit commit, String why) {
    assertThatThrownBy(() -> verifier.check(source, commit))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining(why);
  }
}
