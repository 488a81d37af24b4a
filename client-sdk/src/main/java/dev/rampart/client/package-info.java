/**
 * The client SDK: {@link FederatedClient} takes part in a job with its own identity, producer and
 * consumer, running a {@link LocalTrainer} on local data. Kafka stays in the transport module
 * ({@code dev.rampart.transport}); the {@code internal} package keeps only the client's topic logic.
 */
package dev.rampart.client;
