/**
 * In-process simulation of a federated job on a real broker: the {@code demo}, {@code simulate} and
 * {@code grid} commands it adds to {@code rampart}, coded-mode scenarios, Byzantine behaviours and
 * run summaries.
 */
package dev.rampart.simulator;
