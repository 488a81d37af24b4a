package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.Rejection;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the updates topic until every participant of the open round has an accepted update or the
 * deadline passes. Each record is reassembled, verified and either accepted or rejected with a
 * reason; nothing read is ever dropped silently. Each record is handled inside a fault boundary
 * ({@link RecordFaults}): whatever reassembling or verifying it throws, Errors included, becomes a
 * {@code MALFORMED} rejection naming the exception class, and the round goes on.
 *
 * <p>Not thread-safe: one collector per coordinator thread.
 */
public final class RoundCollector {
  private static final Logger LOG = LoggerFactory.getLogger(RoundCollector.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final Function<Duration, Iterable<TransportRecord>> source;
  private final BiFunction<Envelope, OpenRound, Verdict> verifier;
  private final Reassembler reassembler;
  private final InstantSource clock;

  public RoundCollector(KafkaChannels channels, UpdateVerifier verifier, Reassembler reassembler,
      InstantSource clock) {
    this(channels::pollUpdates, verifier::verify, reassembler, clock);
  }

  /** A collector reading from {@code source} and judging envelopes with {@code verifier}. */
  RoundCollector(Function<Duration, Iterable<TransportRecord>> source,
      BiFunction<Envelope, OpenRound, Verdict> verifier, Reassembler reassembler, InstantSource clock) {
    this.source = source;
    this.verifier = verifier;
    this.reassembler = reassembler;
    this.clock = clock;
  }

  /**
   * Collects updates for {@code round}. The consumer position is not committed here: the
   * coordinator commits it only after the round's outcome is in the audit log, so a crash before
   * that re-reads the round's updates on restart instead of losing them.
   *
   * @param rejections gets every rejection seen while the round was open (accepted updates are in
   *     the round)
   */
  public void collect(OpenRound round, RejectionLedger rejections) {
    while (!round.complete() && clock.millis() < round.deadlineMillis()) {
      for (TransportRecord record : source.apply(POLL)) {
        handleGuarded(record, round, rejections);
      }
      expire(round, rejections);
    }
    expire(round, rejections);
  }

  /** The fault boundary: one record's failure is a rejection of that record, never the round's end. */
  private void handleGuarded(TransportRecord record, OpenRound round, RejectionLedger rejections) {
    try {
      handle(record, round, rejections);
    } catch (Throwable t) {
      RecordFaults.rethrowIfFatal(t);
      String sender = record.key() == null ? "?" : record.key();
      reject(new Rejection(round.round(), sender, RejectionReason.MALFORMED,
          RecordFaults.describe(t, "reading an update record")), record.where(), rejections);
    }
  }

  private void handle(TransportRecord record, OpenRound round, RejectionLedger rejections) {
    Reassembly outcome = reassembler.accept(record.key(), record.value());
    if (outcome instanceof Reassembly.Complete complete) {
      Verdict verdict = verifier.apply(complete.envelope(), round);
      if (verdict instanceof Verdict.Accepted accepted) {
        round.accept(accepted.update());
      } else if (verdict instanceof Verdict.Refused refused) {
        reject(refused.rejection(), record.where(), rejections);
      } else {
        LOG.debug("redelivered update from {} at {}", ((Verdict.Redelivered) verdict).sender(), record.where());
      }
    } else if (outcome instanceof Reassembly.Rejected rejected) {
      String sender = record.key() == null ? "?" : record.key();
      reject(new Rejection(round.round(), sender, rejected.reason(), rejected.detail()), record.where(), rejections);
    }
  }

  private void expire(OpenRound round, RejectionLedger rejections) {
    for (Reassembly.Rejected dropped : reassembler.expire()) {
      String sender = dropped.transferId().contains("/") ? dropped.transferId().substring(0, dropped.transferId().indexOf('/')) : "?";
      reject(new Rejection(round.round(), sender, dropped.reason(), dropped.detail()), "chunk set", rejections);
    }
  }

  private static void reject(Rejection rejection, String where, RejectionLedger rejections) {
    LOG.warn("round {}: rejected update from {} at {}: {} ({})", rejection.round(),
        Untrusted.id(rejection.claimedSender()), where, rejection.reason(), Untrusted.text(rejection.detail()));
    rejections.add(rejection);
  }
}
