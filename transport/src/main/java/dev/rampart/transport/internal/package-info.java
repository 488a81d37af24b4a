/**
 * Kafka implementations behind {@code dev.rampart.transport}: the producer and consumer wrappers,
 * the client properties both sides use, the partition wait and topic creation. Only this package
 * (and the test kit and tools) imports {@code org.apache.kafka}; nothing here is API.
 */
package dev.rampart.transport.internal;
