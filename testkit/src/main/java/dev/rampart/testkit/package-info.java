/**
 * Test fixtures users can reuse: {@link dev.rampart.testkit.KafkaFixture}, a JUnit 5 extension that provides a real Kafka broker, and {@link dev.rampart.testkit.EmbeddedKafkaBroker}.
 */
package dev.rampart.testkit;
