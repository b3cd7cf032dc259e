package io.driftless.engine.render;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.engine.secrets.SopsException;
import io.driftless.engine.secrets.SopsFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Git reader a renderer is given so that it reads SOPS files decrypted, as they go to the
 * target: in each tree it lists, every file that {@link SopsFiles#isSops} calls a SOPS file gets a
 * blob id of its own, and {@link #readBlob} and {@link #blobSize} of that id give the plaintext in
 * the file's own format, without the SOPS metadata. Renderers need no change, and every other file
 * reads exactly as from the wrapped reader.
 *
 * <p>A file is decrypted when a renderer first reads it (its size counts against the render
 * budget), so a file the renderer skips, such as one {@code .driftlessignore} excludes, needs no
 * key. A file that does not decrypt (no matching key, MAC mismatch, malformed, unsupported) fails
 * with a {@link RenderException} naming it, its line where known, and the SOPS code; never a value.
 *
 * <p>The id given to a decrypted file is derived from its encrypted blob and path, never from its
 * plaintext: a hash of a decrypted secret would let anyone who sees it test guesses of the secret.
 *
 * <p>One reader serves one render: it keeps the plaintext of what it decrypted, since a renderer's
 * lazy content reads it again when applied. Safe for concurrent use.
 */
public final class DecryptingReader implements GitReader {
  private final GitReader git;
  private final SopsDecryptor decryptor;

  /** The SOPS files of the trees listed, by the blob id renderers see for them. */
  private final Map<ContentHash, SopsFile> sopsFiles = new ConcurrentHashMap<>();

  private final Map<ContentHash, byte[]> plaintexts = new ConcurrentHashMap<>();

  /** Whether the files of the trees listed are decrypted, or only a renderer's own output. */
  private final boolean inputs;

  /** The SOPS documents of a renderer's output decrypted so far, by the name they were given. */
  private final Map<String, byte[]> outputDocuments = new ConcurrentHashMap<>();

  private final Set<String> read = ConcurrentHashMap.newKeySet();

  /**
   * @param blob the encrypted blob in Git
   * @param paths where the tree holds it (more than one only when left encrypted: a copied file)
   */
  private record SopsFile(ContentHash blob, List<String> paths) {
    SopsFile plus(SopsFile other) {
      List<String> all = new ArrayList<>(paths);
      all.addAll(other.paths);
      return new SopsFile(blob, all);
    }
  }

  private DecryptingReader(GitReader git, SopsDecryptor decryptor, boolean inputs) {
    this.git = git;
    this.decryptor = decryptor;
    this.inputs = inputs;
  }

  /** A reader that decrypts SOPS files with the identities of {@code decryptor}. */
  public static DecryptingReader decrypting(GitReader git, SopsDecryptor decryptor) {
    return new DecryptingReader(git, Objects.requireNonNull(decryptor, "decryptor"), true);
  }

  /**
   * A reader that gives every file as it is in Git and decrypts the SOPS documents of what the
   * renderer makes of them ({@link #decryptOutput}): the {@code command} renderer's, whose command
   * reads the files encrypted, as Flux decrypts the output of {@code kustomize build}.
   */
  public static DecryptingReader decryptingOutput(GitReader git, SopsDecryptor decryptor) {
    return new DecryptingReader(git, Objects.requireNonNull(decryptor, "decryptor"), false);
  }

  /**
   * A reader that gives SOPS files as they are in Git (every byte and blob id as {@code git} gives
   * them) and only notes which ones a renderer read, so that a render without keys can say how many
   * it left encrypted.
   */
  public static DecryptingReader leavingEncrypted(GitReader git) {
    return new DecryptingReader(git, null, true);
  }

  /**
   * The SOPS files a renderer read so far, decrypted or not, with paths relative to the path that
   * was listed (as a {@link RenderException} names them).
   */
  public SortedSet<String> sopsFilesRead() {
    return new TreeSet<>(read);
  }

  /**
   * The Git blob of the SOPS file at {@code path} (relative to the path that was listed) when this
   * reader decrypts it; empty for any other file, and for every file when leaving them encrypted.
   *
   * @param path a file's path, or a renderer's origin of a resource read from part of a file
   *     ({@code k8s/secret.yaml, document 2}, as {@link
   *     io.driftless.engine.domain.DesiredState#origin} gives it)
   */
  public Optional<ContentHash> encryptedBlob(String path) {
    if (decryptor == null) {
      return Optional.empty();
    }
    return sopsFiles.values().stream()
        .filter(f -> f.paths().stream().anyMatch(p -> path.equals(p) || path.startsWith(p + ", ")))
        .map(SopsFile::blob)
        .findFirst();
  }

  /**
   * A part of a renderer's output: the documents that are not SOPS-encrypted, under the output's
   * name, or one SOPS document (several adjacent ones of one multi-document file, sharing its MAC)
   * decrypted, under a name of its own that {@link #encryptedDocument} knows.
   */
  public record OutputPart(String name, byte[] bytes) {}

  /**
   * A renderer's own output (a YAML stream, such as the {@code command} renderer's standard output)
   * with its SOPS documents decrypted, as Flux decrypts the output of {@code kustomize build}: the
   * output as it is when it has none, or when this reader leaves SOPS files encrypted.
   *
   * @param name the output's name in errors, e.g. {@code output of `kustomize build .`}
   * @throws RenderException naming the document when one does not decrypt
   */
  public List<OutputPart> decryptOutput(String name, byte[] output) {
    if (decryptor == null) {
      return List.of(new OutputPart(name, output));
    }
    return SopsDocuments.split(name, output, decryptor, outputDocuments);
  }

  /**
   * The encrypted form of the SOPS document of a renderer's output that {@code origin} was read
   * from; empty for any other origin.
   *
   * @param origin a renderer's origin of a resource, as {@link
   *     io.driftless.engine.domain.DesiredState#origin} gives it
   */
  public Optional<byte[]> encryptedDocument(String origin) {
    return outputDocuments.entrySet().stream()
        .filter(e -> origin.equals(e.getKey()) || origin.startsWith(e.getKey() + ", "))
        .map(e -> e.getValue().clone())
        .findFirst();
  }

  @Override
  public PathTree readPath(Source source, Revision revision, String path) {
    return listed(source, git.readPath(source, revision, path));
  }

  /**
   * {@code tree} (read from the wrapped reader) as {@link #readPath} gives it: each SOPS file under
   * a blob id of its own when this reader decrypts files. For a part of a path, such as the files a
   * commit changed.
   */
  public PathTree listed(Source source, PathTree tree) {
    if (!inputs) {
      return tree;
    }
    List<PathTree.Entry> entries = new ArrayList<>(tree.entries().size());
    for (PathTree.Entry entry : tree.entries()) {
      if (!isSops(source, entry)) {
        entries.add(entry);
        continue;
      }
      ContentHash id = decryptor == null ? entry.blob() : plaintextId(entry);
      sopsFiles.merge(id, new SopsFile(entry.blob(), List.of(entry.path())), SopsFile::plus);
      entries.add(new PathTree.Entry(entry.path(), entry.kind(), id));
    }
    return new PathTree(tree.revision(), tree.path(), tree.treeId(), entries);
  }

  @Override
  public byte[] readBlob(Source source, ContentHash blob) {
    SopsFile file = sopsFiles.get(blob);
    if (file == null) {
      return git.readBlob(source, blob);
    }
    read.addAll(file.paths());
    return decryptor == null ? git.readBlob(source, blob) : plaintext(source, blob, file).clone();
  }

  @Override
  public long blobSize(Source source, ContentHash blob) {
    SopsFile file = sopsFiles.get(blob);
    if (file == null) {
      return git.blobSize(source, blob);
    }
    read.addAll(file.paths());
    return decryptor == null ? git.blobSize(source, blob) : plaintext(source, blob, file).length;
  }

  private boolean isSops(Source source, PathTree.Entry entry) {
    return entry.kind() != ResourceKind.SYMLINK
        && git.blobSize(source, entry.blob()) <= SopsFiles.MAX_BYTES
        && (decryptor == null
            ? SopsFiles.isSops(entry.path(), git.readBlob(source, entry.blob()))
            : SopsFiles.isSopsOrStripped(entry.path(), git.readBlob(source, entry.blob())));
  }

  /** Stands for the plaintext without being computed from it. */
  private static ContentHash plaintextId(PathTree.Entry entry) {
    return ContentHash.ofBytes(
        ("driftless: SOPS plaintext of " + entry.blob() + " at " + entry.path())
            .getBytes(StandardCharsets.UTF_8));
  }

  private byte[] plaintext(Source source, ContentHash id, SopsFile file) {
    return plaintexts.computeIfAbsent(
        id, unused -> decrypt(file.paths().get(0), git.readBlob(source, file.blob())));
  }

  private byte[] decrypt(String path, byte[] encrypted) {
    return decrypt(decryptor, path, encrypted);
  }

  /**
   * Decrypts one SOPS file as a render does: a failure is a {@link RenderException} naming the
   * file, its line where known, and the SOPS code, never a value.
   */
  public static byte[] decrypt(SopsDecryptor decryptor, String path, byte[] encrypted) {
    return failingRender(path, () -> decryptor.decrypt(path, encrypted));
  }

  static <T> T failingRender(String path, java.util.function.Supplier<T> decryption) {
    try {
      return decryption.get();
    } catch (SopsException e) {
      throw new RenderException(path, e.line(), e.code() + ": " + e.reason(), e);
    }
  }

  /**
   * The top-level values of the SOPS dotenv, YAML or JSON file at {@code path} when this reader
   * decrypts it, as {@code variables.from} feeds them to {@code ${NAME}}; a failure is a {@link
   * RenderException} as for {@link #decrypt}.
   *
   * @throws RenderException also when the file is not in the listed tree or is not a SOPS file
   */
  public Map<String, String> decryptValues(Source source, String path) {
    if (decryptor == null) {
      throw new RenderException(
          path, 0, "variables.from needs SOPS files decrypted: set decrypt: true and offer a key");
    }
    ContentHash blob =
        encryptedBlob(path)
            .orElseThrow(
                () ->
                    new RenderException(
                        path,
                        0,
                        "variables.from names no SOPS-encrypted file of the environment's path"));
    read.add(path);
    return failingRender(path, () -> decryptor.decryptValues(path, git.readBlob(source, blob)));
  }

  @Override
  public Revision update(Source source, String ref) {
    return git.update(source, ref);
  }

  @Override
  public TreeId treeId(Source source, Revision revision, String path) {
    return git.treeId(source, revision, path);
  }

  @Override
  public Commit commit(Source source, Revision revision) {
    return git.commit(source, revision);
  }

  @Override
  public SortedSet<String> changedPaths(Source source, Revision base, Revision head) {
    return git.changedPaths(source, base, head);
  }

  @Override
  public PathChanges changes(Source source, Revision base, Revision revision, String path) {
    return git.changes(source, base, revision, path);
  }

  @Override
  public Optional<PathTree.Entry> file(Source source, Revision revision, String file) {
    return git.file(source, revision, file);
  }

  @Override
  public boolean isReachable(Source source, Revision revision) {
    return git.isReachable(source, revision);
  }

  @Override
  public boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    return git.isAncestor(source, ancestor, revision);
  }
}
