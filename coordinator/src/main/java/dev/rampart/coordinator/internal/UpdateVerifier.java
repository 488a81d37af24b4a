package dev.rampart.coordinator.internal;

import com.google.protobuf.CodedInputStream;
import dev.rampart.coordinator.Rejection;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Enrollment;
import dev.rampart.crypto.Envelopes;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether an update envelope may be aggregated in the open round.
 *
 * <p>Checks run in this order, and the first failure is the reason recorded: type and schema,
 * sender enrolled and active, key id, signature, job, round, participation, duplicate, model
 * digest, payload (codec, declared dimension and round seed of a compressed payload, then its
 * decoding; see {@link CompressionPlan}), dimension, finiteness. Authentication comes before everything that reads
 * signed fields, so a reason other than {@code MALFORMED}, {@code UNKNOWN_CLIENT},
 * {@code REVOKED_CLIENT}, {@code KEY_MISMATCH}, {@code UNSIGNED} or {@code BAD_SIGNATURE} is
 * always about a message the named client really signed.
 *
 * <p>Thread-safe (stateless apart from immutable settings); {@link #verifyMessage} may run on
 * several threads for one round, since it reads only the round's immutable plan.
 */
public final class UpdateVerifier {
  private final JobId job;
  private final ClientRegistry registry;
  private final int dimension;
  private final CompressionPlan compression;

  public UpdateVerifier(JobId job, ClientRegistry registry, int dimension) {
    this(job, registry, dimension, CompressionPlan.none());
  }

  /** A verifier that also checks and decodes compressed payloads as {@code compression} says. */
  public UpdateVerifier(JobId job, ClientRegistry registry, int dimension, CompressionPlan compression) {
    this.job = job;
    this.registry = registry;
    this.dimension = dimension;
    this.compression = compression;
  }

  /** Verifies one envelope read from the updates topic, the duplicate check included. */
  public Verdict verify(Envelope envelope, OpenRound round) {
    return verify(envelope, null, round, true);
  }

  /**
   * Every check of {@link #verify} but the one that reads what the round accepted so far, so that
   * several messages of one round may be verified on different threads while the collector's
   * thread accepts; the collector then applies {@link #againstAccepted}. A second different update
   * from a client is then a {@code DUPLICATE} only when it passes every other check (otherwise its
   * own fault is the reason).
   */
  public Verdict verifyMessage(Envelope envelope, OpenRound round) {
    return verify(envelope, null, round, false);
  }

  /**
   * {@link #verifyMessage} of a reassembled message: when its floats were decoded as its chunks
   * arrived ({@link Reassembly.Complete#dense()}), the signature is checked against the body digest
   * taken then and the floats are the update's vector, subject to the same checks as decoded ones.
   */
  public Verdict verifyMessage(Reassembly.Complete message, OpenRound round) {
    return verify(message.envelope(), message.dense(), round, false);
  }

  /**
   * Compares a verdict of {@link #verifyMessage} with the round's accepted updates: an update from a
   * client the round already accepted is a redelivery when its signature is the same, else a
   * {@code DUPLICATE} (the first one stands). Call on the thread that accepts into {@code round}.
   */
  public static Verdict againstAccepted(Verdict verdict, OpenRound round) {
    if (!(verdict instanceof Verdict.Accepted accepted)) {
      return verdict;
    }
    Verdict duplicate = duplicateCheck(accepted.update().client(), accepted.update().signature(), round);
    return duplicate == null ? verdict : duplicate;
  }

  private static Verdict duplicateCheck(ClientId client, byte[] signature, OpenRound round) {
    AcceptedUpdate earlier = round.acceptedFrom(client);
    if (earlier == null) {
      return null;
    }
    if (Arrays.equals(earlier.signature(), signature)) {
      return new Verdict.Redelivered(client.value());
    }
    return refuse(round.round(), client.value(), RejectionReason.DUPLICATE, "a second, different update from '"
        + client.value() + "' in round " + round.round() + "; the first one stands");
  }

  private Verdict verify(Envelope envelope, Reassembly.Dense dense, OpenRound round, boolean checkDuplicates) {
    String sender = envelope.getSender().isEmpty() ? "?" : envelope.getSender();
    long r = round.round();
    if (envelope.getType() != MessageType.CLIENT_UPDATE) {
      return refuse(r, sender, RejectionReason.WRONG_TYPE, "expected CLIENT_UPDATE, got " + envelope.getType());
    }
    if (envelope.getSchemaVersion() != Envelopes.SCHEMA_VERSION) {
      return refuse(r, sender, RejectionReason.MALFORMED, "schema_version=" + envelope.getSchemaVersion()
          + ", expected " + Envelopes.SCHEMA_VERSION);
    }
    ClientId client;
    try {
      client = ClientId.of(envelope.getSender());
    } catch (IllegalArgumentException e) {
      return refuse(r, "?", RejectionReason.MALFORMED, e.getMessage());
    }
    Authenticated auth = authenticate(envelope, client, r, dense == null ? null : dense.bodySha256());
    if (auth.refusal() != null) {
      return auth.refusal();
    }
    Received received = new Received(envelope, client, auth.bodyDigest(), dense == null ? null : dense.floats());
    return checkSigned(received, round, checkDuplicates);
  }

  /**
   * The outcome of authentication: a refusal, or the SHA-256 of the body whose signature verified
   * (the body's one hash on this side, which the audit record reuses).
   */
  private record Authenticated(Verdict refusal, byte[] bodyDigest) {
    static Authenticated refused(Verdict refusal) {
      return new Authenticated(refusal, null);
    }
  }

  /**
   * An authenticated message: the envelope, its sender, the SHA-256 of its body as signed, and the
   * floats decoded while it arrived (null when they are still in the body).
   */
  private record Received(Envelope envelope, ClientId client, byte[] bodyDigest, float[] floats) {}

  private Authenticated authenticate(Envelope envelope, ClientId client, long r, byte[] streamedDigest) {
    String sender = client.value();
    Optional<Enrollment> enrollment = registry.lookup(sender);
    if (enrollment.isEmpty()) {
      return Authenticated.refused(refuse(r, sender, RejectionReason.UNKNOWN_CLIENT, "client '" + sender + "' is not enrolled"));
    }
    if (enrollment.get().status() != Enrollment.Status.ACTIVE) {
      return Authenticated.refused(refuse(r, sender, RejectionReason.REVOKED_CLIENT, "client '" + sender + "' is revoked"));
    }
    if (envelope.getSignature().isEmpty()) {
      return Authenticated.refused(refuse(r, sender, RejectionReason.UNSIGNED, "update from '" + sender + "' carries no signature"));
    }
    String enrolledKeyId = enrollment.get().key().keyId();
    if (!enrolledKeyId.equals(envelope.getKeyId())) {
      return Authenticated.refused(refuse(r, sender, RejectionReason.KEY_MISMATCH, "keyId=" + envelope.getKeyId()
          + " but '" + sender + "' is enrolled with keyId=" + enrolledKeyId));
    }
    byte[] bodyDigest = streamedDigest != null ? streamedDigest : Envelopes.bodyDigest(envelope);
    if (!Envelopes.verify(envelope, enrollment.get().key(), bodyDigest)) {
      return Authenticated.refused(refuse(r, sender, RejectionReason.BAD_SIGNATURE, "signature of '" + sender
          + "' does not verify for round " + envelope.getRound()));
    }
    return new Authenticated(null, bodyDigest);
  }

  private Verdict checkSigned(Received received, OpenRound round, boolean checkDuplicates) {
    Envelope envelope = received.envelope();
    ClientId client = received.client();
    String sender = client.value();
    long r = round.round();
    if (!envelope.getJobId().equals(job.value())) {
      return refuse(r, sender, RejectionReason.WRONG_JOB, "job '" + envelope.getJobId() + "', expected '" + job + "'");
    }
    if (envelope.getRound() < r) {
      return refuse(r, sender, RejectionReason.PAST_ROUND, "update for round " + envelope.getRound()
          + " arrived during round " + r + " (late or replayed)");
    }
    if (envelope.getRound() > r) {
      return refuse(r, sender, RejectionReason.FUTURE_ROUND, "update for round " + envelope.getRound()
          + " arrived during round " + r);
    }
    if (!round.isParticipant(client)) {
      return refuse(r, sender, RejectionReason.NOT_A_PARTICIPANT, "'" + sender + "' is not a participant of round " + r);
    }
    byte[] signature = envelope.getSignature().toByteArray();
    Verdict duplicate = checkDuplicates ? duplicateCheck(client, signature, round) : null;
    return duplicate != null ? duplicate : checkPayload(received, round, signature);
  }

  private Verdict checkPayload(Received received, OpenRound round, byte[] signature) {
    Envelope envelope = received.envelope();
    ClientId client = received.client();
    String sender = client.value();
    long r = round.round();
    ClientUpdate update;
    try {
      // The dense floats are read from the envelope's bytes in place, not from a copy of them.
      CodedInputStream in = envelope.getBody().newCodedInput();
      in.enableAliasing(true);
      update = ClientUpdate.parseFrom(in);
    } catch (IOException e) { // a byte string's stream only fails as InvalidProtocolBufferException
      return refuse(r, sender, RejectionReason.MALFORMED, "body is not a ClientUpdate");
    }
    if (!update.getJobId().equals(envelope.getJobId()) || update.getRound() != envelope.getRound()) {
      return refuse(r, sender, RejectionReason.MALFORMED, "body names job '" + update.getJobId() + "' round "
          + update.getRound() + " but the envelope names job '" + envelope.getJobId() + "' round " + envelope.getRound());
    }
    if (!round.hasModelDigest(update.getBaseModelDigest().toByteArray())) {
      return refuse(r, sender, RejectionReason.STALE_MODEL, "computed from model "
          + Hex.prefix(update.getBaseModelDigest().toByteArray(), 8) + ", round " + r + " uses "
          + Hex.prefix(round.modelDigest(), 8));
    }
    CompressionPlan.Decoded decoded = compression.decode(update, r, dimension);
    if (decoded.refused()) {
      return refuse(r, sender, decoded.reason(), decoded.detail());
    }
    float[] vector = decoded.vector();
    if (vector == null) {
      try {
        vector = received.floats() == null ? FloatVectors.fromWire(update.getDense())
            : FloatVectors.checkedDimension(update.getDense().getDimension(), received.floats());
      } catch (IllegalArgumentException e) {
        return refuse(r, sender, RejectionReason.MALFORMED, e.getMessage());
      }
    }
    if (vector.length != dimension) {
      return refuse(r, sender, RejectionReason.WRONG_DIMENSION, "dimension=" + vector.length + ", model has " + dimension);
    }
    int bad = FloatVectors.firstNonFinite(vector);
    if (bad >= 0) {
      return refuse(r, sender, RejectionReason.NON_FINITE, "coordinate " + bad + " is " + vector[bad]);
    }
    return new Verdict.Accepted(new AcceptedUpdate(client, vector, update.getSampleCount(), update.getTrainLoss(),
        signature, received.bodyDigest()));
  }

  private static Verdict refuse(long round, String sender, RejectionReason reason, String detail) {
    return new Verdict.Refused(new Rejection(round, sender, reason, detail));
  }
}
