package io.driftless.api.resources;

import io.driftless.engine.testing.GoldenFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is recorded in {@code golden/openapi.json}; a change to it is a change of
 * the API's contract and shows here as a diff. {@code ApiContractIT} checks what the running server
 * serves against the same file. Record an intended change with {@code
 * -Ddriftless.golden.update=true}.
 */
public class OpenApiResourceTest {
  public static final GoldenFile GOLDEN = GoldenFile.at("golden/openapi.json");

  @Test
  void theDocumentIsTheGoldenOne() {
    GOLDEN.assertMatches(new String(new OpenApiResource().get(), StandardCharsets.UTF_8));
  }
}
