package dev.rampart.cli.check;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.RoundPlan;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a job's topics hold that its signers wrote: the client updates whose envelope (and every
 * chunk) verifies against the registry, and the round plans the coordinator key signed. Records
 * are reassembled as the coordinator and the clients do, with "now" at each record's timestamp, so
 * a replay long after the job sees the chunk sets as they arrived. Anything else is counted as
 * ignored. Stateless.
 */
public final class SignedMessages {
  /**
   * A signed client update as the topic holds it.
   *
   * @param client the enrolled sender
   * @param round the round it answers
   * @param baseModelDigestHex the model version it was computed from
   * @param timestampMs the timestamp of the record that completed it
   * @param where topic-partition@offset of that record
   */
  public record Update(String client, long round, String baseModelDigestHex, long timestampMs, String where) {}

  /**
   * Signed updates and how many records were not one.
   *
   * @param updates in topic order, per partition
   * @param ignored records that are no signed update of this job (outsiders' records, chunks of an
   *     incomplete set, other types)
   */
  public record Updates(List<Update> updates, long ignored) {}

  private SignedMessages() {}

  /** The signed updates of job {@code jobId} in {@code records} of {@code topic}. */
  public static Updates updates(List<TopicRecords.Entry> records, String topic, String jobId, ClientRegistry registry) {
    AtomicLong now = new AtomicLong();
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.registry(registry),
        clock(now));
    List<Update> out = new ArrayList<>();
    long ignored = 0;
    for (TopicRecords.Entry e : records) {
      now.set(e.timestampMs());
      Optional<Update> u = Optional.empty();
      try {
        if (reassembler.accept(e.key(), e.value()) instanceof Reassembly.Complete c) {
          u = update(c.envelope(), jobId, registry, e, topic);
        }
      } catch (Throwable t) {
        RecordFaults.rethrowIfFatal(t);
      }
      u.ifPresent(out::add);
      ignored += u.isPresent() ? 0 : 1;
    }
    return new Updates(out, ignored);
  }

  private static Optional<Update> update(Envelope env, String jobId, ClientRegistry registry, TopicRecords.Entry e,
      String topic) throws InvalidProtocolBufferException {
    if (env.getType() != MessageType.CLIENT_UPDATE || !env.getJobId().equals(jobId)) {
      return Optional.empty();
    }
    Optional<PublicKey> key = registry.activeKey(env.getSender());
    if (key.isEmpty() || !Envelopes.verify(env, key.get())) {
      return Optional.empty();
    }
    ClientUpdate update = ClientUpdate.parseFrom(env.getBody());
    if (update.getRound() != env.getRound() || !update.getJobId().equals(jobId)) {
      return Optional.empty();
    }
    return Optional.of(new Update(env.getSender(), env.getRound(), Hex.of(update.getBaseModelDigest().toByteArray()),
        e.timestampMs(), e.where(topic)));
  }

  /**
   * The plans of job {@code jobId} signed with {@code coordinatorKey}, per round, in topic order
   * (a round planned again after a restart has several, with later deadlines).
   */
  public static TreeMap<Long, List<RoundPlan>> plans(List<TopicRecords.Entry> records, String jobId,
      PublicKey coordinatorKey) {
    AtomicLong now = new AtomicLong();
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.pinned(coordinatorKey),
        clock(now));
    TreeMap<Long, List<RoundPlan>> out = new TreeMap<>();
    for (TopicRecords.Entry e : records) {
      now.set(e.timestampMs());
      try {
        if (reassembler.accept(null, e.value()) instanceof Reassembly.Complete c) {
          Envelope env = c.envelope();
          if (env.getType() == MessageType.ROUND_PLAN && env.getJobId().equals(jobId)
              && Envelopes.verify(env, coordinatorKey)) {
            RoundPlan plan = RoundPlan.parseFrom(env.getBody());
            if (plan.getRound() == env.getRound() && plan.getJobId().equals(jobId)) {
              out.computeIfAbsent(plan.getRound(), r -> new ArrayList<>()).add(plan);
            }
          }
        }
      } catch (Throwable t) {
        RecordFaults.rethrowIfFatal(t);
      }
    }
    return out;
  }

  private static InstantSource clock(AtomicLong now) {
    return () -> Instant.ofEpochMilli(now.get());
  }
}
