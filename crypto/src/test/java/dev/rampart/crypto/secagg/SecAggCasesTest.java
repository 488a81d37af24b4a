package dev.rampart.crypto.secagg;

import static dev.rampart.crypto.secagg.TestGroup.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.crypto.AgreementKeyPair;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.ShareCipher;
import dev.rampart.crypto.secagg.ClientStep.Action;
import dev.rampart.protocol.RejectionReason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twenty attack and fault cases of SECAGG.md, one named test each. */
class SecAggCasesTest {
  private static final List<String> FOUR = List.of("c1", "c2", "c3", "c4");

  private static TestGroup four(long round) {
    return TestGroup.ofFour(GroupRef.of("job-cases", round, 0));
  }

  private static void assertAbortedWithoutSending(Map<String, ClientStep> steps, String... why) {
    assertThat(steps).isNotEmpty();
    steps.forEach((id, step) -> {
      assertThat(step.action()).as("%s: %s", id, step.detail()).isEqualTo(Action.ABORT);
      assertThat(step.message()).isEmpty();
      for (String w : why) {
        assertThat(step.detail()).as(id).contains(w);
      }
    });
  }

  private static List<AdvertiseKeys> advertisements(TestGroup g) {
    return g.sent.get(0).values().stream().map(m -> (AdvertiseKeys) m).toList();
  }

  private static List<ConsistencyCheck> checks(TestGroup g) {
    return g.sent.get(3).values().stream().map(m -> (ConsistencyCheck) m).toList();
  }

  // ---- 1 ----------------------------------------------------------------------------------

  @Test
  void case01_differentU3Views_everyClientAbortsBeforeRevealing() {
    TestGroup g = four(1);
    g.driveTo(ServerPhase.COLLECTING_INPUTS, Set.of(), Set.of());
    g.close(); // the honest U3 is discarded; the coordinator equivocates instead
    SurvivorList viewA = SurvivorList.sign(COORDINATOR, g.session(), List.of("c1", "c2", "c3"));
    SurvivorList viewB = SurvivorList.sign(COORDINATOR, g.session(), List.of("c2", "c3", "c4"));
    Map<String, ClientStep> signedA = g.deliver(viewA, List.of("c1", "c2"));
    Map<String, ClientStep> signedB = g.deliver(viewB, List.of("c3", "c4"));
    List<ConsistencyCheck> all = new ArrayList<>();
    Map<String, ClientStep> both = new TreeMap<>(signedA);
    both.putAll(signedB);
    both.values().forEach(s -> all.add((ConsistencyCheck) s.message().orElseThrow()));

    // Each view has only two honest signatures; t = 3. The coordinator forwards everything it has.
    Map<String, ClientStep> steps = new TreeMap<>();
    steps.putAll(g.deliver(UnmaskRequest.sign(COORDINATOR, g.session(), viewA.survivors(),
        List.of("c4"), all), List.of("c1")));
    steps.putAll(g.deliver(UnmaskRequest.sign(COORDINATOR, g.session(), viewA.survivors(),
        List.of("c4"), all.subList(0, 2)), List.of("c2")));
    steps.putAll(g.deliver(UnmaskRequest.sign(COORDINATOR, g.session(), viewB.survivors(),
        List.of("c1"), all), List.of("c3")));
    steps.putAll(g.deliver(UnmaskRequest.sign(COORDINATOR, g.session(), viewB.survivors(),
        List.of("c1"), all.subList(2, 4)), List.of("c4")));

    assertAbortedWithoutSending(steps);
    assertThat(steps.get("c2").detail()).contains("2 consistency signatures", "threshold=3");
    g.clients.values().forEach(c -> assertThat(c.phase()).isEqualTo(ClientPhase.ABORTED));
  }

  // ---- 2 ----------------------------------------------------------------------------------

  @Test
  void case02_peerListedAliveAndDropped_orDroppedThoughInSignedU3_aborts() {
    TestGroup g = four(2);
    g.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of("c4"), Set.of());
    List<String> u3 = List.of("c1", "c2", "c3");
    List<ConsistencyCheck> checks = checks(g);

    Map<String, ClientStep> steps = new TreeMap<>();
    // c3 is in the signed U3 and also listed as dropped: its b share and s^SK share would both go.
    steps.putAll(g.deliver(UnmaskRequest.sign(COORDINATOR, g.session(), u3,
        List.of("c4", "c3"), checks), List.of("c1")));
    // c3 moved from the survivor list to the dropped list although it is in the signed U3.
    steps.putAll(g.deliver(UnmaskRequest.sign(COORDINATOR, g.session(), List.of("c1", "c2"),
        List.of("c3", "c4"), checks), List.of("c2")));

