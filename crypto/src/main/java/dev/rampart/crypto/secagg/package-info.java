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
 *   <li>{@link dev.rampart.crypto.secagg.SecAggMessage}: the nine messages and their canonical
 *       wire encoding, for any transport; every one signed by its sender except the masked input,
 *       whose one signature is the transport envelope's.
 * </ul>
 *
 * <p>Nothing here touches a network; a transport moves {@link
 * dev.rampart.crypto.secagg.SecAggMessage#encode()} bytes between the state machines, and hands
 * the server a client message as authenticated
 * ({@link dev.rampart.crypto.secagg.SecAggServer#acceptAuthenticated}) only once the sender's
 * signature over it verified.
 */
package dev.rampart.crypto.secagg;
