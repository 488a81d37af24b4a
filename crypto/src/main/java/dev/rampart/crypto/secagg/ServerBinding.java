package dev.rampart.crypto.secagg;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Enrollment;
import dev.rampart.protocol.RejectionReason;
import java.util.Optional;

/**
 * The coordinator's first check of a client message, before its phase and content: it is a
 * client message for this job, round, group and session, from an active enrolled member, and its
 * signature verifies with that member's enrolled key; for a message the caller authenticated by
 * its envelope, a masked input (P2) needs no signature of its own. Stateless.
 */
final class ServerBinding {
  private ServerBinding() {}

  /**
   * The rejection of {@code m}, or empty when it is bound to this session and signed (or, when
   * {@code authenticated}, an unsigned P2).
   */
  static Optional<ServerReceipt> check(SecAggMessage m, SessionContext ctx,
      ClientRegistry registry, Octets sessionId, boolean authenticated) {
    String sender = m.header().sender();
    GroupRef g = m.header().group();
    if (m.kind().fromCoordinator()) {
      return reject(sender, RejectionReason.WRONG_TYPE, m.kind() + " is a coordinator message");
    }
    if (!g.jobId().equals(ctx.group().jobId())) {
      return reject(sender, RejectionReason.WRONG_JOB, "message for job " + g.jobId());
    }
    if (g.round() != ctx.group().round()) {
      return reject(sender, g.round() < ctx.group().round() ? RejectionReason.PAST_ROUND
          : RejectionReason.FUTURE_ROUND, "message for round " + g.round());
    }
    if (g.groupId() != ctx.group().groupId() || !ctx.members().contains(sender)) {
      return reject(sender, RejectionReason.NOT_A_PARTICIPANT, "'" + sender + "' in group "
          + g.groupId() + " is not a member of " + ctx.group());
    }
    if (m.kind().hasSessionId() && !m.header().sessionId().equals(sessionId)) {
      return reject(sender, RejectionReason.PAST_ROUND, m.kind() + " of another session");
    }
    return signer(m, registry, authenticated);
  }

  private static Optional<ServerReceipt> signer(SecAggMessage m, ClientRegistry registry,
      boolean authenticated) {
    String sender = m.header().sender();
    Optional<Enrollment> enrolled = registry.lookup(sender);
    if (enrolled.isEmpty()) {
      return reject(sender, RejectionReason.UNKNOWN_CLIENT, "'" + sender + "' is not enrolled");
    }
    if (!enrolled.get().isActive()) {
      return reject(sender, RejectionReason.REVOKED_CLIENT, "'" + sender + "' is revoked");
    }
    if (authenticated && m.kind() == MessageKind.MASKED_INPUT && m.signature().isEmpty()) {
      return Optional.empty();
    }
    if (!m.verify(enrolled.get().key())) {
      return reject(sender, m.signature().isEmpty() ? RejectionReason.UNSIGNED
          : RejectionReason.BAD_SIGNATURE, m.kind() + " from '" + sender + "' does not verify");
    }
    return Optional.empty();
  }

  private static Optional<ServerReceipt> reject(String sender, RejectionReason reason,
      String detail) {
    return Optional.of(ServerReceipt.rejected(sender, reason, detail));
  }
}
