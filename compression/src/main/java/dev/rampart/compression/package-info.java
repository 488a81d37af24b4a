/**
 * Gradient compression for Rampart updates: the {@link dev.rampart.compression.Compressor}
 * interface, the {@link dev.rampart.compression.CompressedVector} carried on the wire, and the
 * {@link dev.rampart.compression.Compressors} factories and spec parser.
 *
 * <p>Com-LAD compresses each coded vector with an unbiased compressor (rand-k, QSGD) before
 * sending it; the coordinator decompresses with {@link
 * dev.rampart.compression.Compressors#decoderFor} and robust-aggregates the dense results. Biased
 * compressors (top-k, scaled sign) keep an {@link dev.rampart.compression.ErrorFeedback} residual
 * owned by the client.
 */
package dev.rampart.compression;
