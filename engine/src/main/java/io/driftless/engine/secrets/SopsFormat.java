package io.driftless.engine.secrets;

/** The SOPS stores, chosen by file extension as {@code sops} chooses them. */
public enum SopsFormat {
  YAML(new YamlStore()),
  JSON(new JsonStore()),
  DOTENV(new DotenvStore()),
  INI(new IniStore()),
  /** Any other file: its bytes as one value in a JSON envelope. */
  BINARY(new BinaryStore());

  private final SopsStore store;

  SopsFormat(SopsStore store) {
    this.store = store;
  }

  /** {@code .yaml}/{@code .yml}, {@code .json}, {@code .env}, {@code .ini}, else binary. */
  public static SopsFormat forPath(String path) {
    if (path.endsWith(".yaml") || path.endsWith(".yml")) {
      return YAML;
    }
    if (path.endsWith(".json")) {
      return JSON;
    }
    if (path.endsWith(".env")) {
      return DOTENV;
    }
    if (path.endsWith(".ini")) {
      return INI;
    }
    return BINARY;
  }

  SopsStore store() {
    return store;
  }
}
