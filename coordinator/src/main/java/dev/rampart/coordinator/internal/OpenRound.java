package dev.rampart.coordinator.internal;

import dev.rampart.protocol.ClientId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of the round currently collecting updates: who may contribute, from which model, and
 * what has been accepted so far. Not thread-safe; owned by the collector's thread.
 */
public final class OpenRound {
  private final long round;
  private final long deadlineMillis;
  private final byte[] modelDigest;
  private final Set<ClientId> participants;
  // sorted by client id, so the audit log and the aggregate do not depend on arrival order
  private final Map<ClientId, AcceptedUpdate> accepted = new TreeMap<>(Comparator.comparing(ClientId::value));

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

  /**
   * Forgets the accepted updates, once the round is aggregated and committed, so that their
   * vectors can be collected before the new model is published.
   */
  public void clear() {
    accepted.clear();
  }

  /**
   * Accepted updates in client-id order, whatever order they arrived in: the same updates give the
   * same audit records and a bit-identical aggregate.
   */
  public List<AcceptedUpdate> accepted() {
    return new ArrayList<>(accepted.values());
  }
}
