package dev.rampart.coordinator.internal;

import dev.rampart.protocol.ClientId;

/**
 * A verified update. The vector is owned by the coordinator once accepted and never handed out
 * without a copy.
 *
 * @param signature the envelope signature, used to recognise a redelivery of the same message
 * @param digest what the audit record names the update by: the SHA-256 of the signed body, the
 *     digest its envelope signature covers (computed once, at verification); for a secure group's
 *     unmasked mean, which nobody signed, {@code FloatVectors.digest} of the mean
 */
public record AcceptedUpdate(ClientId client, float[] vector, int sampleCount, float trainLoss, byte[] signature,
    byte[] digest) {}
