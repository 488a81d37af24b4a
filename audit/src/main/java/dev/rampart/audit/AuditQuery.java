package dev.rampart.audit;

import dev.rampart.audit.internal.LineReader;
import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.audit.internal.RecordFormatException;
import dev.rampart.audit.internal.SegmentFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Loads audit records and filters them by round, client and type; formats them as a fixed-column
 * table for people or as JSON lines for tools.
 *
 * <p>A query is an immutable value: {@code AuditQuery.all().round(5).client("bank-3")} keeps the
 * records of round 5 that name client {@code bank-3}. Filters combine with AND; the types filter
 * keeps records of any listed type. Immutable and thread-safe.
 */
public final class AuditQuery {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** Column header of {@link #table}. */
  public static final String TABLE_HEADER = String.format("%7s  %-24s  %-19s  %6s  %-16s  %s",
      "SEQ", "TIME", "TYPE", "ROUND", "CLIENT", "SUMMARY");
  private static final int SUMMARY_WIDTH = 100;

  private final OptionalLong round;
  private final String client;
  private final Set<RecordType> types;

  private AuditQuery(OptionalLong round, String client, Set<RecordType> types) {
    this.round = round;
    this.client = client;
    this.types = types;
  }

  /** The query that keeps every record. */
  public static AuditQuery all() {
    return new AuditQuery(OptionalLong.empty(), null, EnumSet.allOf(RecordType.class));
  }

  /**
   * Keeps records whose body's {@code round} equals {@code round} (records without a round, such
   * as JOB_STARTED and ROLLBACK, are dropped).
   *
   * @param round the round, at least 0
   */
  public AuditQuery round(long round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, but round=" + round);
    }
    return new AuditQuery(OptionalLong.of(round), client, types);
  }

  /** Keeps records that name {@code clientId} anywhere ({@link AuditRecord#clients()}). */
  public AuditQuery client(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    return new AuditQuery(round, clientId, types);
  }

  /** Keeps records of the given types only; at least one type. */
  public AuditQuery types(Collection<RecordType> kept) {
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("types must name at least one RecordType, but was empty");
    }
    return new AuditQuery(round, client, EnumSet.copyOf(kept));
  }

  /** Keeps records of the given types only; at least one type. */
  public AuditQuery types(RecordType... kept) {
    return types(Arrays.asList(kept));
  }

  /** Whether {@code record} passes every filter. */
  public boolean matches(AuditRecord record) {
    return types.contains(record.type())
        && (round.isEmpty() || record.round().equals(round))
        && (client == null || record.clients().contains(client));
  }

  /** The records that pass every filter, in their original order. */
  public List<AuditRecord> select(List<AuditRecord> records) {
    return records.stream().filter(this::matches).toList();
  }

  /**
   * Reads every record of an audit directory, in segment and line order, without checking
   * signatures or the chain (run {@link AuditVerifier} for that).
   *
   * @throws AuditIntegrityException when a line is malformed or the tail is torn (kind
   *     {@link FailureKind#MALFORMED} or {@link FailureKind#TORN_TAIL}); nothing is skipped
   * @throws AuditException when the directory cannot be read
   */
  public static List<AuditRecord> load(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new AuditException("audit directory " + directory + " does not exist");
    }
    List<AuditRecord> records = new ArrayList<>();
    try {
      List<SegmentFiles.Segment> segments = SegmentFiles.list(directory);
      for (SegmentFiles.Segment segment : segments) {
        boolean last = segment == segments.get(segments.size() - 1);
        readSegment(segment, last, records);
      }
    } catch (IOException e) {
      throw new AuditException("cannot read audit directory " + directory + ": " + e.getMessage(),
          e);
    }
    return List.copyOf(records);
  }

  private static void readSegment(SegmentFiles.Segment segment, boolean last,
      List<AuditRecord> out) throws IOException {
    try (InputStream in = Files.newInputStream(segment.path())) {
      LineReader reader = new LineReader(in, RecordCodec.MAX_LINE_BYTES);
      long lineNo = 0;
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        lineNo++;
        FailureKind kind = !line.terminated() && last ? FailureKind.TORN_TAIL
            : FailureKind.MALFORMED;
        try {
          if (line.oversized() || !line.terminated()) {
            throw new RecordFormatException(line.oversized() ? "line is too long"
                : "the segment ends without LF");
          }
          out.add(AuditRecord.decode(line.bytes()));
        } catch (RecordFormatException e) {
          throw new AuditIntegrityException(new VerificationFailure(kind, segment.name(), lineNo,
              line.offset(), ChainScanner.peekSequence(line.bytes()), e.getMessage()), null);
        }
      }
    }
  }

  /** A fixed-column table: {@link #TABLE_HEADER}, then one line per record, LF-terminated. */
  public static String table(List<AuditRecord> records) {
    StringBuilder out = new StringBuilder(TABLE_HEADER).append('\n');
    for (AuditRecord r : records) {
      String roundText = r.round().isPresent() ? Long.toString(r.round().getAsLong()) : "-";
      Object client = r.body().get("client");
      out.append(String.format("%7d  %-24s  %-19s  %6s  %-16s  %s", r.sequence(),
          TIME.format(r.time()), r.type(), roundText,
          clip(client instanceof String s ? s : "-", 16),
          clip(RecordSummaries.summary(r), SUMMARY_WIDTH))).append('\n');
    }
    return out.toString();
  }

  /**
   * One JSON object per line: each record's signed payload exactly as written ({@code seq},
   * {@code time}, {@code type}, {@code prev}, {@code signer}, {@code body}), LF-terminated.
   */
  public static String jsonLines(List<AuditRecord> records) {
    StringBuilder out = new StringBuilder();
    for (AuditRecord r : records) {
      out.append(new String(r.payload(), StandardCharsets.UTF_8)).append('\n');
    }
    return out.toString();
  }

  private static String clip(String text, int width) {
    String flat = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= width ? flat : flat.substring(0, width - 3) + "...";
  }
}
