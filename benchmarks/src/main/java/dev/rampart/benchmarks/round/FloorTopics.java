package dev.rampart.benchmarks.round;

/**
 * The floor's two topics.
 *
 * @param models where the model records go (one writer, every client reads)
 * @param updates where the update records go (every client writes, one reader)
 */
record FloorTopics(String models, String updates) {}
