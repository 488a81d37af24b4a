package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementPublicKey;

/**
 * A member of U1 as a client or the coordinator sees it after validation: id, Shamir index (its
 * 1-based position in id order) and its two validated X25519 public keys. Immutable.
 */
record Member(String id, int index, AgreementPublicKey encryptionKey, AgreementPublicKey maskKey) {}
