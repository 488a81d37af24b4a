package dev.rampart.audit;

import dev.rampart.crypto.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic identities, clocks and logs for the audit tests. */
final class Fixtures {
  static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00Z");

  private Fixtures() {}

  static Identity identity(String id, int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    return Identity.fromPrivateKey(id, key);
  }

  static Identity coordinator() {
    return identity("coordinator", 7);
  }

  static Identity intruder() {
    return identity("intruder", 9);
  }

  /** A clock that advances one second per reading. */
  static InstantSource tickingClock() {
    AtomicLong ticks = new AtomicLong();
    return () -> EPOCH.plusSeconds(ticks.getAndIncrement());
  }

  static AuditLog.Options.Builder options() {
    return AuditLog.Options.builder().fsyncPolicy(FsyncPolicy.NONE).clock(tickingClock());
  }

  static Map<String, Object> body(long round, String client) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", round);
    body.put("client", client);
    body.put("note", "record for round " + round);
    return body;
  }

  /** Writes {@code count} UPDATE_ACCEPTED-like records with the given options. */
  static List<AuditRecord> writeLog(Path dir, int count, AuditLog.Options options) {
    List<AuditRecord> records = new ArrayList<>();
    try (AuditLog log = AuditLog.open(dir, coordinator(), options)) {
      for (int i = 1; i <= count; i++) {
        records.add(log.append(RecordType.UPDATE_ACCEPTED, body(i, "client-" + (i % 3))));
      }
    }
    return records;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The segment's lines, LF included. */
  static List<byte[]> lines(Path file) {
    byte[] all = read(file);
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        lines.add(Arrays.copyOfRange(all, start, i + 1));
        start = i + 1;
      }
    }
    if (start < all.length) {
      lines.add(Arrays.copyOfRange(all, start, all.length));
    }
    return lines;
  }

  static byte[] concat(List<byte[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
