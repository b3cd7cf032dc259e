package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.PlacedKey;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.render.DecryptingReader;
import io.driftless.engine.render.IgnoreRules;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.secrets.DecryptionIdentity;
import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.engine.secrets.SyncDecryption;
import io.driftless.engine.verify.CommitVerifier;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Step: a revision's desired state. Its commit is verified when the source requires signatures,
 * then the environment's path is rendered; the path's Git tree id keys the render cache, so a
 * commit that does not touch the path is not rendered again.
 *
 * <p>With a {@link SyncDecryption}, the {@code files} and {@code manifests} renderers of an
 * environment that decrypts read through a {@link DecryptingReader} with the source's identities:
 * each resource read from a SOPS file (a file, or a Kubernetes object of a decrypted manifest, as
 * Flux decrypts them) becomes a {@link Content.Decrypted}, identified by a keyed hash of its
 * plaintext and stored by the file's encrypted form. A file that does not decrypt fails the render,
 * so nothing is applied.
 *
 * @param decryption null: SOPS files are rendered as they are in Git
 */
record RevisionRenderer(
    GitReader git, CommitVerifier verifier, RenderCache cache, SyncDecryption decryption) {
  void verify(Source source, Revision revision) {
    if (source.verify().mode() != VerifyPolicy.Mode.NONE) {
      verifier.verify(source, git.commit(source, revision));
    }
  }

  DesiredState render(Source source, Environment environment, Revision revision) {
    TreeId treeId = git.treeId(source, revision, environment.path());
    if (!decrypts(environment)) {
      if (!environment.variables().from().isEmpty()) {
        throw new RenderException(
            environment.variables().from().get(0),
            0,
            "variables.from needs SOPS files decrypted: set decrypt: true and offer a key");
      }
      return cache.render(
          source,
          environment,
          revision,
          treeId,
          null,
          () ->
              cache
                  .renderer(git)
                  .render(source, environment, git.readPath(source, revision, environment.path())));
    }
    List<DecryptionIdentity> identities = decryption.identities(source);
    List<String> publicParts = identities.stream().map(DecryptionIdentity::publicPart).toList();
    return cache.render(
        source,
        environment,
        revision,
        treeId,
        publicParts,
        () -> {
          SopsDecryptor decryptor = new SopsDecryptor(identities);
          DecryptingReader reader =
              environment.renderer() instanceof RendererSpec.Command
                  ? DecryptingReader.decryptingOutput(git, decryptor)
                  : DecryptingReader.decrypting(git, decryptor);
          PathTree tree = reader.readPath(source, revision, environment.path());
          List<String> from = environment.variables().from();
          Map<String, String> secretValues = new TreeMap<>();
          from.forEach(path -> secretValues.putAll(reader.decryptValues(source, path)));
          DesiredState rendered =
              cache
                  .renderer(reader)
                  .render(
                      source,
                      environment.withVariables(environment.variables().plus(secretValues)),
                      without(tree, from));
          return sealed(source, reader, tree, from, secretValues.keySet(), rendered);
        });
  }

  /**
   * The files {@code changes} lists, rendered as {@link #render} renders the whole path with the
   * {@code files} renderer, where each file is a resource of its own: with the path's {@code
   * .driftlessignore} (which must not be among the changes) applied, and SOPS files decrypted. For
   * an environment without {@code variables.from}, whose values would reach every file.
   */
  DesiredState renderChanges(Source source, Environment environment, PathChanges changes) {
    String ignore =
        changes.path().isEmpty()
            ? IgnoreRules.FILE_NAME
            : changes.path() + "/" + IgnoreRules.FILE_NAME;
    PathTree tree =
        changes.tree(
            git
                .file(source, changes.revision(), ignore)
                .map(e -> new PathTree.Entry(IgnoreRules.FILE_NAME, e.kind(), e.blob()))
                .stream()
                .toList());
    if (!decrypts(environment)) {
      return cache.renderer(git).render(source, environment, tree);
    }
    DecryptingReader reader =
        DecryptingReader.decrypting(git, new SopsDecryptor(decryption.identities(source)));
    PathTree listed = reader.listed(source, tree);
    DesiredState rendered = cache.renderer(reader).render(source, environment, listed);
    return sealed(source, reader, listed, List.of(), Set.of(), rendered);
  }

  /**
   * What a whole render of {@code environment}'s path with the {@code files} renderer counts
   * against {@code render.maxTotalSize}, by the sizes of the files in Git: its {@code
   * .driftlessignore} and every file that does not exclude.
   */
  long renderedBytes(Source source, Environment environment, Revision revision) {
    PathTree tree = git.readPath(source, revision, environment.path());
    IgnoreRules ignore = IgnoreRules.read(git, source, tree, limits().start());
    long total = 0;
    for (PathTree.Entry entry : tree.entries()) {
      if (entry.path().equals(IgnoreRules.FILE_NAME) || !ignore.ignores(entry.path())) {
        total += git.blobSize(source, entry.blob());
      }
    }
    return total;
  }

  /** The limits of a render of the {@code files} renderer. */
  RenderLimits limits() {
    return cache.renderer(git).limits();
  }

  /**
   * What a render of {@code environment} depends on besides its spec and its tree: the public parts
   * of the keys that decrypt its SOPS files; null when it decrypts none.
   */
  List<String> decryptionKeys(Environment environment, Source source) {
    return decrypts(environment)
        ? decryption.identities(source).stream().map(DecryptionIdentity::publicPart).toList()
        : null;
  }

  /**
   * What a snapshot holds, to re-apply it when its revision is no longer in Git: contents from the
   * snapshot store, each decrypted SOPS file decrypted again, and each object of a SOPS manifest
   * decrypted and parsed again from the manifest the snapshot holds encrypted (checked against the
   * keyed hash recorded for it).
   *
   * @throws RenderException when one does not decrypt, or not to what was applied
   */
  DesiredState stored(
      Snapshot snapshot,
      Revision revision,
      SnapshotStore snapshots,
      Environment environment,
      Source source) {
    SopsDecryptor decryptor = decryptor(environment, source);
    Map<ContentHash, DesiredState> manifests = new HashMap<>();
    return StoredDesiredState.of(
        snapshot,
        revision,
        snapshots,
        decryptor,
        new StoredDesiredState.Resealed() {
          @Override
          public Content object(
              ResourceKey key, ContentHash hash, ContentHash manifest, byte[] encrypted) {
            DesiredState objects =
                manifests.computeIfAbsent(
                    manifest,
                    unused ->
                        renderStored(
                            source,
                            environment.withRenderer(new RendererSpec.Manifests()),
                            revision,
                            DecryptingReader.decrypting(StoredTree.manifest(encrypted), decryptor),
                            List.of()));
            return resealed(key, hash, objects.get(key), Content.of(encrypted));
          }

          @Override
          public Content substituted(ResourceKey key, ContentHash hash, SealedSubstitution sealed) {
            // Rendered at its path as the environment names it (an ssh target's placed key holds
            // the host too), with the environment's variables of today.
            String path = PlacedKey.split(key).map(p -> p.path().value()).orElse(key.value());
            Map<String, byte[]> files = new HashMap<>(sealed.from());
            files.put(path, sealed.template());
            DesiredState rendered =
                renderStored(
                    source,
                    environment.withRenderer(RendererSpec.files()),
                    revision,
                    DecryptingReader.decrypting(new StoredTree(files), decryptor),
                    List.copyOf(sealed.from().keySet()));
            return resealed(
                key, hash, rendered.get(ResourceKey.of(path)), Content.of(sealed.bytes()));
          }
        });
  }

  /** A stored tree rendered as a revision is, the {@code from} files' values substituted. */
  private DesiredState renderStored(
      Source source,
      Environment environment,
      Revision revision,
      DecryptingReader reader,
      List<String> from) {
    PathTree tree = reader.readPath(source, revision, "");
    Map<String, String> secretValues = new TreeMap<>();
    from.forEach(path -> secretValues.putAll(reader.decryptValues(source, path)));
    return cache
        .renderer(reader)
        .render(
            source,
            environment.withVariables(environment.variables().plus(secretValues)),
            without(tree, from));
  }

  /** A resource of a stored render (null: none), if it is what the snapshot recorded. */
  private Content resealed(ResourceKey key, ContentHash hash, Resource resource, Content sealed) {
    byte[] plaintext = resource == null ? null : resource.content().bytes();
    if (plaintext == null || !decryption.idOf(plaintext).equals(hash)) {
      throw new RenderException(
          key.value(),
          0,
          "what the snapshot holds for this resource does not decrypt to what was applied (a key,"
              + " or a variable of variables.values, may have changed since)");
    }
    return new Content.Decrypted(hash, sealed, plaintext::clone);
  }

  /** The tree without the files {@code variables.from} names: inputs, not resources. */
  private static PathTree without(PathTree tree, List<String> from) {
    if (from.isEmpty()) {
      return tree;
    }
    return new PathTree(
        tree.revision(),
        tree.path(),
        tree.treeId(),
        tree.entries().stream().filter(e -> !from.contains(e.path())).toList());
  }

  /**
   * What decrypts {@code environment}'s SOPS files kept in a snapshot; null when it does not
   * decrypt.
   */
  SopsDecryptor decryptor(Environment environment, Source source) {
    return decryption == null || !environment.decrypt()
        ? null
        : new SopsDecryptor(decryption.identities(source));
  }

  /**
   * Whether SOPS files of {@code environment} are decrypted as it is rendered: read by the {@code
   * files} and {@code manifests} renderers, or printed by the {@code command} renderer's command.
   */
  boolean decrypts(Environment environment) {
    return decryption != null && environment.decrypt();
  }

  /**
   * The rendered state with each resource read from a decrypted SOPS file as a {@link
   * Content.Decrypted}.
   */
  private DesiredState sealed(
      Source source,
      DecryptingReader reader,
      PathTree tree,
      List<String> from,
      Set<String> secretNames,
      DesiredState rendered) {
    SortedMap<ResourceKey, Resource> resources = new TreeMap<>();
    rendered
        .resources()
        .forEach(
            (key, resource) -> {
              String origin = rendered.origin(key);
              Optional<Content> sealed =
                  reader
                      .encryptedBlob(origin)
                      .map(blob -> Content.lazy(blob, () -> git.readBlob(source, blob)))
                      .or(() -> reader.encryptedDocument(origin).map(Content::of))
                      .or(
                          () ->
                              substitutedFrom(source, tree, secretNames, resource)
                                  .map(blob -> substitution(source, reader, from, blob)));
              if (sealed.isEmpty()) {
                resources.put(key, resource);
                return;
              }
              Content plaintext = resource.content();
              Content encrypted = sealed.get();
              resources.put(
                  key,
                  new Resource(
                      key,
                      resource.kind(),
                      new Content.Decrypted(
                          decryption.idOf(plaintext.bytes()), encrypted, plaintext::bytes)));
            });
    return new DesiredState(rendered.revision(), rendered.treeId(), resources, rendered.origins());
  }

  /**
   * What a snapshot keeps of a file with values of {@code variables.from} substituted: its Git form
   * and the {@code from} files, encrypted as in Git.
   */
  private Content substitution(
      Source source, DecryptingReader reader, List<String> from, ContentHash template) {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (String path : from) {
      reader.encryptedBlob(path).ifPresent(blob -> files.put(path, git.readBlob(source, blob)));
    }
    return Content.of(new SealedSubstitution(git.readBlob(source, template), files).bytes());
  }

  /**
   * The Git blob of a file into which a value decrypted from {@code variables.from} was
   * substituted: its form in Git, which a snapshot keeps; empty for any other resource.
   */
  private Optional<ContentHash> substitutedFrom(
      Source source, PathTree tree, Set<String> secretNames, Resource resource) {
    if (secretNames.isEmpty() || resource.kind() != ResourceKind.FILE) {
      return Optional.empty();
    }
    return tree.entries().stream()
        .filter(e -> e.path().equals(resource.key().value()))
        .map(PathTree.Entry::blob)
        .filter(blob -> !blob.equals(resource.hash()))
        .filter(
            blob -> {
              String text = new String(git.readBlob(source, blob), StandardCharsets.UTF_8);
              return secretNames.stream().anyMatch(name -> text.contains("${" + name + "}"));
            })
        .findFirst();
  }
}
