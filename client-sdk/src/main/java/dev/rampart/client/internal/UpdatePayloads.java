package dev.rampart.client.internal;

import com.google.protobuf.ByteString;
import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.Compressors;
import dev.rampart.compression.ErrorFeedback;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.SplittableRandom;

/**
 * Puts the update vector into a ClientUpdate as the plan's {@code CompressionSpec} asks: dense
 * float32 when the plan names no codec (or identity), otherwise compressed with the codec, its
 * parameters and the plan's round seed. Top-k and scaled sign keep this client's error-feedback
 * residual across rounds; stochastic codecs draw from one generator seeded once per client.
 *
 * <p>Not thread-safe; owned by the client's thread.
 */
public final class UpdatePayloads {
  private final SplittableRandom random;
  private ErrorFeedback feedback;
  private long compressedBytes;
  private long denseBytes;

  /** @param seed seed of the stochastic codecs' generator (record it to replay the run) */
  public UpdatePayloads(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Sets the payload of {@code update} to {@code vector}, compressed as {@code plan} asks.
   *
   * @throws IllegalArgumentException when the plan names an unknown codec or bad parameters
   */
  public ClientUpdate.Builder attach(ClientUpdate.Builder update, RoundPlan plan, float[] vector) {
    denseBytes += 4L * vector.length;
    String codec = plan.hasCompression() ? plan.getCompression().getCodec() : "";
    if (codec.isEmpty() || codec.equals("identity")) {
      compressedBytes += 4L * vector.length;
      return update.setDense(FloatVectors.toWire(vector));
    }
    Compressor compressor = Compressors.create(codec, plan.getCompression().getParametersMap());
    CompressionContext context = CompressionContext.of(random).withRoundSeed(plan.getCompression().getRoundSeed());
    if (compressor.usesErrorFeedback()) {
      if (feedback == null || feedback.dimension() != vector.length) {
        feedback = ErrorFeedback.create(vector.length);
      }
      context = context.withErrorFeedback(feedback);
    }
    CompressedVector c = compressor.compress(vector, context);
    compressedBytes += c.encodedBytes();
    update.getCompressedBuilder()
        .setCodec(c.codec()).setDimension(c.dimension()).setEncoded(ByteString.copyFrom(c.encoded()));
    return update;
  }

  /** Payload bytes sent so far (encodings, or 4 bytes per coordinate for dense). */
  public long sentBytes() {
    return compressedBytes;
  }

  /** What the same updates would have cost dense (4 bytes per coordinate). */
  public long denseBytes() {
    return denseBytes;
  }
}
