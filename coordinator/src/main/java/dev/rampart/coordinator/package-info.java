/**
 * The coordinator's public API: {@link Coordinator} runs a job configured by {@link CoordinatorConfig}
 * and reports each round as a {@link RoundSummary}. Kafka stays in the transport module
 * ({@code dev.rampart.transport}); the {@code internal} package keeps only the job's topic logic.
 */
package dev.rampart.coordinator;
