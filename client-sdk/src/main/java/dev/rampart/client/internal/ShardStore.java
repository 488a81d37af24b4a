package dev.rampart.client.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.ShardData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coded-mode shards a client has read from the shards topic, verified against the SHA-256
 * that the coordinator signed into the round plan before use.
 *
 * <p>Every shard record whose signature verified under the pinned coordinator key is kept as a
 * candidate for its shard id (a compacted topic may still hold an older or a forged record for the
 * same key). {@link #find} checks every candidate of the shard against the plan's digest: the one
 * whose bytes match is parsed and cached, every other one is refused with a warning naming the
 * shard and both digests, counted, and dropped. A pointer record ({@code uri}, {@code file:} scheme) is
 * resolved by reading the file, and the file's bytes are what must match the digest.
 *
 * <p>Not thread-safe; owned by the client's thread.
 */
public final class ShardStore {
  private static final Logger LOG = LoggerFactory.getLogger(ShardStore.class);
  /** Most candidate records kept per shard id, so a flood of forged records cannot exhaust memory. */
  static final int MAX_CANDIDATES = 4;

  private final Map<Integer, List<byte[]>> candidates = new HashMap<>();
  private final Map<Integer, Verified> verified = new HashMap<>();
  private long refused;

  private record Verified(byte[] sha256, DataShard shard) {}

  /** Keeps the body of a SHARD envelope already verified under the coordinator key. */
  public void accept(Envelope envelope) {
    ShardData data;
    try {
      data = ShardData.parseFrom(envelope.getBody());
    } catch (InvalidProtocolBufferException e) {
      refuse("record for shard " + envelope.getRound() + " does not parse as ShardData");
      return;
    }
    if (data.getShardId() != envelope.getRound()) {
      refuse("record keyed as shard " + envelope.getRound() + " carries shard " + data.getShardId());
      return;
    }
    List<byte[]> list = candidates.computeIfAbsent(data.getShardId(), k -> new ArrayList<>());
    byte[] body = envelope.getBody().toByteArray();
    if (list.stream().noneMatch(b -> Arrays.equals(b, body))) {
      if (list.size() == MAX_CANDIDATES) {
        list.remove(0);
      }
      list.add(body);
    }
  }

  /**
   * The shard whose serialized bytes hash to {@code sha256}, if such a record has arrived.
   * Candidates with another digest are refused (logged with the shard id, counted) and dropped.
   */
  public Optional<DataShard> find(int shardId, byte[] sha256) {
    List<byte[]> pending = candidates.remove(shardId);
    for (byte[] body : pending == null ? List.<byte[]>of() : pending) {
      check(shardId, sha256, body);
    }
    Verified v = verified.get(shardId);
    return v != null && Arrays.equals(v.sha256(), sha256) ? Optional.of(v.shard()) : Optional.empty();
  }

  /** Verifies one candidate against the signed digest: keeps it when it matches, refuses it otherwise. */
  private void check(int shardId, byte[] sha256, byte[] body) {
    Optional<byte[]> bytes = content(shardId, body);
    if (bytes.isEmpty()) {
      return;
    }
    byte[] actual = DataShard.sha256(bytes.get());
    if (!Arrays.equals(actual, sha256)) {
      refuse("refusing shard " + shardId + ": its SHA-256 " + Hex.prefix(actual, 8) + " does not match "
          + Hex.prefix(sha256, 8) + " signed in the round plan");
      return;
    }
    Verified v = verified.get(shardId);
    if (v != null && Arrays.equals(v.sha256(), sha256)) {
      return;
    }
    try {
      verified.put(shardId, new Verified(sha256.clone(), DataShard.parse(bytes.get())));
    } catch (IllegalArgumentException e) {
      refuse("refusing shard " + shardId + ": " + e.getMessage());
    }
  }

  /** The inline bytes, or the bytes behind a pointer. */
  private Optional<byte[]> content(int shardId, byte[] body) {
    String uri;
    try {
      uri = ShardData.parseFrom(body).getUri();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
    if (uri.isEmpty()) {
      return Optional.of(body);
    }
    try {
      URI parsed = URI.create(uri);
      if (!"file".equals(parsed.getScheme())) {
        refuse("refusing shard " + shardId + ": pointer scheme of " + uri + " is not supported (file: only)");
        return Optional.empty();
      }
      return Optional.of(Files.readAllBytes(Path.of(parsed)));
    } catch (IOException | IllegalArgumentException e) {
      refuse("refusing shard " + shardId + ": cannot read " + uri + " (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /** Records refused so far. */
  public long refused() {
    return refused;
  }

  private void refuse(String why) {
    refused++;
    LOG.warn(why);
  }
}
