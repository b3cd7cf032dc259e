package io.driftless.api.ui;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Serves the dashboard (the ui jar's classpath folder {@code io/driftless/ui/}) at {@code /} on the
 * application port, in front of Jersey: {@code /api/} and {@code /metrics} pass through untouched,
 * a file that exists is served with its content type and an ETag, and any other path without a file
 * extension is a client-side route answered with {@code index.html}. Files are not fingerprinted,
 * so the browser revalidates each time ({@code no-cache}) and gets a 304 when nothing changed.
 *
 * <p>Every file is read once, when the server starts; a request only looks its path up. Nothing is
 * remembered about a path that names no file, so anonymous requests cannot grow the server's
 * memory.
 */
public final class DashboardAssets implements Filter {
  static final String ROOT = "io/driftless/ui/";
  private static final String INDEX = "index.html";

  // The dashboard loads only its own files and speaks only to its own origin.
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json",
          "txt", "text/plain; charset=utf-8",
          "ico", "image/x-icon",
          "woff2", "font/woff2");

  private record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Asset> assets;

  DashboardAssets(ClassLoader loader) {
    this.assets = index(loader);
  }

  /** How many files are served: fixed at start, whatever is asked. */
  int size() {
    return assets.size();
  }

  /** Puts the dashboard in front of every other handler of the application port. */
  public static void register(Environment environment) {
    environment
        .servlets()
        .addFilter(
            "driftless-dashboard", new DashboardAssets(DashboardAssets.class.getClassLoader()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Optional<Asset> asset = assetFor(request);
    if (asset.isEmpty()) {
      chain.doFilter(req, res);
      return;
    }
    serve(request, response, asset.get());
  }

  Optional<Asset> assetFor(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return Optional.empty();
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return assetFor(path);
  }

  /** The asset for a request path, or empty when the path belongs to the API (or to no file). */
  Optional<Asset> assetFor(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return load(INDEX);
    }
    if (path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics")) {
      return Optional.empty();
    }
    String relative = path.substring(1);
    if (relative.contains("..") || relative.contains("\\") || relative.contains("//")) {
      return Optional.empty();
    }
    String last = relative.substring(relative.lastIndexOf('/') + 1);
    if (!last.contains(".")) {
      return load(INDEX); // a client-side route such as /environments/web
    }
    return load(relative);
  }

  private Optional<Asset> load(String relative) {
    return Optional.ofNullable(assets.get(relative));
  }

  /** Every file of the dashboard with a served extension, by path under {@link #ROOT}. */
  private static Map<String, Asset> index(ClassLoader loader) {
    URL index = loader.getResource(ROOT + INDEX);
    if (index == null) {
      throw new IllegalStateException(
          "the dashboard's " + ROOT + INDEX + " is not on the classpath");
    }
    try {
      URI uri = index.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.provider().getPath(uri).getParent());
        } catch (FileSystemAlreadyExistsException e) {
          return read(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
        }
      }
      return read(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the dashboard's files: " + e.getMessage(), e);
    }
  }

  private static Map<String, Asset> read(Path root) throws IOException {
    Map<String, Asset> assets = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String type = TYPES.get(relative.substring(relative.lastIndexOf('.') + 1));
        if (type != null) {
          byte[] bytes = Files.readAllBytes(file);
          assets.put(relative, new Asset(bytes, type, etag(bytes)));
        }
      }
    }
    return Map.copyOf(assets);
  }

  private static void serve(HttpServletRequest request, HttpServletResponse response, Asset asset)
      throws IOException {
    response.setHeader("ETag", asset.etag());
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (asset.type().startsWith("text/html")) {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("X-Frame-Options", "DENY");
    }
    if (matches(request.getHeader("If-None-Match"), asset.etag())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(asset.type());
    response.setContentLength(asset.bytes().length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(asset.bytes());
    }
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
