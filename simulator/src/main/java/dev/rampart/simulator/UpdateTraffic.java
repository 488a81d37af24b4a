package dev.rampart.simulator;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.cli.TopicReader;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.MessageType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What clients actually put on a job's updates topic, tallied per round: how many updates, the
 * payload bytes they carried (the compressed encoding, or 4 bytes per coordinate for a dense
 * vector), the bytes the same vectors would have cost dense, and the raw record bytes (frames,
 * envelopes, signatures included). Measured from the topic, not from the clients' own counters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param perRound tallies by round number
 */
record UpdateTraffic(Map<Long, Tally> perRound) {
  /**
   * One round's tally.
   *
   * @param updates parsed ClientUpdate messages
   * @param compressedUpdates those carrying a compressed payload
   * @param payloadBytes bytes of the payloads as sent
   * @param denseBytes bytes of the same vectors as dense float32
   * @param recordBytes bytes of the Kafka record values
   */
  record Tally(long updates, long compressedUpdates, long payloadBytes, long denseBytes, long recordBytes) {
    Tally plus(Tally o) {
      return new Tally(updates + o.updates, compressedUpdates + o.compressedUpdates, payloadBytes + o.payloadBytes,
          denseBytes + o.denseBytes, recordBytes + o.recordBytes);
    }

    /** payloadBytes / denseBytes; NaN with no update. */
    double payloadFraction() {
      return denseBytes == 0 ? Double.NaN : (double) payloadBytes / denseBytes;
    }
  }

  UpdateTraffic {
    perRound = Map.copyOf(perRound);
  }

  /** Reads every record of {@code topic} from the beginning; chunks count only if signed by an enrolled client. */
  static UpdateTraffic read(String bootstrap, String topic, ClientRegistry registry) {
    return of(TopicReader.values(bootstrap, topic), registry);
  }

  /** Tallies record values of an updates topic (chunk sets of {@code registry}'s clients reassembled). */
  static UpdateTraffic of(List<byte[]> values, ClientRegistry registry) {
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.registry(registry),
        Clock.systemUTC());
    Map<Long, Tally> out = new TreeMap<>();
    for (byte[] value : values) {
      Reassembly r = reassembler.accept(null, value);
      if (!(r instanceof Reassembly.Complete c) || c.envelope().getType() != MessageType.CLIENT_UPDATE) {
        continue;
      }
      ClientUpdate u;
      try {
        u = ClientUpdate.parseFrom(c.envelope().getBody());
      } catch (InvalidProtocolBufferException e) {
        continue;
      }
      boolean compressed = u.getPayloadCase() == ClientUpdate.PayloadCase.COMPRESSED;
      long dense = 4L * (compressed ? u.getCompressed().getDimension() : u.getDense().getDimension());
      long payload = compressed ? u.getCompressed().getEncoded().size() : u.getDense().getFloat32Le().size();
      out.merge(u.getRound(), new Tally(1, compressed ? 1 : 0, payload, dense, value.length), Tally::plus);
    }
    return new UpdateTraffic(out);
  }

  /** Totals over all rounds. */
  Tally total() {
    return perRound.values().stream().reduce(new Tally(0, 0, 0, 0, 0), Tally::plus);
  }
}
