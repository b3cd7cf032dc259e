package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** YAML files: every document carries the {@code sops} block; the first one's is read. */
final class YamlStore implements SopsStore {

  @Override
  public Parsed readEncrypted(String file, byte[] bytes) {
    List<Mapping> docs =
        YamlReader.read(file, SopsStore.text(file, bytes), SopsLimits.MAX_SCALAR_CHARS);
    Mapping metadata = null;
    List<Mapping> branches = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Node sops = docs.get(i).get("sops");
      if (i == 0 && sops instanceof Mapping m) {
        metadata = m;
      }
      branches.add(withoutSops(docs.get(i)));
    }
    return new Parsed(branches, metadata);
  }

  @Override
  public List<Mapping> readPlain(String file, byte[] bytes) {
    List<Mapping> docs =
        YamlReader.read(file, SopsStore.text(file, bytes), SopsLimits.MAX_SCALAR_CHARS);
    SopsStore.refuseSopsKey(file, docs);
    return docs;
  }

  @Override
  public byte[] writeEncrypted(List<Mapping> branches, Mapping metadata) {
    List<Mapping> docs = new ArrayList<>();
    for (Mapping branch : branches) {
      List<Member> members = new ArrayList<>(branch.members());
      members.add(new Entry("sops", metadata, 0));
      docs.add(new Mapping(members));
    }
    return YamlWriter.write(docs).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] writePlain(List<Mapping> branches) {
    return YamlWriter.write(branches).getBytes(StandardCharsets.UTF_8);
  }

  static Mapping withoutSops(Mapping m) {
    List<Member> kept = new ArrayList<>();
    for (Member member : m.members()) {
      if (!(member instanceof Entry e && e.key().equals("sops"))) {
        kept.add(member);
      }
    }
    return new Mapping(kept);
  }
}
