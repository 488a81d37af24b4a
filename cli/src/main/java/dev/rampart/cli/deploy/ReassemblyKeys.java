package dev.rampart.cli.deploy;

import static dev.rampart.cli.deploy.ConfigKey.integer;
import static dev.rampart.cli.deploy.ConfigKey.optional;
import static dev.rampart.cli.deploy.ConfigKey.optionalInteger;

import dev.rampart.protocol.Framing;
import dev.rampart.protocol.ReassemblyLimits;
import java.util.List;
import java.util.Optional;

/**
 * The {@code reassembly.*} keys of {@code coordinator.yaml} and {@code client.yaml}: the bounds on
 * reassembling chunked messages read from Kafka (defaults as in {@link ReassemblyLimits#defaults()})
 * and their translation into {@link ReassemblyLimits}. Every refusal names the keys and the file.
 * Stateless and thread-safe.
 */
final class ReassemblyKeys {
  static final String MAX_MESSAGE_BYTES = "reassembly.max-message-bytes";
  static final String MAX_PENDING_BYTES = "reassembly.max-pending-bytes";
  static final String MAX_PENDING_SETS = "reassembly.max-pending-sets";
  static final String MAX_PENDING_SETS_PER_SENDER = "reassembly.max-pending-sets-per-sender";
  static final String MAX_TTL = "reassembly.max-ttl";
  static final String MAX_RECORD_BYTES = "reassembly.max-record-bytes";

  private ReassemblyKeys() {}

  /** The keys, in documentation order; {@code senders} names who writes the chunks read. */
  static List<ConfigKey> keys(String senders) {
    return List.of(
        optionalInteger(MAX_MESSAGE_BYTES, 1, Long.MAX_VALUE, "Largest reassembled message read from "
            + senders + ", in bytes; unset: min(256 MiB, max-pending-bytes / 2)."),
        optionalInteger(MAX_PENDING_BYTES, 1, Long.MAX_VALUE, "Bytes held at most for incomplete chunk sets "
            + "(data plus a fixed overhead per piece and set; a dense update the coordinator decodes as it arrives "
            + "counts at its full size from its first chunk); unset: min(2 GiB, JVM max heap / 4)."),
        integer(MAX_PENDING_SETS, ReassemblyLimits.DEFAULT_MAX_PENDING_SETS, 1, Integer.MAX_VALUE,
            "Incomplete chunk sets held at once, all senders together."),
        integer(MAX_PENDING_SETS_PER_SENDER, ReassemblyLimits.DEFAULT_MAX_PENDING_SETS_PER_SENDER, 1,
            Integer.MAX_VALUE, "Incomplete chunk sets held at once for one sender (at most max-pending-sets)."),
        optional(MAX_TTL, ConfigType.DURATION, ReassemblyLimits.DEFAULT_MAX_TTL.toSeconds() + "s",
            "Longest an incomplete chunk set is kept after its first chunk, whatever expiry its sender wrote."),
        integer(MAX_RECORD_BYTES, ReassemblyLimits.DEFAULT_MAX_FRAME_BYTES, Framing.MIN_MAX_FRAME_BYTES,
            Integer.MAX_VALUE, "Largest Kafka record value read; longer records are refused unparsed "
                + "(at least the senders' max-frame-bytes)."));
  }

  /** The limits the keys describe. */
  static ReassemblyLimits limits(ConfigValues values) {
    ReassemblyLimits defaults = ReassemblyLimits.defaults();
    Optional<Long> message = values.optional(MAX_MESSAGE_BYTES, Long.class);
    long pending = values.optional(MAX_PENDING_BYTES, Long.class).orElse(defaults.maxPendingBytes());
    try {
      return new ReassemblyLimits(message.orElse(Math.min(ReassemblyLimits.DEFAULT_MAX_MESSAGE_BYTES, pending / 2)),
          pending, values.integer(MAX_PENDING_SETS), values.integer(MAX_PENDING_SETS_PER_SENDER),
          values.duration(MAX_TTL), values.integer(MAX_RECORD_BYTES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("keys of 'reassembly' in " + values.file() + " do not fit together: "
          + e.getMessage(), e);
    }
  }
}
