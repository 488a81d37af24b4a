package dev.rampart.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.wire.ShardData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One shard of a coded-mode job's training data: labelled samples with a fixed number of
 * features, as the coordinator allocates them to clients through the shards topic.
 *
 * <p>On the wire it is a {@link ShardData} message; its identity is the SHA-256 of the exact
 * serialized bytes ({@link #sha256(byte[])}), which the coordinator signs into every round plan.
 * Arrays are copied in and out, so instances are immutable and thread-safe.
 *
 * @param shardId the shard index k, in [0, shardCount)
 * @param shardCount K, the number of shards of the job, at least 1
 * @param features one row of features per sample, every row of the same length ≥ 1; copied
 * @param labels one class index per sample, in [0, classes); copied
 * @param classes number of classes, at least 2
 */
public record DataShard(int shardId, int shardCount, float[][] features, int[] labels, int classes) {
  /** Largest number of samples times features accepted in one shard (64 Mi coordinates). */
  public static final long MAX_VALUES = 64L << 20;

  /** Validates and copies. */
  public DataShard {
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      throw new IllegalArgumentException("shardId must be in [0, shardCount), but shardId=" + shardId
          + ", shardCount=" + shardCount);
    }
    if (features == null || labels == null || features.length == 0 || features.length != labels.length) {
      throw new IllegalArgumentException("shard " + shardId + " needs at least one sample and one label per sample, but samples="
          + (features == null ? "null" : features.length) + ", labels=" + (labels == null ? "null" : labels.length));
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, but classes=" + classes);
    }
    int p = features[0].length;
    if (p < 1 || (long) p * features.length > MAX_VALUES) {
      throw new IllegalArgumentException("shard " + shardId + " has " + features.length + " samples of " + p
          + " features; need at least 1 feature and at most " + MAX_VALUES + " values");
    }
    float[][] rows = new float[features.length][];
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != p) {
        throw new IllegalArgumentException("shard " + shardId + ": sample " + i + " has " + features[i].length
            + " features, expected " + p);
      }
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("shard " + shardId + ": label of sample " + i + " is " + labels[i]
            + ", outside [0, " + classes + ")");
      }
      rows[i] = features[i].clone();
    }
    features = rows;
    labels = labels.clone();
  }

  /** A deep copy of the feature rows. */
  @Override
  public float[][] features() {
    float[][] out = new float[features.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = features[i].clone();
    }
    return out;
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Number of samples. */
  public int sampleCount() {
    return labels.length;
  }

  /** Number of features per sample. */
  public int featureCount() {
    return features[0].length;
  }

  /** The wire form: features as float32 little-endian, row-major. */
  public ShardData toWire() {
    int p = featureCount();
    ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(labels.length, p), Float.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : features) {
      for (float v : row) {
        buffer.putFloat(v);
      }
    }
    ShardData.Builder b = ShardData.newBuilder().setShardId(shardId).setShardCount(shardCount)
        .setFeatureCount(p).setClassCount(classes).setFeaturesF32Le(ByteString.copyFrom(buffer.array()));
    for (int label : labels) {
      b.addLabels(label);
    }
    return b.build();
  }

  /**
   * Decodes the serialized bytes of an inline {@link ShardData}.
   *
   * @throws IllegalArgumentException when the bytes do not parse, name a pointer instead of data,
   *     or their sizes disagree (the message names the shard)
   */
  public static DataShard parse(byte[] serialized) {
    ShardData wire;
    try {
      wire = ShardData.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("shard bytes do not parse as ShardData");
    }
    return fromWire(wire);
  }

  /**
   * Decodes an inline {@link ShardData}.
   *
   * @throws IllegalArgumentException when it is a pointer or its sizes disagree
   */
  public static DataShard fromWire(ShardData wire) {
    int id = wire.getShardId();
    if (!wire.getUri().isEmpty()) {
      throw new IllegalArgumentException("shard " + id + " is a pointer to " + wire.getUri() + ", not inline data");
    }
    long p = Integer.toUnsignedLong(wire.getFeatureCount());
    long n = wire.getLabelsCount();
    if (p < 1 || n < 1 || n * p > MAX_VALUES || wire.getFeaturesF32Le().size() != n * p * Float.BYTES) {
      throw new IllegalArgumentException("shard " + id + " declares " + n + " samples of " + p + " features but carries "
          + wire.getFeaturesF32Le().size() + " feature bytes");
    }
    ByteBuffer buffer = wire.getFeaturesF32Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[][] x = new float[(int) n][(int) p];
    for (float[] row : x) {
      buffer.asFloatBuffer().get(row);
      buffer.position(buffer.position() + row.length * Float.BYTES);
    }
    int[] y = new int[(int) n];
    for (int i = 0; i < y.length; i++) {
      y[i] = wire.getLabels(i);
    }
    return new DataShard(id, wire.getShardCount(), x, y, wire.getClassCount());
  }

  /** SHA-256 of serialized shard bytes: the digest a round plan carries for the shard. */
  public static byte[] sha256(byte[] serialized) {
    return FloatVectors.sha256().digest(serialized);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataShard s && s.shardId == shardId && s.shardCount == shardCount && s.classes == classes
        && Arrays.deepEquals(s.features, features) && Arrays.equals(s.labels, labels);
  }

  @Override
  public int hashCode() {
    return (31 * shardId + shardCount) * 31 + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "DataShard[shardId=" + shardId + ", shardCount=" + shardCount + ", samples=" + labels.length
        + ", features=" + featureCount() + ", classes=" + classes + "]";
  }
}
