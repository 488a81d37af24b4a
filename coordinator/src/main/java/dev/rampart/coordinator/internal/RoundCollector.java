package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.Rejection;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the updates topic until every participant of the open round has an accepted update or the
 * deadline passes. Each record is reassembled, verified and either accepted or rejected with a
 * reason; nothing read is ever dropped silently.
 *
 * <p>Not thread-safe: one collector per coordinator thread.
 */
public final class RoundCollector {
  private static final Logger LOG = LoggerFactory.getLogger(RoundCollector.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final KafkaChannels channels;
  private final UpdateVerifier verifier;
  private final Reassembler reassembler;
  private final InstantSource clock;

  public RoundCollector(KafkaChannels channels, UpdateVerifier verifier, Reassembler reassembler,
      InstantSource clock) {
    this.channels = channels;
    this.verifier = verifier;
    this.reassembler = reassembler;
    this.clock = clock;
  }

  /**
   * Collects updates for {@code round}. The consumer position is not committed here: the
   * coordinator commits it only after the round's outcome is in the audit log, so a crash before
   * that re-reads the round's updates on restart instead of losing them.
   *
   * @return every rejection seen while the round was open (accepted updates are in the round)
   */
  public List<Rejection> collect(OpenRound round) {
    List<Rejection> rejections = new ArrayList<>();
    while (!round.complete() && clock.millis() < round.deadlineMillis()) {
      for (ConsumerRecord<String, byte[]> record : channels.pollUpdates(POLL)) {
        handle(record, round, rejections);
      }
      expire(round, rejections);
    }
    expire(round, rejections);
    return rejections;
  }

  private void handle(ConsumerRecord<String, byte[]> record, OpenRound round, List<Rejection> rejections) {
    Reassembly outcome = reassembler.accept(record.key(), record.value());
    if (outcome instanceof Reassembly.Complete complete) {
      Verdict verdict = verifier.verify(complete.envelope(), round);
      if (verdict instanceof Verdict.Accepted accepted) {
        round.accept(accepted.update());
      } else if (verdict instanceof Verdict.Refused refused) {
        reject(refused.rejection(), KafkaChannels.where(record), rejections);
      } else {
        LOG.debug("redelivered update from {} at {}", ((Verdict.Redelivered) verdict).sender(), KafkaChannels.where(record));
      }
    } else if (outcome instanceof Reassembly.Rejected rejected) {
      String sender = record.key() == null ? "?" : record.key();
      reject(new Rejection(round.round(), sender, rejected.reason(), rejected.detail()), KafkaChannels.where(record), rejections);
    }
  }

  private void expire(OpenRound round, List<Rejection> rejections) {
    for (Reassembly.Rejected dropped : reassembler.expire()) {
      String sender = dropped.transferId().contains("/") ? dropped.transferId().substring(0, dropped.transferId().indexOf('/')) : "?";
      reject(new Rejection(round.round(), sender, dropped.reason(), dropped.detail()), "chunk set", rejections);
    }
  }

  private static void reject(Rejection rejection, String where, List<Rejection> rejections) {
    LOG.warn("round {}: rejected update from {} at {}: {} ({})", rejection.round(), rejection.claimedSender(),
        where, rejection.reason(), rejection.detail());
    rejections.add(rejection);
  }
}
