package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementKeyPair;
import dev.rampart.crypto.Masking;
import dev.rampart.crypto.ShamirShare;
import dev.rampart.crypto.ShamirSharing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's last step (SECAGG.md "Coordinator"): reconstructs b_u for every survivor and
 * s_v^SK for every dropout from all revealed shares (at least t each), checks b_u against its
 * commitment and that s_v^SK derives the advertised s_v^PK, then removes every mask from the sum
 * of the survivors' y_u. Any failed check names the owner whose secret did not reconstruct.
 * Stateless.
 */
final class Unmasking {
  private Unmasking() {}

  /** What the server collected, read-only. */
  record Inputs(Octets sessionId, Map<String, Member> members, List<String> survivors,
      List<String> dropped, Map<String, ShareKeys> shares, List<MaskedInput> inputs,
      List<UnmaskResponse> responses) {}

  static int[] unmask(Inputs in, int threshold, int dimension, int threads) {
    Map<String, List<ShamirShare>> seedShares = new HashMap<>();
    Map<String, List<ShamirShare>> keyShares = new HashMap<>();
    for (UnmaskResponse r : in.responses()) {
      for (RevealedShare s : r.shares()) {
        Map<String, List<ShamirShare>> target =
            s.kind() == RevealedShare.Kind.SELF_MASK_SEED ? seedShares : keyShares;
        target.computeIfAbsent(s.owner(), k -> new ArrayList<>())
            .add(ShamirShare.decode(s.share().raw()));
      }
    }
    int[] sum = new int[dimension];
    for (MaskedInput y : in.inputs()) {
      Masking.add(sum, y.vectorView());
    }
    SessionCrypto.Streams streams = new SessionCrypto.Streams();
    for (String u : in.survivors()) {
      byte[] seed = recombine(seedShares, u, threshold, "self-mask seed");
      if (!SessionCrypto.commitment(in.sessionId(), seed)
          .equals(in.shares().get(u).commitment())) {
        throw Refusal.abort("the self-mask seed of '" + u + "' reconstructed from the revealed "
            + "shares does not match its commitment: some member sent wrong Shamir shares");
      }
      streams.subtract(seed);
    }
    for (String v : in.dropped()) {
      byte[] sk = recombine(keyShares, v, threshold, "mask key");
      AgreementKeyPair pair = AgreementKeyPair.fromPrivateKey(sk);
      if (!pair.publicKey().equals(in.members().get(v).maskKey())) {
        throw Refusal.abort("the mask key of dropped '" + v + "' reconstructed from the revealed "
            + "shares does not derive its advertised s_pk: some member sent wrong Shamir shares");
      }
      for (String u : in.survivors()) {
        byte[] k = SessionCrypto.maskKey(pair, in.members().get(u).maskKey(), in.sessionId());
        streams.pairwise(u, v, k, true);
      }
    }
    streams.applyTo(sum, threads);
    return sum;
  }

  private static byte[] recombine(Map<String, List<ShamirShare>> shares, String owner,
      int threshold, String what) {
    List<ShamirShare> list = shares.getOrDefault(owner, List.of());
    if (list.size() < threshold) {
      throw Refusal.abort("only " + list.size() + " shares of the " + what + " of '" + owner
          + "' were revealed, below threshold=" + threshold);
    }
    return ShamirSharing.recombine(list, threshold);
  }
}
