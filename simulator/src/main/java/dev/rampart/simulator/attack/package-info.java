/**
 * The attack suite: vector attacks as pure formulas ({@link dev.rampart.simulator.attack.AttackMath}),
 * the line search of the optimal attacks, the colluders' shared view of a round and the transforms
 * that plug the attacks into the real client update path. Protocol-level misbehaviour (sybil
 * identities, replays, bad signatures, late updates) is covered by the coordinator's verification
 * and tested in {@code RejectionIT}.
 */
package dev.rampart.simulator.attack;
