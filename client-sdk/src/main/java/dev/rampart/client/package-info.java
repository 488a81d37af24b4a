/**
 * The client SDK: {@link dev.rampart.client.FederatedClient} takes part in a job with its own identity, producer and consumer, running a {@link dev.rampart.client.LocalTrainer} on local data. Kafka types stay in the {@code internal} package.
 */
package dev.rampart.client;
