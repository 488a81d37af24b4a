package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.Rejection;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Enrollment;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.secagg.GroupOutcome;
import dev.rampart.crypto.secagg.SecAggException;
import dev.rampart.crypto.secagg.SecAggMessage;
import dev.rampart.crypto.secagg.SecAggServer;
import dev.rampart.crypto.secagg.ServerReceipt;
import dev.rampart.crypto.secagg.ServerStep;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.SecAggRecordKeys;
import dev.rampart.protocol.Untrusted;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.transport.ChunkKeys;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one round's secure-aggregation messages between the secagg topic and the groups'
 * {@link SecAggServer}s. Client messages are reassembled, their envelope verified against the
 * sender's enrolled key, and handed to the sender's group server as authenticated
 * ({@link SecAggServer#acceptAuthenticated}: the server checks the inner signature of every kind
 * but the masked input, whose one signature is this envelope's, then phase and content,
 * idempotently on session, phase and sender). A group's phase closes
 * as soon as every expected member has answered, or when its phase timeout or the round deadline
 * passes; the server's next list is then signed, enveloped and published to the group's key.
 * Each record is handled inside a fault boundary ({@link RecordFaults}): whatever reassembling,
 * verifying or decoding it throws, Errors such as a {@link StackOverflowError} included, becomes a
 * {@code MALFORMED} rejection naming the exception class, and the sessions go on.
 *
 * <p>Not thread-safe: the coordinator's thread owns it.
 */
final class SecAggRouter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecAggRouter.class);
  private static final Duration POLL = Duration.ofMillis(20);

  private final SecAggFeed feed;
  private final KafkaChannels channels;
  private final CoordinatorConfig config;
  private final InstantSource clock;
  private final Reassembler reassembler;
  private final Function<byte[], SecAggMessage> decoder;

  SecAggRouter(SecAggFeed feed, KafkaChannels channels, CoordinatorConfig config, InstantSource clock) {
    this(feed, channels, config, clock, SecAggMessage::decode);
  }

  /** A router decoding secure-aggregation messages with {@code decoder}. */
  SecAggRouter(SecAggFeed feed, KafkaChannels channels, CoordinatorConfig config, InstantSource clock,
      Function<byte[], SecAggMessage> decoder) {
    this.feed = feed;
    this.channels = channels;
    this.config = config;
    this.clock = clock;
    this.reassembler = Reassembler.create(config.reassemblyLimits(), ChunkSigning.registry(config.registry()), clock);
    this.decoder = decoder;
  }

  /** Positions the reader at the topic's end; called before the plan is published. */
  void prepare() {
    feed.seekToEnd();
  }

  /** Runs the sessions until every server is done; returns the outcomes by group id. */
  Map<Integer, GroupOutcome> run(long round, Map<Integer, SecAggServer> servers, long roundDeadline,
      RejectionLedger rejections) {
    long timeout = config.secureAggregation().orElseThrow().phaseTimeout().toMillis();
    Map<Integer, Long> phaseDeadline = new TreeMap<>();
    servers.keySet().forEach(g -> phaseDeadline.put(g, Math.min(roundDeadline, clock.millis() + timeout)));
    Map<Integer, GroupOutcome> outcomes = new TreeMap<>();
    while (outcomes.size() < servers.size()) {
      for (Map.Entry<String, byte[]> record : feed.poll(POLL)) {
        if (SecAggRecordKeys.isClientKeyOfRound(record.getKey(), round)) {
          handleGuarded(round, record, servers, rejections);
        }
      }
      long now = clock.millis();
      for (Map.Entry<Integer, SecAggServer> e : servers.entrySet()) {
        int g = e.getKey();
        SecAggServer server = e.getValue();
        if (outcomes.containsKey(g) || !(server.awaited().isEmpty() || now >= phaseDeadline.get(g))) {
          continue;
        }
        ServerStep step = server.advance();
        if (step.isDone()) {
          outcomes.put(g, step.outcome().orElseThrow());
        } else {
          publish(round, g, step.broadcast().orElseThrow());
          phaseDeadline.put(g, Math.min(roundDeadline, clock.millis() + timeout));
        }
      }
    }
    return outcomes;
  }

  /** The fault boundary: one record's failure is a rejection of that record, never the round's end. */
  void handleGuarded(long round, Map.Entry<String, byte[]> record, Map<Integer, SecAggServer> servers,
      RejectionLedger rejections) {
    try {
      handle(round, record, servers, rejections);
    } catch (Throwable t) {
      RecordFaults.rethrowIfFatal(t);
      reject(rejections, round, record.getKey(), RejectionReason.MALFORMED,
          RecordFaults.describe(t, "reading a secagg record"));
    }
  }

  private void handle(long round, Map.Entry<String, byte[]> record, Map<Integer, SecAggServer> servers,
      RejectionLedger rejections) {
    Reassembly r = reassembler.accept(record.getKey(), record.getValue());
    if (r instanceof Reassembly.Rejected rejected) {
      reject(rejections, round, "?", rejected.reason(), rejected.detail());
      return;
    }
    if (!(r instanceof Reassembly.Complete complete)) {
      return;
    }
    Envelope envelope = complete.envelope();
    String sender = envelope.getSender();
    Optional<Enrollment> enrolled = config.registry().lookup(sender);
    if (envelope.getType() != MessageType.SECAGG || !envelope.getJobId().equals(config.job().value())
        || envelope.getRound() != round) {
      reject(rejections, round, sender, RejectionReason.WRONG_TYPE, "secagg topic carries " + envelope.getType()
          + " for job '" + envelope.getJobId() + "' round " + envelope.getRound());
      return;
    }
    if (enrolled.isEmpty() || !enrolled.get().isActive() || !Envelopes.verify(envelope, enrolled.get().key())) {
      reject(rejections, round, sender, enrolled.isEmpty() ? RejectionReason.UNKNOWN_CLIENT
          : RejectionReason.BAD_SIGNATURE, "secagg envelope from '" + sender + "' is not signed by an active enrolled key");
      return;
    }
    SecAggMessage message;
    try {
      message = decoder.apply(envelope.getBody().toByteArray());
    } catch (SecAggException e) {
      reject(rejections, round, sender, RejectionReason.MALFORMED, e.getMessage());
      return;
    }
    if (!message.header().sender().equals(sender)) {
      reject(rejections, round, sender, RejectionReason.KEY_MISMATCH, "envelope sender '" + sender
          + "' carries a message of '" + message.header().sender() + "'");
      return;
    }
    SecAggServer server = servers.get(message.header().group().groupId());
    if (server == null) {
      reject(rejections, round, sender, RejectionReason.NOT_A_PARTICIPANT, "no group "
          + message.header().group().groupId() + " in round " + round);
      return;
    }
    ServerReceipt receipt = server.acceptAuthenticated(message);
    if (receipt.status() == ServerReceipt.Status.REJECTED) {
      reject(rejections, round, sender, receipt.reason().orElse(RejectionReason.BAD_PAYLOAD), receipt.detail());
    }
  }

  private void publish(long round, int group, SecAggMessage message) {
    Envelope envelope = Envelopes.seal(config.identity(), MessageType.SECAGG, config.job().value(), round,
        message.encode(), clock.millis());
    channels.publish(config.topics().secagg(), SecAggRecordKeys.fromCoordinator(round, group),
        Framing.frames(envelope, config.maxFrameBytes(), 0, ChunkSigning.signer(config.identity())), ChunkKeys.SHARED);
  }

  private static void reject(RejectionLedger rejections, long round, String sender, RejectionReason reason,
      String detail) {
    LOG.warn("round {}: rejected secagg message from {}: {} ({})", round, Untrusted.id(sender), reason,
        Untrusted.text(detail));
    rejections.add(new Rejection(round, sender, reason, detail));
  }

  @Override
  public void close() {
    feed.close();
  }
}
