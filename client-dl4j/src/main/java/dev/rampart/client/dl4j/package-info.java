/**
 * Deeplearning4j networks as Rampart local trainers: {@link dev.rampart.client.dl4j.Dl4jTrainer}
 * wraps a {@code MultiLayerNetwork} or {@code ComputationGraph} and the client's data as a
 * {@code LocalTrainer} and {@code ShardGradients}.
 */
package dev.rampart.client.dl4j;
