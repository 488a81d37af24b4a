/**
 * Implementation of the coordinator: the Kafka adapter, update verification, round collection, aggregation step and publication. Not API; may change without notice.
 */
package dev.rampart.coordinator.internal;
