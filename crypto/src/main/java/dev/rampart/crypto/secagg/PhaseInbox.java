package dev.rampart.crypto.secagg;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The messages of one phase, at most one per sender, with the digest of its wire bytes for
 * idempotency. Not thread-safe (guarded by the server).
 */
final class PhaseInbox<T extends SecAggMessage> {
  private final TreeMap<String, T> messages = new TreeMap<>();
  private final TreeMap<String, Octets> digests = new TreeMap<>();

  /** The digest stored for {@code sender}, or null. */
  Octets digestOf(String sender) {
    return digests.get(sender);
  }

  void put(String sender, T message, Octets digest) {
    messages.put(sender, message);
    digests.put(sender, digest);
  }

  T get(String sender) {
    return messages.get(sender);
  }

  boolean contains(String sender) {
    return messages.containsKey(sender);
  }

  int size() {
    return messages.size();
  }

  /** Senders in id order. */
  List<String> senders() {
    return List.copyOf(messages.keySet());
  }

  /** Messages in sender-id order. */
  List<T> messages() {
    return new ArrayList<>(messages.values());
  }

  /** Drops the messages but keeps the digests, so late redeliveries still count as duplicates. */
  void release() {
    messages.clear();
  }
}
