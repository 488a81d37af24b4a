/**
 * Byzantine-robust aggregation: aggregators, pre-aggregators, the textual pipeline spec and
 * per-input evidence.
 *
 * <p>Entry points: {@link dev.rampart.aggregation.Pipeline#parse(String, int)} for a spec such as
 * {@code "nnm | clip(c=2.0) | trmean"}, or the factories in {@link dev.rampart.aggregation.Aggregators}
 * and {@link dev.rampart.aggregation.PreAggregators}. Every aggregation takes a
 * {@link dev.rampart.aggregation.AggregationContext} (seeded random generator, Centered Clipping
 * state, options) and returns an {@link dev.rampart.aggregation.AggregationResult}: the vector plus
 * one {@link dev.rampart.aggregation.InputEvidence} per input.
 *
 * <p>Spec names (aggregators): {@code average}, {@code median}, {@code trmean}, {@code meamed},
 * {@code gm(nu, iterations)}, {@code krum(variant)}, {@code multikrum(variant, m)},
 * {@code mda(limit)}, {@code monna(idx)}, {@code cc(tau, iterations)}, {@code bulyan}, {@code caf},
 * {@code smea(limit)}; (pre-aggregators): {@code nnm}, {@code bucketing(s)}, {@code clip(c)},
 * {@code arc}. Definitions follow ByzFL (LPD-EPFL/byzfl) and are stated on each implementation.
 *
 * <p>Inputs are float32 vectors and are never modified; sums are accumulated in double (distances
 * for evidence and the iterative rules' steps in float lanes over short runs, added in double);
 * large inputs are processed in parallel on the common fork-join pool.
 * Only this package is API; {@code dev.rampart.aggregation.internal} holds the numeric kernels.
 */
package dev.rampart.aggregation;
