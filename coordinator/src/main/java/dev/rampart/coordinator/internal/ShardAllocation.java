package dev.rampart.coordinator.internal;

import com.google.protobuf.ByteString;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.ShardDigest;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.ShardData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The coded-mode shards serialized once: their exact bytes (what goes on the shards topic, or
 * into a pointed-to file) and the SHA-256 of each (what every round plan carries). Immutable after construction; thread-safe.
 */
public final class ShardAllocation {
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<ShardDigest> digests = new ArrayList<>();
  private final Path pointerDirectory;

  public ShardAllocation(CodedMode mode) {
    this.pointerDirectory = mode.pointerDirectory();
    for (DataShard shard : mode.shards()) {
      byte[] body = shard.toWire().toByteArray();
      bodies.add(body);
      digests.add(ShardDigest.newBuilder().setShardId(shard.shardId())
          .setSha256(ByteString.copyFrom(DataShard.sha256(body))).build());
    }
  }

  /** Number of shards K. */
  public int shardCount() {
    return bodies.size();
  }

  /** A copy of the serialized ShardData of shard {@code k}. */
  public byte[] body(int k) {
    return bodies.get(k).clone();
  }

  /** The digest entry of shard {@code k}. */
  public ShardDigest digest(int k) {
    return digests.get(k);
  }

  /** Hex SHA-256 of every shard, in shard order, for the audit record. */
  public List<String> hexDigests() {
    return digests.stream().map(d -> Hex.of(d.getSha256().toByteArray())).toList();
  }

  /** Publishes every shard on the shards topic, keyed by shard id. */
  public void publish(Publisher publisher, String jobId) {
    for (int k = 0; k < bodies.size(); k++) {
      publisher.publishShard(jobId, k, recordBody(jobId, k));
    }
  }

  /**
   * What the shards topic carries for shard {@code k}: the serialized ShardData, or, with a
   * pointer directory, a ShardData holding only the id, K and the {@code file:} URI of a file
   * (written atomically, replaced if present) that holds the serialized ShardData.
   */
  byte[] recordBody(String jobId, int k) {
    if (pointerDirectory == null) {
      return bodies.get(k).clone();
    }
    Path file = pointerDirectory.resolve(jobId + "-shard-" + k + ".bin").toAbsolutePath();
    try {
      Files.createDirectories(pointerDirectory);
      Path temporary = Files.createTempFile(pointerDirectory, "shard-" + k + "-", ".tmp");
      Files.write(temporary, bodies.get(k));
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RampartException("cannot write shard " + k + " to " + file + ": " + e.getMessage(), e);
    }
    return ShardData.newBuilder().setShardId(k).setShardCount(bodies.size()).setUri(file.toUri().toString())
        .build().toByteArray();
  }
}
