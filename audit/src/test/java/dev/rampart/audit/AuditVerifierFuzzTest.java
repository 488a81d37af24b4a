package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.audit.internal.SegmentFiles;
import dev.rampart.crypto.PublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz target: an audit directory whose segment files are written from the input, read by
 * {@link AuditVerifier#verify}, {@link AuditVerifier#compareMirror} and {@link AuditQuery#load}
 * (and so by the segment reader and the chain scanner). Only {@link AuditException} may escape;
 * a directory that verifies also loads, with as many records as the verifier counted.
 *
 * <p>Input layout: segment files separated by {@link #SEGMENT_SEPARATOR} bytes, written as
 * {@code audit-000001.log}, {@code audit-000002.log}, ...; at most {@link #MAX_SEGMENTS}. The
 * mirror given to {@code compareMirror} is the lines of the first segment.
 */
class AuditVerifierFuzzTest {
  /** Byte that starts the next segment file; it never occurs in a record line. */
  static final byte SEGMENT_SEPARATOR = 0;
  static final int MAX_SEGMENTS = 4;
  private static final PublicKey KEY = Fixtures.coordinator().publicKey();
  private static final Path DIRECTORY = createDirectory();

  @FuzzTest(maxDuration = "10s")
  void verify(byte[] input) throws IOException {
    List<byte[]> segments = segments(input);
    writeSegments(segments);
    VerificationResult result;
    try {
      result = AuditVerifier.verify(DIRECTORY, KEY);
      AuditVerifier.compareMirror(DIRECTORY, lines(segments.get(0)), KEY);
    } catch (AuditException expected) {
      return;
    }
    assertThat(result.summary()).isNotEmpty();
    List<AuditRecord> loaded;
    try {
      loaded = AuditQuery.load(DIRECTORY);
    } catch (AuditException e) {
      assertThat(result.valid()).as("a directory that verifies must load: %s", e.getMessage())
          .isFalse();
      return;
    }
    if (result.valid()) {
      assertThat(loaded).hasSize((int) result.recordCount());
    }
    assertThat(AuditQuery.jsonLines(loaded)).isNotNull();
  }

  static List<byte[]> segments(byte[] input) {
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= input.length; i++) {
      if (i == input.length || (input[i] == SEGMENT_SEPARATOR && out.size() < MAX_SEGMENTS - 1)) {
        out.add(Arrays.copyOfRange(input, from, i));
        from = i + 1;
      }
    }
    return out;
  }

  private static List<byte[]> lines(byte[] segment) {
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < segment.length; i++) {
      if (segment[i] == '\n') {
        out.add(Arrays.copyOfRange(segment, from, i + 1));
        from = i + 1;
      }
    }
    return out;
  }

  private static void writeSegments(List<byte[]> segments) throws IOException {
    try (Stream<Path> old = Files.list(DIRECTORY)) {
      for (Path p : (Iterable<Path>) old::iterator) {
        Files.delete(p);
      }
    }
    for (int i = 0; i < segments.size(); i++) {
      Files.write(DIRECTORY.resolve(SegmentFiles.name(i + 1)), segments.get(i));
    }
  }

  private static Path createDirectory() {
    try {
      Path dir = Files.createTempDirectory("audit-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
