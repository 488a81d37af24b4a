package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.JobId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientStateStoreTest {
  private static final GroupRef GROUP = GroupRef.of("job-store", 4, 2);

  @Test
  void forgetRoundsBefore_dropsOnlyThatClientsEarlierRoundsOfThatJob(@TempDir Path dir) {
    for (ClientStateStore store : new ClientStateStore[] {ClientStateStore.inDirectory(dir),
        ClientStateStore.inMemory()}) {
      for (long r = 1; r <= 3; r++) {
        store.save(GroupRef.of("job-a", r, 0), "c1", new byte[] {(byte) r});
        store.save(GroupRef.of("job-a", r, 1), "c2", new byte[] {(byte) r});
        store.save(GroupRef.of("job-b", r, 0), "c1", new byte[] {(byte) r});
      }
      assertThat(store.forgetRoundsBefore(JobId.of("job-a"), 3, "c1")).isEqualTo(2);
      assertThat(store.load(GroupRef.of("job-a", 1, 0), "c1")).isEmpty();
      assertThat(store.load(GroupRef.of("job-a", 2, 0), "c1")).isEmpty();
      assertThat(store.load(GroupRef.of("job-a", 3, 0), "c1")).isPresent();
      assertThat(store.load(GroupRef.of("job-a", 1, 1), "c2")).isPresent();
      assertThat(store.load(GroupRef.of("job-b", 1, 0), "c1")).isPresent();
      assertThat(store.forgetRoundsBefore(JobId.of("job-a"), 3, "c1")).isZero();
    }
  }

  @Test
  void inDirectory_saveLoadReplaceDelete_roundTripsWithOwnerOnlyFile(@TempDir Path dir)
      throws Exception {
    ClientStateStore store = ClientStateStore.inDirectory(dir);
    assertThat(store.load(GROUP, "c1")).isEmpty();

    store.save(GROUP, "c1", new byte[] {1, 2, 3});
    store.save(GROUP, "c1", new byte[] {4, 5});

    assertThat(store.load(GROUP, "c1")).contains(new byte[] {4, 5});
    Path file = dir.resolve("secagg-job-store-r4-g2-c1.state");
    assertThat(file).exists();
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file); // no temporary files left behind
    }
    store.delete(GROUP, "c1");
    store.delete(GROUP, "c1");
    assertThat(store.load(GROUP, "c1")).isEmpty();
  }

  @Test
  void inDirectory_missingDirectory_refused(@TempDir Path dir) {
    assertThatThrownBy(() -> ClientStateStore.inDirectory(dir.resolve("absent")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void open_storedStateOfAnotherClient_refused() {
    ClientStateStore shared = ClientStateStore.inMemory();
    TestGroup g = TestGroup.create(GroupRef.of("job-store", 1, 0), TestGroup.without(
        java.util.List.of("c1", "c2", "c3", "c4"), Set.of()), SecAggParameters.of(4, 3, 3, 1.0),
        8, TestGroup.registryOf(java.util.List.of("c1", "c2", "c3", "c4")), Map.of("c1", shared));
    shared.save(g.ctx.group(), "c2", shared.load(g.ctx.group(), "c1").orElseThrow());

    assertThatThrownBy(() -> SecAggClient.open(ClientSetup.builder().context(g.ctx)
        .identity(TestGroup.identity("c2")).trust(g.trust).store(shared).build(), new int[8]))
        .hasMessageContaining("stored state is for job-store/r1/g0/c1");
  }

  @Test
  void open_corruptStoredState_refusedNotMisread() {
    ClientStateStore store = ClientStateStore.inMemory();
    TestGroup g = TestGroup.ofFour(GroupRef.of("job-store", 2, 0));
    store.save(g.ctx.group(), "c1", new byte[] {'R', 'S', 'C', 'S', 1, 0, 0});

    assertThatThrownBy(() -> SecAggClient.open(ClientSetup.builder().context(g.ctx)
        .identity(TestGroup.identity("c1")).trust(g.trust).store(store).build(), new int[64]))
        .isInstanceOf(SecAggException.class)
        .hasMessageContaining("corrupt secure-aggregation client state");
  }

  @Test
  void encode_everyPhase_roundTripsAndDropsSecretsAfterMaskedInput() {
    ClientStateStore store = ClientStateStore.inMemory();
    java.util.List<String> four = java.util.List.of("c1", "c2", "c3", "c4");
    TestGroup g = TestGroup.create(GroupRef.of("job-store", 3, 0), four,
        SecAggParameters.of(4, 3, 3, 1.0), 8, TestGroup.registryOf(four), Map.of("c1", store));
    for (ServerPhase phase : new ServerPhase[] {ServerPhase.COLLECTING_SHARES,
        ServerPhase.COLLECTING_INPUTS, ServerPhase.COLLECTING_CHECKS,
        ServerPhase.COLLECTING_UNMASK}) {
      g.driveTo(phase, Set.of(), Set.of());
      byte[] bytes = store.load(g.ctx.group(), "c1").orElseThrow();
      ClientState state = ClientStateCodec.decode(bytes);
      assertThat(ClientStateCodec.encode(state)).isEqualTo(bytes);
      assertThat(state.secrets() == null).as(phase.toString())
          .isEqualTo(phase.ordinal() >= ServerPhase.COLLECTING_INPUTS.ordinal());
    }
  }

  @Test
  void open_inputOfWrongLengthOrRange_refusedNamingValue() {
    TestGroup g = TestGroup.ofFour(GroupRef.of("job-store", 5, 0));
    ClientSetup setup = ClientSetup.builder().context(g.ctx).identity(TestGroup.identity("c1"))
        .trust(g.trust).store(ClientStateStore.inMemory()).build();
    assertThatThrownBy(() -> SecAggClient.open(setup, new int[3]))
        .hasMessageContaining("3 coordinates, the session's dimension is 64");
    int[] big = new int[64];
    big[7] = -1;
    assertThatThrownBy(() -> SecAggClient.open(setup, big))
        .hasMessageContaining("encodedInput[7] = 4294967295 exceeds 2^bits - 1 = 1073741823");
  }
}
