/**
 * The one Kafka adapter the coordinator and the client SDK share: connection settings
 * ({@link KafkaSettings}), producer and reader factories ({@link KafkaTransport}), framed
 * send-and-acknowledge, partition waits, topic creation and a broker-agnostic record type. The
 * implementations live in {@code dev.rampart.transport.internal}; no other main-code module of the
 * framework imports Kafka.
 */
package dev.rampart.transport;
