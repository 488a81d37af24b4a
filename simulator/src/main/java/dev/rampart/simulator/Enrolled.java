package dev.rampart.simulator;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Fresh key pairs for the clients of a job run in one JVM, named {@code client-00},
 * {@code client-01}, …, and the registry that enrolls them. Immutable.
 *
 * @param clients the clients' identities, in index order
 * @param registry every client enrolled and active
 */
public record Enrolled(List<Identity> clients, ClientRegistry registry) {
  /** Copies the list. */
  public Enrolled {
    clients = List.copyOf(clients);
  }

  /** Generates {@code count} client key pairs from {@code keys}. */
  public static Enrolled clients(int count, SecureRandom keys) {
    List<Identity> ids = new ArrayList<>(count);
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < count; i++) {
      Identity id = Identity.generate(String.format("client-%02d", i), keys);
      ids.add(id);
      registry = registry.withClient(id.id(), id.publicKey());
    }
    return new Enrolled(ids, registry);
  }
}
