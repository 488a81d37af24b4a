package dev.rampart.audit;

import dev.rampart.audit.internal.SegmentFiles;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the seed corpus of the audit fuzz targets from a real signed log (the test
 * coordinator key, a ticking clock, so byte-for-byte reproducible). Regenerate with
 * {@code mvn -B -q -o -pl audit -am test -Dtest=FuzzSeedsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drampart.writeSeeds=true}.
 */
class FuzzSeedsTest {

  @Test
  void seedCorpus_generatedFromASignedLog_isCommitted(@TempDir Path dir) throws Exception {
    List<AuditRecord> records = Fixtures.writeLog(dir.resolve("one"), 3, Fixtures.options().build());
    Path rolled = dir.resolve("rolled");
    Fixtures.writeLog(rolled, 12, Fixtures.options().maxSegmentBytes(1024).build());
    SeedCorpus corpus = new SeedCorpus();
    for (int i = 0; i < records.size(); i++) {
      corpus.add(AuditRecordFuzzTest.class, "parse", "record-" + (i + 1), records.get(i).bytes());
    }
    corpus.add(AuditVerifierFuzzTest.class, "verify", "one-segment",
        Fixtures.read(dir.resolve("one").resolve(SegmentFiles.name(1))));
    corpus.add(AuditVerifierFuzzTest.class, "verify", "rolled-segments", joined(rolled));
    corpus.writeIfRequestedAndCheck();
  }

  private static byte[] joined(Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<SegmentFiles.Segment> segments = SegmentFiles.list(dir);
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        out.write(AuditVerifierFuzzTest.SEGMENT_SEPARATOR);
      }
      out.write(Fixtures.read(segments.get(i).path()));
    }
    return out.toByteArray();
  }
}
