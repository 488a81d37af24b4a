package dev.rampart.compression.internal;

import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.ErrorFeedback;
import java.util.Objects;

/**
 * Context checks shared by the codecs.
 *
 * <p>Stateless and thread-safe.
 */
final class Codecs {
  private Codecs() {}

  static CompressionContext requireContext(CompressionContext context, String spec) {
    return Objects.requireNonNull(context, () -> "codec " + spec + ": context must not be null");
  }

  /** The context's residual, which must exist and match the dimension. */
  static ErrorFeedback requireFeedback(CompressionContext context, String spec, int dimension) {
    ErrorFeedback feedback = requireContext(context, spec).errorFeedback().orElseThrow(() ->
        new IllegalArgumentException("codec " + spec + " is biased and keeps an error-feedback "
            + "residual; pass one per client with CompressionContext.withErrorFeedback("
            + "ErrorFeedback.create(" + dimension + "))"));
    if (feedback.dimension() != dimension) {
      throw new IllegalArgumentException("codec " + spec + ": input has dimension " + dimension
          + " but the error-feedback residual has dimension " + feedback.dimension());
    }
    return feedback;
  }
}
