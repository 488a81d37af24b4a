package dev.rampart.coordinator.internal;

import dev.rampart.protocol.ClientId;

/**
 * A verified update. The vector is owned by the coordinator once accepted and never handed out
 * without a copy.
 *
 * @param signature the envelope signature, used to recognise a redelivery of the same message
 */
public record AcceptedUpdate(ClientId client, float[] vector, int sampleCount, float trainLoss, byte[] signature) {}
