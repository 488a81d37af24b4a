package dev.rampart.coordinator.internal;

import dev.rampart.protocol.ClientId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of the round currently collecting updates: who may contribute, from which model, and
 * what has been accepted so far. Not thread-safe; owned by the collector's thread.
 */
public final class OpenRound {
  private final long round;
  private final long deadlineMillis;
  private final byte[] modelDigest;
  private final Set<ClientId> participants;
  private final Map<ClientId, AcceptedUpdate> accepted = new LinkedHashMap<>();

  public OpenRound(long round, long deadlineMillis, byte[] modelDigest, Set<ClientId> participants) {
    this.round = round;
    this.deadlineMillis = deadlineMillis;
    this.modelDigest = modelDigest.clone();
    this.participants = Set.copyOf(participants);
  }

  public long round() {
    return round;
  }

  public long deadlineMillis() {
    return deadlineMillis;
  }

  boolean hasModelDigest(byte[] digest) {
    return Arrays.equals(modelDigest, digest);
  }

  byte[] modelDigest() {
    return modelDigest.clone();
  }

  boolean isParticipant(ClientId client) {
    return participants.contains(client);
  }

  public int participantCount() {
    return participants.size();
  }

  AcceptedUpdate acceptedFrom(ClientId client) {
    return accepted.get(client);
  }

  void accept(AcceptedUpdate update) {
    accepted.put(update.client(), update);
  }

  /** True once every participant has an accepted update. */
  public boolean complete() {
    return accepted.size() == participants.size();
  }

  /** Accepted updates in arrival order. */
  public List<AcceptedUpdate> accepted() {
    return new ArrayList<>(accepted.values());
  }
}
