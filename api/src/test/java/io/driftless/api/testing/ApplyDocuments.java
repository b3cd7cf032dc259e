package io.driftless.api.testing;

/** Declarative documents as {@code POST /api/v1/apply} and {@code driftless apply} read them. */
public final class ApplyDocuments {
  private ApplyDocuments() {}

  /** A Source named {@code name} at {@code https://git.example.com/<name>.git}. */
  public static String source(String name) {
    return source(name, "https://git.example.com/" + name + ".git");
  }

  public static String source(String name, String url) {
    return "apiVersion: driftless.io/v1\nkind: Source\nname: " + name + "\nurl: " + url + "\n";
  }

  /**
   * An Environment of {@code source} at main, applied to the directory {@code root} (a path or its
   * text), synced by hand.
   */
  public static String environment(String name, String source, String path, Object root) {
    return "apiVersion: driftless.io/v1\n"
        + "kind: Environment\n"
        + "name: "
        + name
        + "\nsource: "
        + source
        + "\nref: main\npath: "
        + path
        + "\ntarget: {type: directory, root: "
        + root
        + "}\nsync: {auto: false, interval: 1h}\n";
  }
}