    assertAbortedWithoutSending(steps);
    assertThat(steps.get("c1").detail()).contains("both alive and dropped");
    assertThat(steps.get("c2").detail()).contains("differs from the U3 this client signed");
  }

  // ---- 3 ----------------------------------------------------------------------------------

  @Test
  void case03_requestNamingReceiverDropped_repeatedId_unknownId_aborts() {
    TestGroup g = four(3);
    g.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of("c4"), Set.of());
    List<String> u3 = List.of("c1", "c2", "c3");
    List<ConsistencyCheck> checks = checks(g);

    ClientStep receiverDropped = g.clients.get("c1").receive(UnmaskRequest.sign(COORDINATOR,
        g.session(), u3, List.of("c4", "c1"), checks));
    ClientStep repeated = g.clients.get("c2").receive(UnmaskRequest.sign(COORDINATOR,
        g.session(), u3, List.of("c4", "c4"), checks));
    ClientStep unknown = g.clients.get("c3").receive(UnmaskRequest.sign(COORDINATOR,
        g.session(), u3, List.of("c4", "mallory"), checks));

    assertAbortedWithoutSending(Map.of("c1", receiverDropped, "c2", repeated, "c3", unknown));
    assertThat(receiverDropped.detail()).contains("names this client as dropped");
    assertThat(repeated.detail()).contains("'c4' as dropped twice");
    assertThat(unknown.detail()).contains("'mallory'", "not in U2");
  }

  // ---- 4 ----------------------------------------------------------------------------------

  @Test
  void case04_tooFewSurvivors_clientsRefuse_andCoordinatorRefuses() {
    List<String> five = List.of("c1", "c2", "c3", "c4", "c5");
    SecAggParameters p = SecAggParameters.of(5, 3, 4, 1.0);
    // Client side: the coordinator isolates c1 with two colluders (t = 3, s_min = 4).
    TestGroup g = TestGroup.create(GroupRef.of("job-cases", 4, 0), five, p, 32);
    g.driveTo(ServerPhase.COLLECTING_INPUTS, Set.of(), Set.of());
    g.close();
    Map<String, ClientStep> steps = g.deliver(SurvivorList.sign(COORDINATOR, g.session(),
        List.of("c1", "c2", "c3")), List.of("c1", "c2", "c3"));
    assertAbortedWithoutSending(steps, "below minSurvivors=4");

    // Coordinator side: only three masked inputs arrive.
    TestGroup h = TestGroup.create(GroupRef.of("job-cases", 4, 1), five, p, 32);
    h.driveTo(ServerPhase.COLLECTING_INPUTS, Set.of("c4", "c5"), Set.of());
    ServerStep step = h.server.advance();
    assertThat(step.isDone()).isTrue();
    GroupOutcome outcome = step.outcome().orElseThrow();
    assertThat(outcome.isSuccess()).isFalse();
    assertThat(outcome.failureReason().orElseThrow()).contains("only 3", "need 4");
  }

  // ---- 5 ----------------------------------------------------------------------------------

  @Test
  void case05_unknownSigner_substitutedKey_sybil_abort() {
    List<String> planned = List.of("c1", "c2", "c3", "c4", "mallory");
    SecAggParameters p = SecAggParameters.of(5, 3, 3, 1.0);
    ClientRegistry enrolled = TestGroup.registryOf(FOUR); // mallory is planned, never enrolled
    TestGroup g = TestGroup.create(GroupRef.of("job-cases", 5, 0), planned, p, 16, enrolled,
        Map.of());
    g.advertise(FOUR);
    List<AdvertiseKeys> honest = advertisements(g);
    AgreementKeyPair rogue = AgreementKeyPair.generate(new SecureRandom());

    List<AdvertiseKeys> unknown = new ArrayList<>(honest);
    unknown.add(g.clients.get("mallory").advertisement());
    List<AdvertiseKeys> substituted = new ArrayList<>(honest);
    AdvertiseKeys c2 = honest.get(1);
    substituted.set(1, new AdvertiseKeys(c2.header(), Octets.of(rogue.publicKey().bytes()),
        c2.maskKey(), c2.modelDigest(), c2.signature()));
    List<AdvertiseKeys> sybil = new ArrayList<>(honest);
    sybil.add(AdvertiseKeys.sign(Identity.generate("c9", new SecureRandom()), g.ctx.group(),
        rogue.publicKey(), AgreementKeyPair.generate(new SecureRandom()).publicKey(),
        TestGroup.MODEL));

    ClientStep a = g.clients.get("c1").receive(KeyList.sign(COORDINATOR, g.ctx.group(), unknown));
    ClientStep b = g.clients.get("c3").receive(
        KeyList.sign(COORDINATOR, g.ctx.group(), substituted));
    ClientStep c = g.clients.get("c4").receive(KeyList.sign(COORDINATOR, g.ctx.group(), sybil));

    assertAbortedWithoutSending(Map.of("c1", a, "c3", b, "c4", c));
    assertThat(a.detail()).contains("'mallory'", "not signed by an active enrolled client");
    assertThat(b.detail()).contains("'c2'", "does not verify");
    assertThat(c.detail()).contains("'c9'", "not a planned member");
    // The coordinator's own intake refuses the unknown signer as well.
    assertThat(g.server.accept(g.clients.get("mallory").advertisement()).reason())
        .contains(RejectionReason.UNKNOWN_CLIENT);
  }

  // ---- 6 ----------------------------------------------------------------------------------

  @Test
  void case06_duplicateKeys_ownKeyMissingOrTwice_abort() {
    TestGroup g = four(6);
    g.advertise(FOUR);
    List<AdvertiseKeys> honest = advertisements(g);
    // c4 (malicious) re-advertises c1's mask key as its own, correctly signed by c4.
    AdvertiseKeys copied = new AdvertiseKeys(honest.get(3).header(),
        honest.get(3).encryptionKey(), honest.get(0).maskKey(), TestGroup.MODEL, Octets.EMPTY);
    copied = copied.withSignature(Checks.sign(TestGroup.identity("c4"), copied));
    List<AdvertiseKeys> duplicateKey = List.of(honest.get(0), honest.get(1), honest.get(2), copied);
    List<AdvertiseKeys> missingOwn = List.of(honest.get(1), honest.get(2), honest.get(3));
    List<AdvertiseKeys> ownTwice = List.of(honest.get(0), honest.get(0), honest.get(1),
        honest.get(2));

    ClientStep dup = g.clients.get("c2").receive(
        KeyList.sign(COORDINATOR, g.ctx.group(), duplicateKey));
    ClientStep missing = g.clients.get("c1").receive(
        KeyList.sign(COORDINATOR, g.ctx.group(), missingOwn));
    ClientStep twice = g.clients.get("c3").receive(
        KeyList.sign(COORDINATOR, g.ctx.group(), ownTwice));

    assertAbortedWithoutSending(Map.of("c2", dup, "c1", missing, "c3", twice));
    assertThat(dup.detail()).contains("repeats a public key");
    assertThat(missing.detail()).contains("does not list this client");
    assertThat(twice.detail()).contains("lists 'c1' twice");
    TestGroup h = four(60);
    h.advertise(List.of("c1"));
    AdvertiseKeys c1 = h.clients.get("c1").advertisement();
    AdvertiseKeys stolen = new AdvertiseKeys(new MessageHeader(c1.header().session(), "c2"),
        c1.encryptionKey(), c1.maskKey(), TestGroup.MODEL, Octets.EMPTY);
    stolen = stolen.withSignature(Checks.sign(TestGroup.identity("c2"), stolen));
    assertThat(h.server.accept(stolen).reason()).contains(RejectionReason.BAD_PAYLOAD);
  }

  // ---- 7 ----------------------------------------------------------------------------------

  @Test
  void case07_lowOrderOrAllZeroX25519Point_cleanAbortNotCrash() {
    byte[] zero = new byte[32];
    byte[] orderFour = new byte[32];
    orderFour[0] = 1; // u = 1 has order 4 on Curve25519
    for (byte[] bad : List.of(zero, orderFour)) {
      TestGroup g = four(7);
      g.advertise(List.of("c1", "c2", "c3"));
      AdvertiseKeys honest = g.clients.get("c4").advertisement();
      AdvertiseKeys evil = new AdvertiseKeys(honest.header(), Octets.of(bad), honest.maskKey(),
          TestGroup.MODEL, Octets.EMPTY);
      evil = evil.withSignature(Checks.sign(TestGroup.identity("c4"), evil));
      List<AdvertiseKeys> u1 = new ArrayList<>(advertisements(g));
      u1.add(evil);

      ServerReceipt receipt = g.server.accept(evil.encode());
      Map<String, ClientStep> steps = g.deliver(KeyList.sign(COORDINATOR, g.ctx.group(), u1),
          List.of("c1", "c2", "c3"));

      assertThat(receipt.reason()).contains(RejectionReason.BAD_PAYLOAD);
      assertAbortedWithoutSending(steps, "'c4'", "unusable X25519 key");
    }
  }

  // ---- 8 ----------------------------------------------------------------------------------

  @Test
  void case08_shareCiphertextForwardedToThirdClientOrReflected_rejected() {
    // Forwarded: c3 puts the ciphertext it sealed for c1 into its slot for c2.
    TestGroup g = four(8);
    g.driveTo(ServerPhase.COLLECTING_SHARES, Set.of(), Set.of());
    ShareKeys c3 = (ShareKeys) g.sent.get(1).get("c3");
    ShareKeys forwarded = resign("c3", c3, Map.of("c2", cipherFor(c3, "c1")));
    ClientStep victim = g.clients.get("c2").receive(shareList(g, Map.of("c3", forwarded)));

    // Reflected: c4 returns to c1 the ciphertext c1 sealed for c4 (same pair key K_14).
    TestGroup h = four(80);
    h.driveTo(ServerPhase.COLLECTING_SHARES, Set.of(), Set.of());
    ShareKeys c4 = (ShareKeys) h.sent.get(1).get("c4");
    ShareKeys fromC1 = (ShareKeys) h.sent.get(1).get("c1");
    ShareKeys reflected = resign("c4", c4, Map.of("c1", cipherFor(fromC1, "c4")));
    ClientStep reflectedVictim = h.clients.get("c1").receive(
        shareList(h, Map.of("c4", reflected)));

    assertAbortedWithoutSending(Map.of("c2", victim, "c1", reflectedVictim),
        "does not open for this client");
    assertThat(victim.detail()).contains("from 'c3'");
    assertThat(reflectedVictim.detail()).contains("from 'c4'");
  }

  private static Octets cipherFor(ShareKeys s, String receiver) {
    return s.shares().stream().filter(e -> e.receiver().equals(receiver)).findFirst()
        .orElseThrow().ciphertext();
  }

  private static ShareKeys resign(String id, ShareKeys original, Map<String, Octets> replace) {
    List<EncryptedShare> shares = original.shares().stream()
        .map(e -> new EncryptedShare(e.receiver(), replace.getOrDefault(e.receiver(),
            e.ciphertext()))).toList();
    return ShareKeys.sign(TestGroup.identity(id), original.header().session(),
        original.commitment(), shares);
  }

  private static ShareKeysList shareList(TestGroup g, Map<String, ShareKeys> replace) {
    List<ShareKeys> entries = g.sent.get(1).entrySet().stream()
        .map(e -> replace.getOrDefault(e.getKey(), (ShareKeys) e.getValue())).toList();
    g.close();
    return ShareKeysList.sign(COORDINATOR, g.session(), entries);
  }

  // ---- 9 ----------------------------------------------------------------------------------

  @Test
  void case09_aeadNoncesUniqueWithinSession_property() {
    // Property: over many random member sets, no pair key is used twice with one nonce.
    SplittableRandom random = new SplittableRandom(9);
    for (int trial = 0; trial < 200; trial++) {
      int m = random.nextInt(2, 40);
      List<String> ids = IntStream.range(0, m)
          .mapToObj(i -> "p" + Long.toHexString(random.nextLong())).distinct().toList();
      Set<String> used = new HashSet<>();
      for (String u : ids) {
        for (String v : ids) {
          if (!u.equals(v)) {
            String pairKey = u.compareTo(v) < 0 ? u + "|" + v : v + "|" + u;
            String nonce = Digests.hex(ShareCipher.nonce(u, v, 0));
            assertThat(used.add(pairKey + "|" + nonce)).as("trial %d: %s->%s", trial, u, v)
                .isTrue();
          }
        }
      }
    }
    // In a real session: if both directions of a pair shared a nonce under K_uv, the XOR of the
    // two ciphertexts would equal the XOR of the two plaintexts, whose prefixes (the b shares)
    // are revealed in P4.
    TestGroup g = four(9);
    assertThat(g.run(Set.of(), Set.of()).isSuccess()).isTrue();
    for (String u : FOUR) {
      for (String v : FOUR) {
        if (u.compareTo(v) < 0) {
          byte[] cuv = cipherFor((ShareKeys) g.sent.get(1).get(u), v).toByteArray();
          byte[] cvu = cipherFor((ShareKeys) g.sent.get(1).get(v), u).toByteArray();
          byte[] puv = plaintextPrefix(revealedBy(g, v, u));
          byte[] pvu = plaintextPrefix(revealedBy(g, u, v));
          assertThat(xor(cuv, cvu, puv.length)).as("%s<->%s", u, v)
              .isNotEqualTo(xor(puv, pvu, puv.length));
        }
      }
    }
  }

  private static byte[] revealedBy(TestGroup g, String revealer, String owner) {
    UnmaskResponse r = (UnmaskResponse) g.sent.get(4).get(revealer);
    return r.shares().stream().filter(s -> s.owner().equals(owner)).findFirst().orElseThrow()
        .share().toByteArray();
  }

  private static byte[] plaintextPrefix(byte[] share) {
    return ByteBuffer.allocate(4 + share.length).putInt(share.length).put(share).array();
  }

  private static byte[] xor(byte[] a, byte[] b, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  // ---- 10 ---------------------------------------------------------------------------------

  @Test
  void case10_replayedFromEarlierRoundOrSession_rejectedNothingRevealed() {
    TestGroup earlier = four(10);
    assertThat(earlier.run(Set.of(), Set.of()).isSuccess()).isTrue();
    TestGroup now = four(11);
    now.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of());
    UnmaskRequest current = (UnmaskRequest) now.close();

    Map<String, ClientStep> replayed = new TreeMap<>();
    for (SecAggMessage old : earlier.broadcasts) {
      replayed.putAll(now.deliver(old, List.of("c1")));
      assertThat(replayed.get("c1").action()).as(old.kind().toString()).isEqualTo(Action.IGNORE);
    }
    Octets otherSession = Octets.of(Digests.sha256("another session".getBytes()));
    ClientStep foreign = now.clients.get("c2").receive(UnmaskRequest.sign(COORDINATOR,
        new SessionRef(now.ctx.group(), otherSession), current.survivors(), List.of(),
        current.checks()));
    ServerReceipt oldInput = now.server.accept(earlier.sent.get(2).get("c3"));

    assertThat(foreign.action()).isEqualTo(Action.IGNORE);
    assertThat(foreign.detail()).contains("another session");
    assertThat(now.clients.get("c1").phase()).isEqualTo(ClientPhase.CHECK_SENT);
    assertThat(now.clients.get("c2").phase()).isEqualTo(ClientPhase.CHECK_SENT);
    assertThat(oldInput.reason()).contains(RejectionReason.PAST_ROUND);
    // The genuine request still works afterwards.
    assertThat(now.clients.get("c1").receive(current).action()).isEqualTo(Action.SEND);
  }

  // ---- 11 ---------------------------------------------------------------------------------

  @Test
  void case11_twoSessionsOfOneClient_useIndependentKeysAndMasks() {
    TestGroup r1 = four(12);
    TestGroup r2 = four(13);
    int[] q = r1.inputs.get("c1");
    r2.restartFresh("c1", q);
    r1.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of());
    r2.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of());

    AdvertiseKeys a1 = (AdvertiseKeys) r1.sent.get(0).get("c1");
    AdvertiseKeys a2 = (AdvertiseKeys) r2.sent.get(0).get("c1");
    int[] mask1 = minus(((MaskedInput) r1.sent.get(2).get("c1")).vector(), q);
    int[] mask2 = minus(((MaskedInput) r2.sent.get(2).get("c1")).vector(), q);

    assertThat(a1.encryptionKey()).isNotEqualTo(a2.encryptionKey());
    assertThat(a1.maskKey()).isNotEqualTo(a2.maskKey());
    assertThat(r1.server.sessionId()).isNotEqualTo(r2.server.sessionId());
    long equal = IntStream.range(0, q.length).filter(i -> mask1[i] == mask2[i]).count();
    assertThat(equal).as("coordinates with equal masks").isZero();
  }

  private static int[] minus(int[] a, int[] b) {
    int[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] -= b[i];
    }
    return out;
  }

  // ---- 12 ---------------------------------------------------------------------------------

  @Test
  void case12_clientRestartedBetweenP2AndP4_resendsSameBytesAndAnswersOnce(@TempDir Path dir) {
    ClientStateStore disk = ClientStateStore.inDirectory(dir);
    TestGroup g = TestGroup.create(GroupRef.of("job-cases", 12, 0), FOUR,
        SecAggParameters.of(4, 3, 3, 1.0), 64, TestGroup.registryOf(FOUR), Map.of("c1", disk));
    int[] originalInput = g.inputs.get("c1");
    g.driveTo(ServerPhase.COLLECTING_INPUTS, Set.of(), Set.of());
    byte[] firstP2 = g.sent.get(2).get("c1").encode();
    ShareKeysList u2 = (ShareKeysList) g.broadcasts.get(1);

    int[] otherInput = new int[originalInput.length]; // a restarted client may have lost x_u
    SecAggClient restarted = g.restart("c1", otherInput);
    ClientStep again = restarted.receive(u2.encode());
    assertThat(restarted.phase()).isEqualTo(ClientPhase.INPUT_SENT);
    assertThat(again.action()).isEqualTo(Action.RESEND);
    assertThat(again.message().orElseThrow().encode()).isEqualTo(firstP2);

    g.driveTo(ServerPhase.COLLECTING_UNMASK, Set.of(), Set.of());
    UnmaskRequest request = (UnmaskRequest) g.broadcasts.get(3);
    byte[] answer = g.sent.get(4).get("c1").encode();
    SecAggClient second = g.restart("c1", otherInput);
    ClientStep redelivered = second.receive(request.encode());
    ClientStep different = second.receive(UnmaskRequest.sign(COORDINATOR, g.session(),
        request.survivors(), request.dropped(), request.checks().subList(0, 3)));

    assertThat(redelivered.action()).isEqualTo(Action.RESEND);
    assertThat(redelivered.message().orElseThrow().encode()).isEqualTo(answer);
    assertThat(different.action()).isEqualTo(Action.ABORT);
    GroupOutcome outcome = g.server.advance().outcome().orElseThrow();
    assertThat(outcome.sum()).isEqualTo(g.plainSum(FOUR)); // built from the original x_u
  }

  @Test
  void case12_storeFailsBeforeSend_nothingIsSentAndStateUnchanged() {
    FlakyStore flaky = new FlakyStore();
    TestGroup g = TestGroup.create(GroupRef.of("job-cases", 120, 0), FOUR,
        SecAggParameters.of(4, 3, 3, 1.0), 16, TestGroup.registryOf(FOUR), Map.of("c1", flaky));
    g.advertise(FOUR);
    KeyList u1 = (KeyList) g.close();

    flaky.failing = true;
    assertThatThrownBy(() -> g.clients.get("c1").receive(u1))
        .hasMessageContaining("disk full");
    assertThat(g.clients.get("c1").phase()).isEqualTo(ClientPhase.ADVERTISED);
    flaky.failing = false;
    assertThat(g.clients.get("c1").receive(u1).action()).isEqualTo(Action.SEND);
    assertThat(g.clients.get("c1").phase()).isEqualTo(ClientPhase.SHARES_SENT);
  }

  /** A store whose saves can be made to fail, to show that nothing is sent unsaved. */
  private static final class FlakyStore implements ClientStateStore {
    private final ClientStateStore inner = ClientStateStore.inMemory();
    volatile boolean failing;

    @Override
    public void save(GroupRef group, String clientId, byte[] state) {
      if (failing) {
        throw new dev.rampart.protocol.RampartException("disk full");
      }
      inner.save(group, clientId, state);
    }

    @Override
    public Optional<byte[]> load(GroupRef group, String clientId) {
      return inner.load(group, clientId);
    }

    @Override
    public void delete(GroupRef group, String clientId) {
      inner.delete(group, clientId);
    }

    @Override
    public int forgetRoundsBefore(dev.rampart.protocol.JobId job, long round, String clientId) {
      return inner.forgetRoundsBefore(job, round, clientId);
    }
  }

  // ---- 13 ---------------------------------------------------------------------------------

  @Test
  void case13_secondUnmaskRequestInSameSession_refused() {
    TestGroup g = four(14);
    g.driveTo(ServerPhase.COLLECTING_UNMASK, Set.of(), Set.of());
    UnmaskRequest first = (UnmaskRequest) g.broadcasts.get(3);
    UnmaskRequest second = UnmaskRequest.sign(COORDINATOR, g.session(), first.survivors(),
        first.dropped(), first.checks().subList(1, 4));

    ClientStep step = g.clients.get("c2").receive(second);

    assertThat(g.sent.get(4)).containsKey("c2"); // c2 answered the first request
    assertThat(step.action()).isEqualTo(Action.ABORT);
    assertThat(step.message()).isEmpty();
    assertThat(step.detail()).contains("second, different unmask request");
  }

  // ---- 14 ---------------------------------------------------------------------------------

  @Test
  void case14_prgGoldenVector_andOneKeyBitFlipChangesStream() {
    // RFC 8439 appendix A.1 test vector #1: all-zero key and nonce, block counter 0.
    byte[] block = hex(
        "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
            + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
    int[] expected = new int[16];
    ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(expected);
    assertThat(MaskPrg.expand(new byte[32], 16)).isEqualTo(expected);

    byte[] key = Digests.sha256("case 14".getBytes(StandardCharsets.US_ASCII));
    int[] base = MaskPrg.expand(key, 64);
    for (int bit = 0; bit < 256; bit++) {
      byte[] flipped = key.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      int[] other = MaskPrg.expand(flipped, 64);
      long same = IntStream.range(0, 64).filter(i -> base[i] == other[i]).count();
      assertThat(same).as("key bit %d", bit).isZero();
    }
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  // ---- 15 ---------------------------------------------------------------------------------

  @Test
  void case15_allMembersAtPlusAndMinusClip_exactDecode_overflowRejected() {
    for (double x : new double[] {1.0, -1.0}) {
      TestGroup g = four(15);
      float[] at = new float[64];
      Arrays.fill(at, (float) x);
      for (String id : FOUR) {
        g.restartFresh(id, g.ctx.parameters().codec().encode(at, new SplittableRandom(15)));
      }
      GroupOutcome outcome = g.run(Set.of(), Set.of());
      for (int i = 0; i < 64; i++) {
        assertThat(outcome.decodedSum()[i]).isEqualTo((float) (4 * x));
        assertThat(outcome.mean()[i]).isEqualTo((float) x);
      }
    }
    assertThatThrownBy(() -> new SecAggParameters(4, 3, 3, 1.0, 31))
        .isInstanceOf(SecAggException.class)
        .hasMessageContaining("groupSize=4 with bits=31")
        .hasMessageContaining("use bits <= 30");
  }

  // ---- 16 ---------------------------------------------------------------------------------

  @Test
  void case16_decodeWithDropouts_usesSurvivorCount() {
    TestGroup g = four(16);
    GroupOutcome outcome = g.run(Set.of("c4"), Set.of());
    List<String> survivors = List.of("c1", "c2", "c3");

    assertThat(outcome.survivorCount()).isEqualTo(3);
    float[] mean = outcome.mean();
    float[] wrong = g.ctx.parameters().codec().decodeMean(outcome.sum(), 4);
    for (int i = 0; i < mean.length; i++) {
      double expected = 0;
      for (String id : survivors) {
        expected += Math.max(-1, Math.min(1, g.floats.get(id)[i])) / 3.0;
      }
      assertThat((double) mean[i]).isCloseTo(expected, within(1e-6));
      assertThat((double) wrong[i]).isNotCloseTo(expected, within(1e-3));
    }
  }

  // ---- 17 ---------------------------------------------------------------------------------

  @Test
  void case17_memberSendsWrongShamirShares_detected_groupFailed_roundContinues() {
    for (RevealedShare.Kind target : RevealedShare.Kind.values()) {
      TestGroup bad = TestGroup.create(GroupRef.of("job-cases", 17, 0), FOUR,
          SecAggParameters.of(4, 3, 3, 1.0), 64);
      TestGroup good = TestGroup.create(GroupRef.of("job-cases", 17, 1),
          List.of("d1", "d2", "d3", "d4"), SecAggParameters.of(4, 3, 3, 1.0), 64);
      bad.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of("c4"), Set.of());
      UnmaskRequest request = (UnmaskRequest) bad.close();
      bad.forward(bad.deliver(request, List.of("c1", "c3")), List.of("c1", "c3"));
      // c2 answers with one corrupted share, correctly signed.
      UnmaskResponse honest = (UnmaskResponse) bad.clients.get("c2").receive(request)
          .message().orElseThrow();
      List<RevealedShare> shares = new ArrayList<>(honest.shares());
      for (int i = 0; i < shares.size(); i++) {
        RevealedShare s = shares.get(i);
        if (s.kind() == target) {
          byte[] v = s.share().toByteArray();
          v[5] ^= 0x40;
          shares.set(i, new RevealedShare(s.owner(), s.kind(), Octets.of(v)));
          break;
        }
      }
      ServerReceipt receipt = bad.server.accept(UnmaskResponse.sign(TestGroup.identity("c2"),
          honest.header().session(), shares));

      GroupOutcome failed = bad.server.advance().outcome().orElseThrow();
      GroupOutcome other = good.run(Set.of(), Set.of());

      assertThat(receipt.status()).isEqualTo(ServerReceipt.Status.ACCEPTED);
      assertThat(failed.isSuccess()).as(target.toString()).isFalse();
      assertThat(failed.failureReason().orElseThrow()).contains("wrong Shamir shares")
          .contains(target == RevealedShare.Kind.MASK_KEY ? "does not derive its advertised"
              : "does not match its commitment");
      assertThat(other.isSuccess()).isTrue();
      assertThat(other.sum()).isEqualTo(good.plainSum(good.ctx.members()));
    }
  }

  // ---- 18 ---------------------------------------------------------------------------------

  @Test
  void case18_membersGivenDifferentModelDigests_abort() {
    TestGroup g = four(18);
    Octets otherModel = Octets.of(Digests.sha256("model v1, tampered for c4".getBytes()));
    SessionContext targeted = new SessionContext(g.ctx.group(), FOUR, g.ctx.parameters(),
        g.ctx.dimension(), otherModel);
    SecAggClient c4 = SecAggClient.open(ClientSetup.builder().context(targeted)
        .identity(TestGroup.identity("c4")).trust(g.trust).store(ClientStateStore.inMemory())
        .build(), new int[g.ctx.dimension()]);
    g.clients.put("c4", c4);
    AdvertiseKeys c4Advertisement = c4.advertisement();
    g.advertise(FOUR);
    List<AdvertiseKeys> u1 = advertisements(g);

    Map<String, ClientStep> steps = g.deliver(KeyList.sign(COORDINATOR, g.ctx.group(), u1), FOUR);

    assertAbortedWithoutSending(steps, "model digest");
    // The coordinator's own intake refuses an advertisement for another model.
    SecAggServer fresh = SecAggServer.create(g.ctx, COORDINATOR, g.registry);
    assertThat(fresh.accept(c4Advertisement).reason()).contains(RejectionReason.STALE_MODEL);
  }

  // ---- 19 ---------------------------------------------------------------------------------

  @Test
  void case19_partitionNeverFormsGroupsDifferingByOneMember_minimumSizeEnforced() {
    GroupPlanner planner = GroupPlanner.withMinimumGroupSize(4);
    int adjusted = 0;
    for (int n : new int[] {8, 9, 12, 13, 20}) {
      List<String> ids = IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
      for (long seed = 0; seed < 60; seed++) {
        Optional<GroupPlan> previous = Optional.empty();
        for (int round = 0; round < 5; round++) {
          GroupPlan plan = planner.partition(ids, seed * 1000 + round, previous);
          assertThat(plan.minGroupSize()).isGreaterThanOrEqualTo(4);
          assertThat(plan.participantCount()).isEqualTo(n);
          previous.ifPresent(p -> assertThat(GroupPlanner.violations(p, plan)).isEmpty());
          adjusted += plan.attempt() > 0 ? 1 : 0;
          previous = Optional.of(plan);
        }
      }
    }
    assertThat(adjusted).as("plans that needed another attempt").isPositive();
    assertThatThrownBy(() -> planner.partition(List.of("a", "b", "c"), 1, Optional.empty()))
        .hasMessageContaining("minGroupSize=4");
  }

  // ---- 20 ---------------------------------------------------------------------------------

  @Test
  void case20_topKSparsificationUnderSecAgg_refusedWithClearError() {
    assertThatThrownBy(() -> SecAggParameters.requireCompatible("topk(ratio=0.01)"))
        .isInstanceOf(SecAggException.class)
        .hasMessageContaining("top-k")
        .hasMessageContaining("randk(...,seed=shared)");
    assertThatThrownBy(() -> SecAggParameters.requireCompatible("randk(ratio=0.1)"))
        .hasMessageContaining("per-client seed");
    assertThatThrownBy(() -> SecAggParameters.requireCompatible("randk(k=10, seed=client)"))
        .hasMessageContaining("per-client seed");
    assertThat(SecAggParameters.requireCompatible("RandK(ratio=0.1, seed=shared)"))
        .isEqualTo("RandK(ratio=0.1, seed=shared)");
    assertThat(SecAggParameters.requireCompatible("identity")).isEqualTo("identity");
  }
}
