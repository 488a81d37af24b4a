package dev.rampart.crypto.secagg;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ClientStateStore#inMemory}: a concurrent map of copies. */
final class MemoryClientStateStore implements ClientStateStore {
  private final Map<String, byte[]> states = new ConcurrentHashMap<>();

  @Override
  public void save(GroupRef group, String clientId, byte[] state) {
    states.put(key(group, clientId), state.clone());
  }

  @Override
  public Optional<byte[]> load(GroupRef group, String clientId) {
    byte[] s = states.get(key(group, clientId));
    return s == null ? Optional.empty() : Optional.of(s.clone());
  }

  @Override
  public void delete(GroupRef group, String clientId) {
    states.remove(key(group, clientId));
  }

  private static String key(GroupRef group, String clientId) {
    return group + "/" + clientId;
  }
}
