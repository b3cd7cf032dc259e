package io.driftless.engine.secrets;

import java.util.List;

/** Who a new SOPS file is encrypted for: each recipient can decrypt it on its own. */
public record SopsRecipients(List<AgeRecipient> age, List<PgpRecipient> pgp) {
  public SopsRecipients {
    age = age == null ? List.of() : List.copyOf(age);
    pgp = pgp == null ? List.of() : List.copyOf(pgp);
    if (age.isEmpty() && pgp.isEmpty()) {
      throw new IllegalArgumentException("give at least one age or PGP recipient");
    }
  }

  public static SopsRecipients age(AgeRecipient... recipients) {
    return new SopsRecipients(List.of(recipients), List.of());
  }
}
