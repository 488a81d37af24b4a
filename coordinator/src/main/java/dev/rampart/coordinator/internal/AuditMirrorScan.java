package dev.rampart.coordinator.internal;

import dev.rampart.audit.AuditVerifier;
import dev.rampart.crypto.PublicKey;
import dev.rampart.transport.Partition;
import dev.rampart.transport.RecordReader;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the audit mirror's catch-up resumes: the highest audit sequence number on the audit
 * topic, taken only from records whose signature verifies under the coordinator's key. Anyone who
 * can write to the topic can append a record keyed {@code "999999"}, and trusting it would stop the
 * mirror's catch-up. Each partition is read backwards from its end, in windows of
 * {@link #AUDIT_SCAN_WINDOW} records, until a signed record is found, at most
 * {@link #MAX_AUDIT_SCAN_RECORDS} records per partition and {@link #AUDIT_SCAN_TIMEOUT} in all. A
 * partition whose scan ends without a signed record counts as 0, so the catch-up republishes more
 * than needed; the mirror tolerates repeats with identical bytes.
 *
 * <p>Not thread-safe: one scan on the caller's reader.
 */
final class AuditMirrorScan {
  /** Most records read per partition of the audit topic when looking for the last signed one. */
  static final int MAX_AUDIT_SCAN_RECORDS = 10_000;
  /** Records read at a time, backwards from the end, when looking for the last signed one. */
  static final int AUDIT_SCAN_WINDOW = 500;
  /** Longest time spent looking for the last signed audit record, over all partitions. */
  static final Duration AUDIT_SCAN_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(AuditMirrorScan.class);

  private final RecordReader reader;
  private final PublicKey coordinatorKey;

  AuditMirrorScan(RecordReader reader, PublicKey coordinatorKey) {
    this.reader = reader;
    this.coordinatorKey = coordinatorKey;
  }

  /** The highest signed sequence over every partition of {@code topic}; 0 when there is none. */
  long lastSignedSequence(String topic) {
    long deadline = System.nanoTime() + AUDIT_SCAN_TIMEOUT.toNanos();
    List<Partition> partitions = reader.awaitPartitions(topic, KafkaChannels.PARTITION_WAIT, () -> false,
        KafkaChannels.MISSING_TOPIC_HINT);
    Map<Partition, Long> begins = reader.beginningOffsets(partitions);
    Map<Partition, Long> ends = reader.endOffsets(partitions, AUDIT_SCAN_TIMEOUT);
    long max = 0;
    for (Partition p : partitions) {
      long found = lastSigned(p, begins.get(p), ends.get(p), deadline);
      if (found < 0) {
        LOG.warn("no audit record signed by the coordinator within the last {} records of {} "
            + "(or {}); the catch-up republishes from the start", MAX_AUDIT_SCAN_RECORDS, p, AUDIT_SCAN_TIMEOUT);
      }
      max = Math.max(max, found);
    }
    return max;
  }

  /** The highest signed sequence in the last window holding one; -1 when the bounds ran out first. */
  private long lastSigned(Partition p, long begin, long end, long deadline) {
    if (end <= begin) {
      return 0;
    }
    long windowEnd = end;
    while (windowEnd > begin && end - windowEnd < MAX_AUDIT_SCAN_RECORDS && System.nanoTime() < deadline) {
      long windowStart = Math.max(Math.max(begin, windowEnd - AUDIT_SCAN_WINDOW), end - MAX_AUDIT_SCAN_RECORDS);
      long best = -1;
      for (TransportRecord r : reader.readRange(p, windowStart, windowEnd, deadline)) {
        best = Math.max(best, AuditVerifier.signedSequence(r.value(), coordinatorKey).orElse(-1));
      }
      if (best >= 0) {
        return best;
      }
      windowEnd = windowStart;
    }
    return windowEnd <= begin ? 0 : -1;
  }
}
