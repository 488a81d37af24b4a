/**
 * Implementation of the coordinator: the job's topics on the shared transport, update verification, round collection, aggregation step and publication. Not API; may change without notice.
 */
package dev.rampart.coordinator.internal;
