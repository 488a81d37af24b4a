package dev.rampart.cli.deploy;

import dev.rampart.audit.ChainHead;
import dev.rampart.client.AuditAnchor;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A deployed client's listener for new audit heads: keeps each in the client's {@link AnchorFile}
 * and says so on the client's output, warning when the file holds a head from an earlier run that
 * the new one does not extend. A head that cannot be written (the client's disk is full, its state
 * folder read-only) is reported and dropped: keeping the evidence for auditors must not stop the
 * client from training, and the next round's head, written once the disk has room, supersedes it.
 * Never throws. Not thread-safe; the client's thread calls it.
 */
final class AnchorRecorder {
  private final String clientId;
  private final AnchorFile file;
  private final PrintStream out;

  AnchorRecorder(String clientId, AnchorFile file, PrintStream out) {
    this.clientId = clientId;
    this.file = file;
    this.out = out;
  }

  /** Keeps {@code anchor} in the file, or reports why it cannot. */
  void record(AuditAnchor anchor) {
    Optional<ChainHead> kept;
    try {
      kept = file.update(anchor);
    } catch (UncheckedIOException e) {
      out.printf("client %s: round %d: WARNING: cannot keep audit head %s in %s (%s); training goes on, and a later"
          + " round's head replaces it once it can be written%n", clientId, anchor.round(), anchor.text(), file.path(),
          e.getCause() == null ? e.getMessage() : e.getCause().toString());
      out.flush();
      return;
    }
    if (kept.isEmpty() || kept.get().text().equals(anchor.text())) {
      out.printf("client %s: round %d: audit head %s (in %s)%n", clientId, anchor.round(), anchor.text(), file.path());
    } else {
      out.printf("client %s: round %d: WARNING: audit head %s %s %s kept in %s from an earlier run; the "
          + "coordinator's audit log may have been cut or rewritten%n", clientId, anchor.round(), anchor.text(),
          kept.get().sequence() == anchor.sequence() ? "differs from" : "lies below", kept.get().text(), file.path());
    }
    out.flush();
  }
}
