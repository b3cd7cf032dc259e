package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitAccessException.Reason;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.UnknownRefException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JGitReaderTest extends MirroredRepoTestBase {
  private Revision first;

  @BeforeEach
  void commitFirst() {
    first = remote.commit(TWO_ENVIRONMENTS, "first");
  }

  @Test
  void fetchesOverFileUrlIntoOneBareCloneUnderTheWorkDirectory() throws IOException {
    assertThat(git.update(source, "main")).isEqualTo(first);

    Path clone = tmp.resolve("work/sources/configs");
    assertThat(clone.resolve("config")).isRegularFile();
    assertThat(clone.resolve("HEAD")).isRegularFile();
    assertThat(Files.readString(clone.resolve("config"))).contains("bare = true");
    assertThat(mirror.fetchCount()).isEqualTo(1);
    assertThat(inClone("main")).isEqualTo(first);
    assertThat(inClone("refs/heads/main")).isEqualTo(first);
  }

  @Test
  void anUnchangedRemoteCostsNoFetch() {
    git.update(source, "main");
    git.update(source, "main");
    git.update(source, "refs/heads/main");

    assertThat(mirror.fetchCount()).isEqualTo(1);
    assertThat(mirror.remoteCheckCount()).isEqualTo(3);
  }

  @Test
  void aNewCommitIsFetchedIntoTheExistingClone() throws IOException {
    git.update(source, "main");
    Revision second = remote.commit(Map.of("envs/prod/app.conf", "port=81\n"), "second");

    assertThat(git.update(source, "main")).isEqualTo(second);
    assertThat(mirror.fetchCount()).isEqualTo(2);
    // The same clone, now holding both commits.
    assertThat(inClone(first.value())).isEqualTo(first);
    assertThat(new String(readFile(second, "envs/prod", "app.conf"), StandardCharsets.UTF_8))
        .isEqualTo("port=81\n");
  }

  @Test
  void resolvesLightweightAndAnnotatedTagsToTheirCommit() throws IOException {
    remote.tag("v1");
    Revision second = remote.commit(Map.of("README.md", "v2\n"), "second");
    remote.annotatedTag("v2", "release 2");

    assertThat(git.update(source, "v1")).isEqualTo(first);
    assertThat(git.update(source, "refs/tags/v2")).isEqualTo(second);
    assertThat(git.update(source, "v2")).isEqualTo(second);
    assertThat(mirror.fetchCount()).isEqualTo(1);
    assertThat(inClone("v2")).isEqualTo(second);
  }

  @Test
  void aMovedTagIsFetchedAgain() {
    remote.tag("stable");
    assertThat(git.update(source, "stable")).isEqualTo(first);
    Revision second = remote.commit(Map.of("README.md", "v2\n"), "second");
    remote.deleteRef("refs/tags/stable");
    remote.tag("stable");

    assertThat(git.update(source, "stable")).isEqualTo(second);
  }

  @Test
  void aFullRevisionOnABranchIsServedFromTheCloneOrFetched() {
    Revision second = remote.commit(Map.of("README.md", "v2\n"), "second");

    // Not in the clone yet: one fetch brings it.
    assertThat(git.update(source, first.value())).isEqualTo(first);
    assertThat(mirror.fetchCount()).isEqualTo(1);
    // Already there: no network at all.
    long checks = mirror.remoteCheckCount();
    assertThat(git.update(source, second.value())).isEqualTo(second);
    assertThat(mirror.fetchCount()).isEqualTo(1);
    assertThat(mirror.remoteCheckCount()).isEqualTo(checks);
  }

  @Test
  void aRevisionThatNoBranchOrTagReachesIsFetchedById() throws IOException {
    Revision orphan =
        commitReachableOnlyFrom(
            "refs/keep/hidden", Map.of("README.md", "only on a hidden ref\n"), "hidden");

    assertThat(git.update(source, orphan.value())).isEqualTo(orphan);
    assertThat(inClone(orphan.value())).isEqualTo(orphan);
  }

  @Test
  void pullRequestRefsAreFetchedOnDemandIntoOwnRefs() throws IOException {
    Revision proposed =
        commitReachableOnlyFrom(
            "refs/pull/7/head", Map.of("envs/prod/app.conf", "port=82\n"), "proposal");

    assertThat(git.update(source, "refs/pull/7/head")).isEqualTo(proposed);
    assertThat(git.update(source, "pull/7/head")).isEqualTo(proposed);
    assertThat(inClone("refs/pull/7/head")).isEqualTo(proposed);
    try (Repository clone = openClone()) {
      assertThat(clone.exactRef("refs/driftless/pull/7/head")).isNotNull();
      assertThat(clone.exactRef("refs/pull/7/head")).isNull();
    }
  }

  @Test
  void theRemoteHeadIsItsDefaultBranch() throws IOException {
    assertThat(git.update(source, "HEAD")).isEqualTo(first);
    assertThat(inClone("HEAD")).isEqualTo(first);
  }

  @Test
  void unknownRefsAndRevisionsAreUnknownRefExceptions() throws IOException {
    assertThatThrownBy(() -> git.update(source, "no-such-branch"))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining("no-such-branch")
        .hasMessageContaining("configs");
    assertThat(mirror.fetchCount()).isZero();

    String missing = "0123456789abcdef0123456789abcdef01234567";
    assertThatThrownBy(() -> git.update(source, missing))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining(missing);
    assertThat(inClone("no-such-branch")).isNull();
    assertThatThrownBy(() -> git.update(source, "bad..name"))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining("not a valid ref name");
  }

  @Test
  void deletedBranchesArePruned() throws IOException {
    remote.checkoutNewBranch("short-lived");
    remote.commit(Map.of("README.md", "temp\n"), "temp");
    remote.checkout("main");
    git.update(source, "short-lived");
    assertThat(inClone("short-lived")).isNotNull();

    remote.deleteRef("refs/heads/short-lived");
    remote.commit(Map.of("README.md", "next\n"), "next");
    git.update(source, "main");

    assertThat(inClone("short-lived")).isNull();
  }

  @Test
  void aMissingRepositoryIsUnreachable() {
    Source gone =
        Source.of(SourceName.of("gone"), tmp.resolve("does-not-exist").toUri().toString());

    assertThatThrownBy(() -> git.update(gone, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageContaining("gone")
        .hasMessageContaining("does-not-exist");
    assertThat(mirror.failureCount()).isEqualTo(1);
  }

  @Test
  void aClosedPortIsUnreachableAndUserInfoIsNotShown() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Source closed =
        Source.of(SourceName.of("closed"), "http://someone:hunter2@127.0.0.1:" + port + "/r.git");

    assertThatThrownBy(() -> git.update(closed, "main"))
        .isInstanceOfSatisfying(
            GitAccessException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
              assertThat(e.details()).containsEntry("url", "http://127.0.0.1:" + port + "/r.git");
            })
        .hasMessageContaining("http://127.0.0.1:" + port + "/r.git")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("someone");
  }

  /** git:// too: JGit's own git:// transport blocked for ever here; Driftless's has a timeout. */
  @ParameterizedTest
  @ValueSource(strings = {"http", "git"})
  void aServerThatNeverAnswersTimesOut(String scheme) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept()); // hold the connection, never answer
                  }
                } catch (IOException e) {
                  // closed at the end of the test
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      JGitMirror impatient = new JGitMirror(tmp.resolve("work2"), Duration.ofSeconds(1));
      Source slow =
          Source.of(
              SourceName.of("slow"), scheme + "://127.0.0.1:" + silent.getLocalPort() + "/r.git");
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.reader().update(slow, "main"))
            .isInstanceOfSatisfying(
                GitAccessException.class,
                e -> assertThat(e.reason()).isIn(Reason.TIMEOUT, Reason.UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      } finally {
        impatient.close();
      }
    }
  }

  @Test
  void concurrentUpdatesOfOneSourceShareOneFetch() throws Exception {
    git.update(source, "main");
    Revision second = remote.commit(Map.of("README.md", "v2\n"), "second");
    int callers = 8;
    CyclicBarrier start = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Revision>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return git.update(source, "main");
                }));
      }
      for (Future<Revision> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(second);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mirror.fetchCount()).isEqualTo(2);
    // Callers that wait at the same time share an ls-remote (SharedRefListingsTest pins how).
    assertThat(mirror.remoteCheckCount()).isBetween(2L, 1L + callers);
  }

  @Test
  void readPathListsFilesRelativeToThePathWithKinds() {
    remote.writeExecutable("envs/prod/hook.sh", "#!/bin/sh\n");
    remote.symlink("envs/prod/current", "app.conf");
    Revision rev = remote.commit("add hook and link");
    git.update(source, "main");

    PathTree tree = git.readPath(source, rev, "envs/prod");

    assertThat(tree.revision()).isEqualTo(rev);
    assertThat(tree.path()).isEqualTo("envs/prod");
    assertThat(tree.entries())
        .extracting(PathTree.Entry::path, PathTree.Entry::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("app.conf", ResourceKind.FILE),
            org.assertj.core.groups.Tuple.tuple("current", ResourceKind.SYMLINK),
            org.assertj.core.groups.Tuple.tuple("hook.sh", ResourceKind.EXECUTABLE),
            org.assertj.core.groups.Tuple.tuple("nested/extra.conf", ResourceKind.FILE));
    PathTree.Entry app = tree.entries().get(0);
    assertThat(app.blob())
        .isEqualTo(ContentHash.ofBytes("port=80\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(git.readBlob(source, app.blob()))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("port=80\n");
    assertThat(git.readBlob(source, tree.entries().get(1).blob()))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("app.conf");
    // The same path spelled differently is the same tree.
    assertThat(git.readPath(source, rev, "/envs/prod/").treeId()).isEqualTo(tree.treeId());
  }

  @Test
  void theTreeIdOfAPathOnlyChangesWhenThePathChanges() {
    Revision staging = remote.commit(Map.of("envs/staging/app.conf", "port=8081\n"), "staging");
    Revision prod = remote.commit(Map.of("envs/prod/app.conf", "port=81\n"), "prod");
    git.update(source, "main");

    PathTree before = git.readPath(source, first, "envs/prod");
    assertThat(git.readPath(source, staging, "envs/prod").treeId()).isEqualTo(before.treeId());
    assertThat(git.readPath(source, prod, "envs/prod").treeId()).isNotEqualTo(before.treeId());
    assertThat(git.readPath(source, staging, "").treeId())
        .isNotEqualTo(git.readPath(source, first, "").treeId());
  }

  @Test
  void theTreeIdOfAPathIsThatOfItsListingWithoutListingIt() {
    Revision prod = remote.commit(Map.of("envs/prod/app.conf", "port=81\n"), "prod");
    git.update(source, "main");

    assertThat(git.treeId(source, prod, "envs/prod"))
        .isEqualTo(git.readPath(source, prod, "envs/prod").treeId())
        .isNotEqualTo(git.treeId(source, first, "envs/prod"));
    assertThat(git.treeId(source, first, "/envs/staging/"))
        .isEqualTo(git.treeId(source, prod, "envs/staging"));
    assertThat(git.treeId(source, first, "")).isEqualTo(git.readPath(source, first, "").treeId());
    assertThatThrownBy(() -> git.treeId(source, first, "README.md"))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> git.treeId(source, first, "envs/dev"))
        .isInstanceOf(UnknownRefException.class);
  }

  @Test
  void theRootPathIsTheRootTree() throws IOException {
    git.update(source, "main");

    PathTree root = git.readPath(source, first, "");

    assertThat(root.entries())
        .extracting(PathTree.Entry::path)
        .contains("README.md", "envs/prod/app.conf");
    try (Repository clone = openClone();
        RevWalk walk = new RevWalk(clone)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(first.value()));
      assertThat(root.treeId().value()).isEqualTo(commit.getTree().name());
    }
  }

  @Test
  void aMissingPathOrRevisionIsAnUnknownRef() {
    git.update(source, "main");

    assertThatThrownBy(() -> git.readPath(source, first, "envs/dev"))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining("path 'envs/dev' does not exist at revision " + first.value());
    assertThatThrownBy(() -> git.readPath(source, first, "README.md"))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> git.readPath(source, first, "envs/../secrets"))
        .isInstanceOf(UnknownRefException.class);
    Revision missing = Revision.of("0123456789abcdef0123456789abcdef01234567");
    assertThatThrownBy(() -> git.readPath(source, missing, ""))
        .isInstanceOf(UnknownRefException.class);
    assertThatThrownBy(() -> git.readBlob(source, ContentHash.of(missing.value())))
        .isInstanceOf(UnknownRefException.class);
  }

  @Test
  void commitReadsMetadataOfAnUnsignedCommit() {
    git.update(source, "main");

    Commit commit = git.commit(source, first);

    assertThat(commit.revision()).isEqualTo(first);
    assertThat(commit.subject()).isEqualTo("first");
    assertThat(commit.authorName()).isEqualTo("Test Author");
    assertThat(commit.authorEmail()).isEqualTo("author@example.com");
    assertThat(commit.time()).isNotNull();
    assertThat(commit.signed()).isFalse();
    assertThat(new String(commit.signedPayload(), StandardCharsets.UTF_8))
        .startsWith("tree ")
        .endsWith("\nfirst");
  }

  @Test
  void commitSeparatesTheSignatureFromTheBytesItSigns() {
    String armored =
        "-----BEGIN PGP SIGNATURE-----\n\n"
            + "not-a-real-signature\n"
            + "=abcd\n"
            + "-----END PGP SIGNATURE-----\n";
    byte[][] payload = new byte[1][];
    Revision signed =
        remote.commitSigned(
            "signed\n\nwith a body\n",
            bytes -> {
              payload[0] = bytes;
              return armored;
            });
    git.update(source, "main");

    Commit commit = git.commit(source, signed);

    assertThat(commit.signed()).isTrue();
    // JGit hands the header back without its final newline.
    assertThat(new String(commit.signature(), StandardCharsets.US_ASCII))
        .isEqualTo(armored.strip());
    assertThat(commit.signedPayload()).isEqualTo(payload[0]);
    assertThat(commit.message()).isEqualTo("signed\n\nwith a body\n");
  }

  private byte[] readFile(Revision revision, String dir, String file) {
    PathTree tree = git.readPath(source, revision, dir);
    PathTree.Entry entry =
        tree.entries().stream().filter(e -> e.path().equals(file)).findFirst().orElseThrow();
    return git.readBlob(source, entry.blob());
  }

  /**
   * What the clone alone holds for {@code ref}, resolved as the mirror names refs there (no
   * network); null when it holds nothing of that name.
   */
  private Revision inClone(String ref) throws IOException {
    try (Repository clone = openClone()) {
      if (Revision.isFullId(ref)) {
        return SourceClones.hasCommit(clone, ObjectId.fromString(ref)) ? Revision.of(ref) : null;
      }
      for (String candidate : RefNames.candidates(ref)) {
        ObjectId id = SourceClones.localId(clone, RefNames.localName(candidate));
        if (id != null) {
          return SourceClones.peel(source, clone, id, ref);
        }
      }
      return null;
    }
  }

  private Repository openClone() throws IOException {
    return new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .setGitDir(tmp.resolve("work/sources/configs").toFile())
        .setMustExist(true)
        .build();
  }

  /** A commit that only {@code ref} reaches: made on a branch that is deleted after. */
  private Revision commitReachableOnlyFrom(String ref, Map<String, String> files, String message)
      throws IOException {
    remote.checkoutNewBranch("unlisted");
    Revision commit = remote.commit(files, message);
    remote.updateRef(ref, commit);
    remote.checkout("main");
    remote.deleteRef("refs/heads/unlisted");
    return commit;
  }
}
