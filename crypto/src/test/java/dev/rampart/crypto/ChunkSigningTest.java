package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.ChunkRefusal;
import dev.rampart.protocol.ChunkVerifier;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChunkSigningTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Identity ALICE = Identity.generate("alice", RANDOM);
  private static final Identity MALLORY = Identity.generate("mallory", RANDOM);
  private static final ClientRegistry REGISTRY = ClientRegistry.empty()
      .withClient("alice", ALICE.publicKey()).withClient("mallory", MALLORY.publicKey());

  private static Chunk unsigned() {
    return Chunk.newBuilder().setTransferId("alice/CLIENT_UPDATE/3/abc").setIndex(1).setCount(4)
        .setWholeSha256(ByteString.copyFrom(new byte[32])).setWholeLength(10_000)
        .setData(ByteString.copyFromUtf8("piece")).setExpiresAtMs(1234).build();
  }

  @Test
  void digest_matchesSpecifiedLayout() throws Exception {
    Chunk chunk = unsigned().toBuilder().setSender("alice").build();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write("rampart/v1/chunk/".getBytes(StandardCharsets.US_ASCII));
    in.write(new byte[] {0, 0, 0, 5});
    in.write("alice".getBytes(StandardCharsets.US_ASCII));
    in.write(new byte[] {0, 0, 0, 25});
    in.write("alice/CLIENT_UPDATE/3/abc".getBytes(StandardCharsets.UTF_8));
    in.write(ByteBuffer.allocate(20).putInt(1).putInt(4).putLong(10_000).putInt(32).array());
    in.write(new byte[32]);
    in.write(ByteBuffer.allocate(8).putLong(1234).array());
    in.write(MessageDigest.getInstance("SHA-256").digest("piece".getBytes(StandardCharsets.UTF_8)));
    assertThat(ChunkSigning.digest(chunk)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(in.toByteArray()));
  }

  @Test
  void verify_signedChunk_isTrueAndNamesTheSigner() {
    Chunk signed = ChunkSigning.signer(ALICE).sign(unsigned());
    assertThat(signed.getSender()).isEqualTo("alice");
    assertThat(signed.getKeyId()).isEqualTo(ALICE.publicKey().keyId());
    assertThat(ChunkSigning.verify(ALICE.publicKey(), signed)).isTrue();
    assertThat(ChunkSigning.verify(MALLORY.publicKey(), signed)).isFalse();
  }

  @Test
  void verify_anySignedFieldChanged_isFalse() {
    Chunk signed = ChunkSigning.signer(ALICE).sign(unsigned());
    List<UnaryOperator<Chunk.Builder>> changes = List.of(
        b -> b.setSender("alicf"), b -> b.setTransferId("alice/other"), b -> b.setIndex(2), b -> b.setCount(5),
        b -> b.setWholeLength(10_001), b -> b.setWholeSha256(ByteString.copyFrom(new byte[31])),
        b -> b.setExpiresAtMs(1235), b -> b.setData(ByteString.copyFromUtf8("piecf")),
        b -> b.setSignature(ByteString.copyFrom(new byte[64])), b -> b.clearSignature());
    for (UnaryOperator<Chunk.Builder> change : changes) {
      assertThat(ChunkSigning.verify(ALICE.publicKey(), change.apply(signed.toBuilder()).build())).isFalse();
    }
  }

  @Test
  void verify_messageSignatureOverSameBytes_isFalse() {
    Chunk chunk = unsigned().toBuilder().setSender("alice").build();
    byte[] messageSignature = MessageSigning.sign(ALICE, "CLIENT_UPDATE", "job", 3, chunk.getData().toByteArray());
    Chunk withIt = chunk.toBuilder().setSignature(ByteString.copyFrom(messageSignature)).build();
    assertThat(ChunkSigning.verify(ALICE.publicKey(), withIt)).isFalse();
  }

  @Test
  void registryVerifier_refusesUnknownRevokedMismatchedAndForged() {
    ChunkVerifier verifier = ChunkSigning.registry(REGISTRY.revoke("mallory"));
    Chunk good = ChunkSigning.signer(ALICE).sign(unsigned());
    Identity stranger = Identity.generate("stranger", RANDOM);
    Identity aliceImpostor = Identity.generate("alice", RANDOM);
    assertThat(verifier.verify(good)).isEmpty();
    assertThat(reason(verifier, ChunkSigning.signer(stranger).sign(unsigned()))).isEqualTo(RejectionReason.UNKNOWN_CLIENT);
    assertThat(reason(verifier, ChunkSigning.signer(MALLORY).sign(unsigned()))).isEqualTo(RejectionReason.REVOKED_CLIENT);
    assertThat(reason(verifier, ChunkSigning.signer(aliceImpostor).sign(unsigned()))).isEqualTo(RejectionReason.KEY_MISMATCH);
    Chunk forged = ChunkSigning.signer(aliceImpostor).sign(unsigned()).toBuilder()
        .setKeyId(ALICE.publicKey().keyId()).build();
    assertThat(reason(verifier, forged)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(reason(verifier, good.toBuilder().clearSignature().build())).isEqualTo(RejectionReason.UNSIGNED);
  }

  @Test
  void pinnedVerifier_acceptsOnlyThePinnedKey() {
    ChunkVerifier verifier = ChunkSigning.pinned(ALICE.publicKey());
    assertThat(verifier.verify(ChunkSigning.signer(ALICE).sign(unsigned()))).isEmpty();
    assertThat(reason(verifier, ChunkSigning.signer(MALLORY).sign(unsigned()))).isEqualTo(RejectionReason.KEY_MISMATCH);
    Chunk forged = ChunkSigning.signer(MALLORY).sign(unsigned()).toBuilder()
        .setKeyId(ALICE.publicKey().keyId()).setSender("alice").build();
    assertThat(reason(verifier, forged)).isEqualTo(RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void reassembler_enrolledThirdPartyContradictsHonestTransfer_honestSetCompletes() {
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.registry(REGISTRY),
        Clock.systemUTC());
    byte[] body = new byte[20_000];
    RANDOM.nextBytes(body);
    Envelope honest = Envelopes.seal(ALICE, MessageType.CLIENT_UPDATE, "job", 3, body, 0);
    List<Frame> frames = Framing.frames(honest, 4096, 0, ChunkSigning.signer(ALICE));
    reassembler.accept("alice", frames.get(0).toByteArray());
    Chunk contradiction = frames.get(1).getChunk().toBuilder().setCount(frames.size() + 1).build();
    for (Chunk attack : List.of(contradiction, ChunkSigning.signer(MALLORY).sign(contradiction),
        contradiction.toBuilder().setSender("mallory").build())) {
      assertThat(reassembler.accept("alice", Frame.newBuilder().setChunk(attack).build().toByteArray()))
          .isInstanceOf(Reassembly.Rejected.class);
    }
    Reassembly last = null;
    for (Frame f : frames.subList(1, frames.size())) {
      last = reassembler.accept("alice", f.toByteArray());
    }
    assertThat(last).isEqualTo(new Reassembly.Complete(honest));
    assertThat(reassembler.pendingBytes()).isZero();
  }

  private static RejectionReason reason(ChunkVerifier verifier, Chunk chunk) {
    Optional<ChunkRefusal> refusal = verifier.verify(chunk);
    assertThat(refusal).isPresent();
    return refusal.get().reason();
  }
}
