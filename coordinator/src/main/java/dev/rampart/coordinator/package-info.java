/**
 * The coordinator's public API: {@link dev.rampart.coordinator.Coordinator} runs a job configured by {@link dev.rampart.coordinator.CoordinatorConfig} and reports each round as a {@link dev.rampart.coordinator.RoundSummary}. Kafka types stay in the {@code internal} package.
 */
package dev.rampart.coordinator;
