package io.driftless.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Turns the bundled example (classpath {@code io/driftless/cli/example}) into a Git repository. */
final class ExampleRepository {
  private static final String RESOURCE = "/io/driftless/cli/example";

  private ExampleRepository() {}

  /**
   * Creates {@code dir} as a Git repository holding the example, committed on {@code main}. An
   * existing repository is left as it is, so the user's own commits survive a restart.
   *
   * @return true when the repository was created now
   */
  static boolean createIfMissing(Path dir) {
    if (Files.isDirectory(dir.resolve(".git"))) {
      return false;
    }
    try {
      Files.createDirectories(dir);
      copyExample(dir);
      try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Driftless demo", "demo@driftless.invalid");
        git.commit()
            .setMessage("Example web server configuration")
            .setAuthor(who)
            .setCommitter(who)
            .setSign(false)
            .call();
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("could not create the demo repository: " + e.getMessage(), e);
    }
  }

  private static void copyExample(Path dir) throws IOException {
    URL url = ExampleRepository.class.getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException("the bundled example is missing from the classpath");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (uri.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        copyTree(jar.getPath(RESOURCE), dir);
      }
    } else {
      copyTree(Path.of(uri), dir);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path target = to.resolve(from.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
  }
}
