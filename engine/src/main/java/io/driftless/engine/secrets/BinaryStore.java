package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Raw;
import io.driftless.engine.secrets.SopsTree.Text;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any other file: its bytes are one value, stored encrypted as {@code {"data": "ENC[...]", "sops":
 * {...}}}.
 */
final class BinaryStore extends JsonStore {

  @Override
  int maxScalarChars() {
    return SopsLimits.MAX_FILE_BYTES * 2;
  }

  @Override
  public Parsed readEncrypted(String file, byte[] bytes) {
    Parsed parsed = super.readEncrypted(file, bytes);
    if (parsed.metadata() != null && !(parsed.branches().get(0).get("data") instanceof Text)) {
      throw new SopsMalformedException(
          file, 0, "is a binary SOPS file without a string under 'data'");
    }
    return parsed;
  }

  @Override
  public List<Mapping> readPlain(String file, byte[] bytes) {
    return List.of(new Mapping(List.of(new Entry("data", new Raw(bytes.clone()), 0))));
  }

  @Override
  public byte[] writePlain(List<Mapping> branches) {
    Node data = branches.get(0).get("data");
    if (data instanceof Raw r) {
      return r.value().clone();
    }
    if (data instanceof Text t) {
      return t.value().getBytes(StandardCharsets.UTF_8);
    }
    throw new IllegalStateException("a binary SOPS file holds one string under 'data'");
  }

  @Override
  public boolean rawStrings() {
    return true;
  }
}
