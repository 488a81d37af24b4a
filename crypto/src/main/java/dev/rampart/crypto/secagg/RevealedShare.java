package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.PartyIds;
import java.util.Objects;

/**
 * One share revealed in an {@link UnmaskResponse}: a Shamir share of {@code owner}'s self-mask
 * seed (owner survived) or of its mask private key (owner dropped), in
 * {@link dev.rampart.crypto.ShamirShare#encode()} form.
 *
 * <p>Immutable and thread-safe.
 *
 * @param owner whose secret the share belongs to
 * @param kind which secret
 * @param share the encoded share (index byte ‖ value)
 */
public record RevealedShare(String owner, Kind kind, Octets share) {
  /** Which secret a share belongs to. Wire codes: 1 and 2. */
  public enum Kind {
    /** A share of b_u, revealed for a survivor. */
    SELF_MASK_SEED,
    /** A share of s_u^SK, revealed for a client that dropped after P1. */
    MASK_KEY;

    int code() {
      return ordinal() + 1;
    }

    static Kind ofCode(int code) {
      if (code < 1 || code > values().length) {
        throw new SecAggException("unknown revealed share kind " + code);
      }
      return values()[code - 1];
    }
  }

  /** Validates the id and share length. */
  public RevealedShare {
    PartyIds.requireValid(owner, "share owner id");
    Objects.requireNonNull(kind, "kind");
    Checks.atMost(share, Checks.MAX_SHARE_BYTES, "share");
  }
}
