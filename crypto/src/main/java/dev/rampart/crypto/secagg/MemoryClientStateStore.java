package dev.rampart.crypto.secagg;

import dev.rampart.protocol.JobId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ClientStateStore#inMemory}: a concurrent map of copies. */
final class MemoryClientStateStore implements ClientStateStore {
  private final Map<Key, byte[]> states = new ConcurrentHashMap<>();

  private record Key(GroupRef group, String clientId) {}

  @Override
  public void save(GroupRef group, String clientId, byte[] state) {
    states.put(new Key(group, clientId), state.clone());
  }

  @Override
  public Optional<byte[]> load(GroupRef group, String clientId) {
    byte[] s = states.get(new Key(group, clientId));
    return s == null ? Optional.empty() : Optional.of(s.clone());
  }

  @Override
  public void delete(GroupRef group, String clientId) {
    states.remove(new Key(group, clientId));
  }

  @Override
  public int forgetRoundsBefore(JobId job, long round, String clientId) {
    int before = states.size();
    states.keySet().removeIf(k -> k.clientId().equals(clientId) && k.group().jobId().equals(job)
        && k.group().round() < round);
    return before - states.size();
  }
}
