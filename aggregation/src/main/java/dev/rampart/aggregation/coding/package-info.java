/**
 * Gradient-coding math for coded distributed training, independent of any transport: who
 * computes which shards, how per-shard gradients are combined, and how the coordinator decodes.
 *
 * <ul>
 *   <li>{@link dev.rampart.aggregation.coding.CyclicAssignment}: LAD's cyclic windows S_i =
 *       {(i + k) mod K : k &lt; d}, optionally reordered per round from a seed;
 *   <li>{@link dev.rampart.aggregation.coding.LadEncoder}: c_i = Σ_k b_ik g_(i+k), uniform 1/d or
 *       general coefficients; the coordinator robust-aggregates the c_i directly (LAD / Com-LAD,
 *       Li, Allouah, Guerraoui, Skoglund and Xiao, arXiv:2603.28780);
 *   <li>{@link dev.rampart.aggregation.coding.TandonCode}: exact decoding with s stragglers
 *       (Tandon et al., ICML 2017);
 *   <li>{@link dev.rampart.aggregation.coding.RepetitionGroups} and {@link
 *       dev.rampart.aggregation.coding.DracoDecoder}: exact Byzantine recovery by majority vote
 *       in groups of r ≥ 2f + 1 (Chen et al., ICML 2018);
 *   <li>{@link dev.rampart.aggregation.coding.StrideGroups}: groups that each tile the shards
 *       once, for secure aggregation over coded vectors.
 * </ul>
 *
 * <p>Conventions: shards and workers are 0-based; the "full gradient" is the mean over the K
 * shards, ∇F = (1/K)·Σ_k g_k, and every decoder returns it in that normalization. Vectors are
 * float32, combinations are accumulated in double. All types are immutable and thread-safe.
 */
package dev.rampart.aggregation.coding;
