package io.driftless.api.service;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.domain.GitUrlPolicy;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.generate.DirectoryGenerator;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.port.SourceCatalog;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trees an {@code EnvironmentSet} generates from, read through the server's Git mirror: the
 * template's source at the template's ref, brought up to date first. A source declared by the same
 * documents is read at its declared URL (checked by the server's Git URL policy), so one apply may
 * declare a source and a set over it; otherwise the registered source is read.
 */
public final class SourceTrees {
  private final SourceCatalog sources;
  private final GitReader git;
  private final GitUrlPolicy urls;

  public SourceTrees(SourceCatalog sources, GitReader git, GitUrlPolicy urls) {
    this.sources = sources;
    this.git = git;
    this.urls = urls;
  }

  /** The trees of the sources that {@code documents} declare or the registry holds. */
  public EnvironmentSets.Trees of(List<Document> documents) {
    return (set, base) -> directories(set, base, documents);
  }

  /**
   * Like {@link #of(List)}, except that a set over {@code own}'s repository (the same URL) at
   * {@code ref} lists {@code revision}, which the clone already holds: a config environment
   * generates from the revision it renders, so its run (and a pull request's preview) sees the
   * directories of the same commit as its documents.
   */
  public EnvironmentSets.Trees of(
      List<Document> documents, Source own, String ref, Revision revision) {
    return (set, base) -> {
      Source source = source(set, documents);
      if (source.url().equals(own.url()) && set.set().ref().equals(ref)) {
        return listed(set, own, ref, () -> revision, base);
      }
      return listed(set, source, set.set().ref(), () -> git.update(source, set.set().ref()), base);
    };
  }

  private Collection<String> directories(Document set, String base, List<Document> documents) {
    Source source = source(set, documents);
    String ref = set.set().ref();
    return listed(set, source, ref, () -> git.update(source, ref), base);
  }

  private Source source(Document set, List<Document> documents) {
    String name = set.set().source();
    return declared(documents, name)
        .or(() -> sources.find(SourceName.of(name)))
        .orElseThrow(
            () -> refuse(set, "source '" + name + "' is neither registered nor declared", null));
  }

  private Collection<String> listed(
      Document set, Source source, String ref, Supplier<Revision> revision, String base) {
    try {
      Revision at = revision.get();
      PathTree tree;
      try {
        tree = git.readPath(source, at, base);
      } catch (UnknownRefException e) {
        return List.of(); // no such directory at that revision: nothing is generated
      }
      String prefix = base.isEmpty() ? "" : base + "/";
      return DirectoryGenerator.directoriesOf(
          tree.entries().stream().map(e -> prefix + e.path()).toList());
    } catch (GitException e) {
      throw refuse(
          set,
          "cannot list source '"
              + source.name().value()
              + "' at ref '"
              + ref
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private Optional<Source> declared(List<Document> documents, String name) {
    return documents.stream()
        .filter(d -> d.kind() == Kind.Source && d.name().equals(name))
        .findFirst()
        .map(d -> urls.check(d.source().toDomain()));
  }

  private static InvalidFieldException refuse(Document set, String message, Exception cause) {
    InvalidFieldException e =
        new InvalidFieldException(
            set.file(),
            "template.source",
            set.file() + ": template.source: EnvironmentSet " + set.name() + ": " + message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
