package dev.rampart.coordinator.internal;

import com.google.protobuf.ByteString;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.ShardDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The coded-mode shards serialized once: their exact bytes (what goes on the shards topic) and
 * the SHA-256 of each (what every round plan carries). Immutable after construction; thread-safe.
 */
public final class ShardAllocation {
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<ShardDigest> digests = new ArrayList<>();

  public ShardAllocation(CodedMode mode) {
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
      publisher.publishShard(jobId, k, bodies.get(k));
    }
  }
}
