package dev.rampart.benchmarks.round;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The benchmark's identities, derived from their ids (private key = SHA-256 of
 * {@code "rampart/roundbench/" + id}), so that every JVM of a run knows the keys it needs without
 * key files. Benchmark keys only: anyone can derive them.
 */
final class RoundKeys {
  static final String COORDINATOR = "coordinator";

  private RoundKeys() {}

  /** The id of client {@code index}, {@code client-00} to {@code client-99}. */
  static String clientId(int index) {
    return String.format("client-%02d", index);
  }

  static Identity identity(String id) {
    try {
      byte[] seed = MessageDigest.getInstance("SHA-256")
          .digest(("rampart/roundbench/" + id).getBytes(StandardCharsets.UTF_8));
      return Identity.fromPrivateKey(id, seed);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A registry with clients 0 to {@code clients - 1}, all active. */
  static ClientRegistry registry(int clients) {
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < clients; i++) {
      String id = clientId(i);
      registry = registry.withClient(id, identity(id).publicKey());
    }
    return registry;
  }
}
