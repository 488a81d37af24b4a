package dev.rampart.audit;

import dev.rampart.audit.internal.DurableFiles;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The steps of {@link AuditLog#repairTornTail}. Stateless. */
final class TailRepairs {
  static final String QUARANTINE = "quarantine";
  private static final Pattern NAME = Pattern.compile("(audit-\\d{6,18}\\.log)\\.(\\d{1,18})\\.torn");

  private TailRepairs() {}

  /** Moves a torn tail, if the chain has one and no other failure, to the quarantine directory. */
  static void quarantineTornTail(Path directory, PublicKey key) {
    VerificationResult result = AuditVerifier.verify(directory, key);
    if (result.valid()) {
      return;
    }
    VerificationFailure f = result.failure().get();
    if (f.kind() == FailureKind.NO_RECORDS) {
      return;
    }
    if (f.kind() != FailureKind.TORN_TAIL) {
      throw new AuditIntegrityException(f, "only a torn tail can be repaired; this damage is "
          + "evidence and is left in place");
    }
    Path segment = directory.resolve(f.source());
    try {
      byte[] torn;
      try (InputStream in = Files.newInputStream(segment)) {
        in.skipNBytes(f.byteOffset());
        torn = in.readAllBytes();
      }
      Path quarantine = Files.createDirectories(directory.resolve(QUARANTINE));
      DurableFiles.writeAtomically(quarantine.resolve(f.source() + "." + f.byteOffset() + ".torn"),
          torn);
      try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        channel.truncate(f.byteOffset());
        channel.force(true);
      }
    } catch (IOException e) {
      throw new AuditException("cannot move the torn tail of " + segment + " at byte "
          + f.byteOffset() + " to quarantine: " + e.getMessage(), e);
    }
  }

  /** Quarantine files that no TAIL_REPAIRED record names yet, in name order. */
  static List<Path> unrecorded(Path directory, Set<String> recorded) {
    Path quarantine = directory.resolve(QUARANTINE);
    List<Path> pending = new ArrayList<>();
    if (!Files.isDirectory(quarantine)) {
      return pending;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(quarantine)) {
      for (Path file : files) {
        if (NAME.matcher(file.getFileName().toString()).matches()
            && !recorded.contains(relative(directory, file))) {
          pending.add(file);
        }
      }
    } catch (IOException e) {
      throw new AuditException("cannot list " + quarantine + ": " + e.getMessage(), e);
    }
    pending.sort(null);
    return pending;
  }

  static List<TailRepair> record(AuditLog log, Path directory, List<Path> pending,
      String operator) {
    List<TailRepair> repairs = new ArrayList<>();
    for (Path file : pending) {
      Matcher m = NAME.matcher(file.getFileName().toString());
      if (!m.matches()) {
        continue;
      }
      byte[] torn;
      try {
        torn = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new AuditException("cannot read quarantine file " + file + ": " + e.getMessage(), e);
      }
      String sha = Digests.hex(Digests.sha256(torn));
      long offset = Long.parseLong(m.group(2));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("segment", m.group(1));
      body.put("byteOffset", offset);
      body.put("length", torn.length);
      body.put("sha256", sha);
      body.put("quarantineFile", relative(directory, file));
      body.put("operator", operator);
      AuditRecord record = log.write(RecordType.TAIL_REPAIRED, body);
      repairs.add(new TailRepair(m.group(1), offset, torn.length, sha, file, record.sequence()));
    }
    return repairs;
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }
}
