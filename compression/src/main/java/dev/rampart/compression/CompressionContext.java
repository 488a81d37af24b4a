package dev.rampart.compression;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What one {@link Compressor#compress} call needs besides the vector: a random generator, the
 * coordinator's optional round seed, and the client's optional {@link ErrorFeedback} residual.
 *
 * <p>Randomness is always injected so that a run can be replayed bit for bit from its recorded
 * seeds: stochastic codecs (rand-k with a per-client seed, QSGD) draw only from {@link #random()};
 * rand-k with {@code seed=shared} draws its coordinates only from {@link #roundSeed()}.
 *
 * <p>Instances are immutable in their references ({@code with*} methods return new contexts
 * sharing the same generator and residual), but the generator and the residual are mutable and not
 * thread-safe: keep one context per client, used by one thread at a time.
 */
public final class CompressionContext {
  private final RandomGenerator random;
  private final OptionalLong roundSeed;
  private final ErrorFeedback errorFeedback;

  private CompressionContext(RandomGenerator random, OptionalLong roundSeed,
      ErrorFeedback errorFeedback) {
    this.random = random;
    this.roundSeed = roundSeed;
    this.errorFeedback = errorFeedback;
  }

  /**
   * A context drawing from the given generator, without round seed or error feedback.
   *
   * @param random the client's generator; not copied, advanced by every stochastic compression
   */
  public static CompressionContext of(RandomGenerator random) {
    return new CompressionContext(Objects.requireNonNull(random, "random"), OptionalLong.empty(),
        null);
  }

  /**
   * A context drawing from a {@link SplittableRandom} seeded with {@code seed}; record the seed to
   * replay the run.
   */
  public static CompressionContext seeded(long seed) {
    return of(new SplittableRandom(seed));
  }

  /**
   * The same context with the round seed chosen by the coordinator (the wire's {@code
   * CompressionSpec.round_seed}). Every client that compresses with rand-k ({@code seed=shared}),
   * the same dimension, k and round seed selects the same coordinates.
   */
  public CompressionContext withRoundSeed(long seed) {
    return new CompressionContext(random, OptionalLong.of(seed), errorFeedback);
  }

  /**
   * The same context with the client's error-feedback residual, required by top-k and scaled sign
   * and updated in place by them.
   */
  public CompressionContext withErrorFeedback(ErrorFeedback feedback) {
    return new CompressionContext(random, roundSeed, Objects.requireNonNull(feedback, "feedback"));
  }

  /** The injected generator. */
  public RandomGenerator random() {
    return random;
  }

  /** The coordinator's round seed, when set. */
  public OptionalLong roundSeed() {
    return roundSeed;
  }

  /** The client's error-feedback residual, when set. */
  public Optional<ErrorFeedback> errorFeedback() {
    return Optional.ofNullable(errorFeedback);
  }

  @Override
  public String toString() {
    String seed = roundSeed.isPresent() ? Long.toString(roundSeed.getAsLong()) : "none";
    String feedback = errorFeedback == null ? "none" : "dimension " + errorFeedback.dimension();
    return "CompressionContext[roundSeed=" + seed + ", errorFeedback=" + feedback + "]";
  }
}
