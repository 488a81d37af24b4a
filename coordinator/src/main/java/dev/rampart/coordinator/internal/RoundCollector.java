package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.Rejection;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Intake is parallel: this thread polls and reassembles, and every complete message is verified
 * and decoded (signature, body, payload: {@link UpdateVerifier#verifyMessage}) on a pool of one
 * thread per core, while polling goes on. Verdicts are applied on this thread in the order the
 * messages completed on the topic, not the order their checks finish, and only here is a message
 * compared with what the round already accepted (a redelivery is ignored, a second different
 * update is a {@code DUPLICATE}): the outcome is the one a single thread would reach. At most two
 * messages per pool thread wait for their verdict; a full queue makes polling wait for the oldest.
 * Messages complete before the deadline are judged even when their checks end after it.
 *
 * <p>Not thread-safe: one collector per coordinator thread; {@link #close()} stops the pool.
 */
public final class RoundCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoundCollector.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final int PENDING_PER_THREAD = 2;

  private final Function<Duration, Iterable<TransportRecord>> source;
  private final BiFunction<Reassembly.Complete, OpenRound, Verdict> verifier;
  private final Reassembler reassembler;
  private final InstantSource clock;
  private final ExecutorService pool;
  private final int maxPending;

  /** A collector on the coordinator's channels, verifying on one pool thread per core. */
  public RoundCollector(KafkaChannels channels, UpdateVerifier verifier, Reassembler reassembler,
      InstantSource clock) {
    this(channels::pollUpdates, verifier::verifyMessage, reassembler, clock, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A collector reading from {@code source} and judging envelopes with {@code verifier} (which must
   * not read what the round accepted so far), on {@code threads} pool threads, or on this thread
   * when {@code threads} is 0.
   */
  RoundCollector(Function<Duration, Iterable<TransportRecord>> source,
      BiFunction<Reassembly.Complete, OpenRound, Verdict> verifier, Reassembler reassembler, InstantSource clock, int threads) {
    this.source = source;
    this.verifier = verifier;
    this.reassembler = reassembler;
    this.clock = clock;
    this.pool = threads > 0 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
    this.maxPending = PENDING_PER_THREAD * Math.max(1, threads);
  }

  /**
   * A collector reading from {@code source} and judging envelopes with {@code verifier}'s
   * {@link UpdateVerifier#verifyMessage}, on {@code threads} pool threads or, when 0, on the
   * calling thread alone; for benchmarks and tests of the intake without a broker.
   */
  public static RoundCollector of(Function<Duration, Iterable<TransportRecord>> source, UpdateVerifier verifier,
      Reassembler reassembler, InstantSource clock, int threads) {
    return new RoundCollector(source, verifier::verifyMessage, reassembler, clock, threads);
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
    Deque<Pending> pending = new ArrayDeque<>();
    while (!round.complete() && clock.millis() < round.deadlineMillis()) {
      for (TransportRecord record : source.apply(POLL)) {
        receive(record, round, rejections, pending);
      }
      settle(pending, round, rejections, false);
      expire(round, rejections);
    }
    settle(pending, round, rejections, true);
    expire(round, rejections);
  }

  /** Stops the verification pool; idempotent. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** A message waiting for its verdict, and the record that completed it. */
  private record Pending(TransportRecord record, Future<Verdict> verdict) {}

  private void receive(TransportRecord record, OpenRound round, RejectionLedger rejections, Deque<Pending> pending) {
    Reassembly outcome;
    try {
      outcome = reassembler.accept(record.key(), record.value());
    } catch (Throwable t) {
      fault(t, record, round, rejections);
      return;
    }
    if (outcome instanceof Reassembly.Complete complete) {
      while (pending.size() >= maxPending) {
        settleOldest(pending, round, rejections);
      }
      FutureTask<Verdict> task = new FutureTask<>(() -> verifier.apply(complete, round));
      if (pool == null) {
        task.run();
      } else {
        pool.execute(task);
      }
      pending.addLast(new Pending(record, task));
    } else if (outcome instanceof Reassembly.Rejected rejected) {
      String sender = record.key() == null ? "?" : record.key();
      reject(new Rejection(round.round(), sender, rejected.reason(), rejected.detail()), record.where(), rejections);
    }
  }

  /** Applies the verdicts at the head of the queue that are ready, or all of them when {@code wait}. */
  private void settle(Deque<Pending> pending, OpenRound round, RejectionLedger rejections, boolean wait) {
    while (!pending.isEmpty() && (wait || pending.peekFirst().verdict().isDone())) {
      settleOldest(pending, round, rejections);
    }
  }

  private void settleOldest(Deque<Pending> pending, OpenRound round, RejectionLedger rejections) {
    Pending p = pending.pollFirst();
    Verdict verdict;
    try {
      verdict = p.verdict().get();
    } catch (ExecutionException e) {
      fault(e.getCause() == null ? e : e.getCause(), p.record(), round, rejections);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an update's verdict in round " + round.round(), e);
    }
    verdict = UpdateVerifier.againstAccepted(verdict, round);
    if (verdict instanceof Verdict.Accepted accepted) {
      round.accept(accepted.update());
    } else if (verdict instanceof Verdict.Refused refused) {
      reject(refused.rejection(), p.record().where(), rejections);
    } else {
      LOG.debug("redelivered update from {} at {}", ((Verdict.Redelivered) verdict).sender(), p.record().where());
    }
  }

  /** The fault boundary: one record's failure is a rejection of that record, never the round's end. */
  private static void fault(Throwable t, TransportRecord record, OpenRound round, RejectionLedger rejections) {
    RecordFaults.rethrowIfFatal(t);
    String sender = record.key() == null ? "?" : record.key();
    reject(new Rejection(round.round(), sender, RejectionReason.MALFORMED,
        RecordFaults.describe(t, "reading an update record")), record.where(), rejections);
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

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "rampart-intake-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
