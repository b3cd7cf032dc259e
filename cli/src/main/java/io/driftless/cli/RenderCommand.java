package io.driftless.cli;

import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import io.driftless.cli.output.OutputOptions;
import io.driftless.cli.output.Table;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.render.DecryptingReader;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.secrets.DecryptionIdentity;
import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.kubernetes.render.ManifestsRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless render <path>}: what the server would render from a local checkout, with no
 * server and no target; for pull-request checks that must not reach anything. It reads the
 * committed files through the engine's own Git mirror and renderer, so the result is exactly what a
 * sync of that commit would apply.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render an environment's directory of a local Git checkout, offline: the resources a sync"
          + " of that commit would apply, or the errors with file and line.",
      "Reads committed files (uncommitted changes are noted, not rendered). SOPS files are"
          + " decrypted with --identity; without it they render as committed, encrypted.",
      "Exit 0 rendered, 1 the files do not render, 2 error.",
      "Example: driftless render environments/staging --var GREETING=hi --var-files '*.env'",
      "Kubernetes: driftless render k8s/prod --renderer manifests --namespace shop --content",
      "SOPS: driftless render environments/prod --identity ~/.config/sops/age/keys.txt --content"
    })
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "PATH", description = "A directory inside a Git checkout.")
  Path path;

  @Option(names = "--ref", description = "Branch, tag or commit of the checkout (default: HEAD).")
  String ref = "HEAD";

  @Mixin VarOption vars;

  @Option(
      names = "--var-files",
      paramLabel = "GLOB",
      description = "Files that get variables substituted, e.g. '*.env' (repeatable).")
  List<String> varFiles = new ArrayList<>();

  @Option(
      names = "--renderer",
      paramLabel = "NAME",
      description =
          "files (default) or manifests: Kubernetes objects from the .yaml, .yml and .json files"
              + " (the command renderer runs on the server only).")
  String renderer = "files";

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "manifests: the namespace of objects that name none (default: default).")
  String namespace;

  @Option(names = "--content", description = "Print each resource's rendered content.")
  boolean content;

  @Option(
      names = "--identity",
      paramLabel = "KEYFILE",
      description =
          "Decrypt SOPS files with this age key file or armored PGP secret key (repeatable), as"
              + " secrets decrypt takes it.")
  List<Path> identities = new ArrayList<>();

  /**
   * One rendered resource, as {@code -o json|yaml} prints it; {@code hash} is null for one read
   * from a decrypted SOPS file, whose hash would let a reader test guesses of the secret.
   */
  record Rendered(String key, String kind, String hash, int size, String content) {}

  @Override
  public Integer call() throws IOException {
    Output out = output.output(spec);
    Path dir = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new CliException("no directory " + path);
    }
    FileRepositoryBuilder found = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (found.getGitDir() == null) {
      throw new CliException(
          path
              + " is not inside a Git repository: render reads committed files (git init, commit)");
    }
    boolean manifests = renderer.equals("manifests");
    if (!manifests && !renderer.equals("files")) {
      throw new CliException(
          "--renderer must be files or manifests, not '"
              + renderer
              + "' (the command renderer runs on the server only)");
    }
    if (namespace != null && !manifests) {
      throw new CliException("--namespace goes with --renderer manifests");
    }
    Variables variables;
    try {
      variables = new Variables(vars.values(), varFiles);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    TargetSpec.Kubernetes cluster;
    try {
      cluster =
          manifests
              ? new TargetSpec.Kubernetes(null, null, namespace, true, null, null, null)
              : null;
    } catch (IllegalArgumentException e) {
      throw new CliException("--namespace: " + e.getMessage());
    }
    List<DecryptionIdentity> keys = SecretsCommand.identities(identities);
    Path work = Files.createTempDirectory("driftless-render");
    try (Repository repo = found.setMustExist(true).build();
        JGitMirror mirror = new JGitMirror(work)) {
      Path top = repo.getWorkTree().toPath().toRealPath();
      String relative = top.relativize(dir.toRealPath()).toString().replace('\\', '/');
      ObjectId commit = repo.resolve(ref + "^{commit}");
      if (commit == null) {
        throw new CliException("no commit '" + ref + "' in " + top + " (commit the files first)");
      }
      noteUncommitted(out, repo, relative);
      Source source =
          Source.of(SourceName.of("local"), repo.getDirectory().toPath().toUri().toString());
      DecryptingReader git =
          keys.isEmpty()
              ? DecryptingReader.leavingEncrypted(mirror.reader())
              : DecryptingReader.decrypting(mirror.reader(), new SopsDecryptor(keys));
      Revision revision = git.update(source, commit.name());
      PathTree tree = git.readPath(source, revision, relative);
      Environment environment =
          new Environment(
              EnvironmentName.of("local"),
              source.name(),
              ref,
              relative,
              manifests ? new RendererSpec.Manifests() : RendererSpec.files(),
              variables,
              manifests ? cluster : TargetSpec.Directory.at(work),
              null,
              null);
      DesiredState state =
          manifests
              ? new ManifestsRenderer(git).render(source, environment, tree)
              : new FilesRenderer(git).render(source, environment, tree);
      print(out, state, relative, keys.isEmpty() ? Set.of() : git.sopsFilesRead());
      int leftEncrypted = keys.isEmpty() ? git.sopsFilesRead().size() : 0;
      if (leftEncrypted > 0) {
        out.note(
            "note: "
                + leftEncrypted
                + " SOPS file(s) left encrypted: --identity KEYFILE decrypts them");
      }
      return CliException.OK;
    } catch (RenderException e) {
      String file = (path.toString().replaceAll("/+$", "") + "/" + e.file());
      throw new CliException(
          file + (e.line() > 0 ? ":" + e.line() : "") + ": " + message(e), CliException.NO, e);
    } catch (UnknownRefException e) {
      throw new CliException(
          path + " is not in commit " + ref + " (render reads committed files: commit it first)",
          CliException.ERROR,
          e);
    } catch (GitException e) {
      throw new CliException("cannot read the checkout: " + e.getMessage(), CliException.ERROR, e);
    } finally {
      deleteTree(work);
    }
  }

  /**
   * @param decrypted the SOPS files read decrypted, relative to the rendered path
   */
  private void print(Output out, DesiredState state, String relative, Set<String> decrypted) {
    List<Rendered> rendered = new ArrayList<>();
    for (Resource r : state.resources().values()) {
      byte[] bytes = r.content().bytes();
      rendered.add(
          new Rendered(
              r.key().value(),
              r.kind().name().toLowerCase(java.util.Locale.ROOT),
              readFrom(state.origin(r.key()), decrypted) ? null : r.hash().value(),
              bytes.length,
              content ? new String(bytes, StandardCharsets.UTF_8) : null));
    }
    if (out.structured()) {
      out.document(rendered);
      return;
    }
    out.say(
        "Rendered "
            + rendered.size()
            + " resource(s) from "
            + (relative.isEmpty() ? "." : relative)
            + " at "
            + state.revision().shortId());
    Table t = Table.of("KEY", "KIND", "SIZE", "HASH");
    rendered.forEach(
        r ->
            t.row(
                r.key(),
                r.kind(),
                r.size(),
                r.hash() == null ? "(sensitive)" : Output.shortRevision(r.hash())));
    out.print(rendered, () -> t);
    if (content) {
      for (Rendered r : rendered) {
        out.say(out.bold("--- " + r.key()));
        out.out().print(r.content().endsWith("\n") ? r.content() : r.content() + "\n");
      }
      out.out().flush();
    }
  }

  /**
   * Whether a resource comes from one of {@code files}: its origin is the file ({@code files}
   * renderer) or starts with it ({@code app.yaml, document 2}, as DesiredState documents origins).
   */
  private static boolean readFrom(String origin, Set<String> files) {
    return files.stream().anyMatch(f -> origin.equals(f) || origin.startsWith(f + ", "));
  }

  /** The message without the file and line prefix, which the caller writes with the path. */
  private static String message(RenderException e) {
    String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": ";
    String m = e.getMessage();
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private static void noteUncommitted(Output out, Repository repo, String relative) {
    try (Git git = new Git(repo)) {
      var status = git.status();
      if (!relative.isEmpty()) {
        status.addPath(relative);
      }
      if (!status.call().isClean()) {
        out.note(
            "note: uncommitted changes under "
                + (relative.isEmpty() ? "." : relative)
                + " are not rendered");
      }
    } catch (GitAPIException | RuntimeException e) {
      // Only a hint: rendering goes on without it.
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: best effort
    }
  }
}
