package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MessageSigning;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.CompressedVector;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.security.MessageDigest;
import java.time.Clock;
import java.security.SecureRandom;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class UpdateVerifierTest {
  private static final JobId JOB = JobId.of("job");
  private static final byte[] DIGEST = FloatVectors.digest(new float[] {0f, 0f, 0f});
  private final Identity alice = Identity.generate("alice", new SecureRandom());
  private final Identity bob = Identity.generate("bob", new SecureRandom());
  private final Identity carol = Identity.generate("carol", new SecureRandom());
  private final ClientRegistry registry = ClientRegistry.empty()
      .withClient("alice", alice.publicKey())
      .withClient("bob", bob.publicKey())
      .withClient("carol", carol.publicKey())
      .revoke("carol");
  private final UpdateVerifier verifier = new UpdateVerifier(JOB, registry, 3);

  private OpenRound round() {
    return new OpenRound(5, Long.MAX_VALUE, DIGEST, Set.of(ClientId.of("alice"), ClientId.of("carol")));
  }

  private Envelope update(Identity who, long round, UnaryOperator<ClientUpdate.Builder> edit) {
    ClientUpdate.Builder b = ClientUpdate.newBuilder().setJobId(JOB.value()).setRound(round)
        .setBaseModelDigest(ByteString.copyFrom(DIGEST)).setSampleCount(4).setTrainLoss(0.5f)
        .setDense(FloatVectors.toWire(new float[] {1f, 2f, 3f}));
    return Envelopes.seal(who, MessageType.CLIENT_UPDATE, JOB.value(), round, edit.apply(b).build().toByteArray(), 0);
  }

  private Envelope update(Identity who) {
    return update(who, 5, b -> b);
  }

  private RejectionReason reasonOf(Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Refused.class);
    return ((Verdict.Refused) v).rejection().reason();
  }

  @Test
  void verify_honestUpdate_isAcceptedWithItsVector() {
    Verdict v = verifier.verify(update(alice), round());
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
    assertThat(((Verdict.Accepted) v).update().vector()).containsExactly(1f, 2f, 3f);
  }

  @Test
  void verify_acceptedUpdate_isNamedByTheDigestItsSignatureCovers() throws Exception {
    Envelope envelope = update(alice);
    Verdict v = verifier.verify(envelope, round());
    byte[] bodySha256 = MessageDigest.getInstance("SHA-256").digest(envelope.getBody().toByteArray());
    assertThat(((Verdict.Accepted) v).update().digest()).isEqualTo(bodySha256);
    assertThat(MessageSigning.verifyBody(alice.publicKey(), new MessageSigning.Fields("CLIENT_UPDATE", JOB.value(),
        5, "alice"), bodySha256, envelope.getSignature().toByteArray())).isTrue();
  }

  @Test
  void verify_eachFault_isRefusedWithItsOwnReason() {
    Envelope good = update(alice);
    byte[] sig = good.getSignature().toByteArray();
    sig[3] ^= 0x10;
    Identity imposter = Identity.generate("alice", new SecureRandom());
    Identity stranger = Identity.generate("mallory", new SecureRandom());
    assertThat(reasonOf(verifier.verify(good.toBuilder().setSignature(ByteString.copyFrom(sig)).build(), round())))
        .isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(reasonOf(verifier.verify(good.toBuilder().clearSignature().build(), round())))
        .isEqualTo(RejectionReason.UNSIGNED);
    assertThat(reasonOf(verifier.verify(update(imposter), round()))).isEqualTo(RejectionReason.KEY_MISMATCH);
    Envelope forgedKeyId = update(imposter).toBuilder().setKeyId(alice.publicKey().keyId()).build();
    assertThat(reasonOf(verifier.verify(forgedKeyId, round()))).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(reasonOf(verifier.verify(update(stranger), round()))).isEqualTo(RejectionReason.UNKNOWN_CLIENT);
    assertThat(reasonOf(verifier.verify(update(carol), round()))).isEqualTo(RejectionReason.REVOKED_CLIENT);
    assertThat(reasonOf(verifier.verify(update(alice, 4, b -> b), round()))).isEqualTo(RejectionReason.PAST_ROUND);
    assertThat(reasonOf(verifier.verify(update(alice, 6, b -> b), round()))).isEqualTo(RejectionReason.FUTURE_ROUND);
    assertThat(reasonOf(verifier.verify(update(bob), round()))).isEqualTo(RejectionReason.NOT_A_PARTICIPANT);
    assertThat(reasonOf(verifier.verify(update(alice, 5,
        b -> b.setBaseModelDigest(ByteString.copyFrom(new byte[32]))), round()))).isEqualTo(RejectionReason.STALE_MODEL);
    assertThat(reasonOf(verifier.verify(update(alice, 5,
        b -> b.setDense(FloatVectors.toWire(new float[] {1f, 2f}))), round()))).isEqualTo(RejectionReason.WRONG_DIMENSION);
    assertThat(reasonOf(verifier.verify(update(alice, 5,
        b -> b.setDense(FloatVectors.toWire(new float[] {1f, Float.NaN, 3f}))), round()))).isEqualTo(RejectionReason.NON_FINITE);
    assertThat(reasonOf(verifier.verify(update(alice, 5,
        b -> b.setCompressed(CompressedVector.newBuilder().setCodec("topk"))), round()))).isEqualTo(RejectionReason.WRONG_CODEC);
    assertThat(reasonOf(verifier.verify(update(alice, 5, b -> b.setRound(7)), round()))).isEqualTo(RejectionReason.MALFORMED);
  }

  private Reassembly.Complete reassembled(Envelope envelope) {
    Reassembler reassembler = Reassembler.decodingDense(ReassemblyLimits.defaults(),
        ChunkSigning.registry(registry), Clock.systemUTC());
    Reassembly outcome = null;
    for (Frame frame : Framing.frames(envelope, 2048, 0, ChunkSigning.signer(alice))) {
      outcome = reassembler.accept("alice", frame.toByteArray());
    }
    assertThat(outcome).isInstanceOf(Reassembly.Complete.class);
    return (Reassembly.Complete) outcome;
  }

  private static byte[] body(float[] v, int declared) {
    return ClientUpdate.newBuilder().setJobId(JOB.value()).setRound(5).setBaseModelDigest(ByteString.copyFrom(DIGEST))
        .setSampleCount(4).setDense(FloatVectors.toWire(v).toBuilder().setDimension(declared)).build().toByteArray();
  }

  /**
   * The coordinator's reassembler decodes a chunked update's floats as they arrive: the verdict
   * is the one of the whole message, the signature is checked against the body as sent, and the
   * floats are checked against the declared dimension.
   */
  @Test
  void verifyMessage_updateDecodedWhileItArrived_isJudgedAsTheWholeMessage() throws Exception {
    int d = 2048;
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = i * 0.5f - 7f;
    }
    UpdateVerifier wide = new UpdateVerifier(JOB, registry, d);
    Envelope sent = Envelopes.seal(alice, MessageType.CLIENT_UPDATE, JOB.value(), 5, body(v, d), 0);

    Reassembly.Complete honest = reassembled(sent);
    Verdict accepted = wide.verifyMessage(honest, round());

    assertThat(honest.dense()).as("decoded while it arrived").isNotNull();
    assertThat(accepted).isInstanceOf(Verdict.Accepted.class);
    assertThat(((Verdict.Accepted) accepted).update().vector()).containsExactly(v);
    assertThat(((Verdict.Accepted) accepted).update().digest())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(sent.getBody().toByteArray()));
    float[] changed = v.clone();
    changed[1000] += 1f;
    Envelope tampered = sent.toBuilder().setBody(ByteString.copyFrom(body(changed, d))).build();
    assertThat(reasonOf(wide.verifyMessage(reassembled(tampered), round()))).isEqualTo(RejectionReason.BAD_SIGNATURE);
    Envelope misdeclared = Envelopes.seal(alice, MessageType.CLIENT_UPDATE, JOB.value(), 5, body(v, d + 1), 0);
    Verdict refused = wide.verifyMessage(reassembled(misdeclared), round());
    assertThat(reasonOf(refused)).isEqualTo(RejectionReason.MALFORMED);
    assertThat(((Verdict.Refused) refused).rejection().detail()).contains("dimension=2049").contains("8192 bytes");
  }

  @Test
  void verify_otherJob_isWrongJob() {
    Envelope other = Envelopes.seal(alice, MessageType.CLIENT_UPDATE, "other-job", 5,
        ClientUpdate.newBuilder().setJobId("other-job").setRound(5).build().toByteArray(), 0);
    assertThat(reasonOf(verifier.verify(other, round()))).isEqualTo(RejectionReason.WRONG_JOB);
  }

  @Test
  void verify_secondUpdate_isDuplicateButRedeliveryIsIgnored() {
    OpenRound round = round();
    Envelope first = update(alice);
    round.accept(((Verdict.Accepted) verifier.verify(first, round)).update());
    assertThat(verifier.verify(first, round)).isInstanceOf(Verdict.Redelivered.class);
    Envelope second = update(alice, 5, b -> b.setTrainLoss(0.1f));
    Verdict v = verifier.verify(second, round);
    assertThat(reasonOf(v)).isEqualTo(RejectionReason.DUPLICATE);
    assertThat(round.accepted()).hasSize(1);
  }

  @Test
  void verify_wrongMessageType_isWrongType() {
    Envelope plan = Envelopes.seal(alice, MessageType.ROUND_PLAN, JOB.value(), 5, new byte[0], 0);
    assertThat(reasonOf(verifier.verify(plan, round()))).isEqualTo(RejectionReason.WRONG_TYPE);
  }
}
