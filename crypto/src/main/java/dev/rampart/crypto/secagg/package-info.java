/**
 * Grouped secure aggregation (SECAGG.md; DESIGN.md section 3): Bonawitz et al.'s masking protocol
 * with the consistency check, run inside each group of a round, so the coordinator learns only
 * group sums and feeds group means to the robust aggregation step.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.rampart.crypto.secagg.SecAggParameters} (s, t, s_min, C, b) and its checks,
 *       including {@link dev.rampart.crypto.secagg.SecAggParameters#requireCompatible} for
 *       compression;
 *   <li>{@link dev.rampart.crypto.secagg.GroupPlanner}: seeded random partitions and stride
 *       groups;
 *   <li>{@link dev.rampart.crypto.secagg.SecAggClient} and
 *       {@link dev.rampart.crypto.secagg.SecAggServer}: the two state machines of one group;
 *   <li>{@link dev.rampart.crypto.secagg.SecAggMessage}: the nine signed messages and their
 *       canonical wire encoding, for any transport.
 * </ul>
 *
 * <p>Nothing here touches a network; a transport moves {@link
 * dev.rampart.crypto.secagg.SecAggMessage#encode()} bytes between the state machines.
 */
package dev.rampart.crypto.secagg;
