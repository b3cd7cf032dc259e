package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** JSON files: one object with the {@code sops} block as its last key. */
class JsonStore implements SopsStore {

  @Override
  public Parsed readEncrypted(String file, byte[] bytes) {
    Mapping root = JsonReader.read(file, SopsStore.text(file, bytes), maxScalarChars());
    Mapping metadata = root.get("sops") instanceof Mapping m ? m : null;
    return new Parsed(List.of(YamlStore.withoutSops(root)), metadata);
  }

  int maxScalarChars() {
    return SopsLimits.MAX_SCALAR_CHARS;
  }

  @Override
  public List<Mapping> readPlain(String file, byte[] bytes) {
    List<Mapping> branches =
        List.of(JsonReader.read(file, SopsStore.text(file, bytes), maxScalarChars()));
    SopsStore.refuseSopsKey(file, branches);
    return branches;
  }

  @Override
  public byte[] writeEncrypted(List<Mapping> branches, Mapping metadata) {
    List<Member> members = new ArrayList<>(branches.get(0).members());
    members.add(new Entry("sops", metadata, 0));
    return JsonWriter.write(new Mapping(members)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] writePlain(List<Mapping> branches) {
    return JsonWriter.write(branches.get(0)).getBytes(StandardCharsets.UTF_8);
  }
}
