package dev.rampart.audit;

import dev.rampart.audit.internal.DurableFiles;
import dev.rampart.audit.internal.HtmlReport;
import dev.rampart.crypto.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The governance report: one self-contained HTML file for a compliance reviewer.
 *
 * <p>Sections (with stable element ids): the chain verification banner ({@code chain}); summary
 * figures ({@code summary}); settings and threat model from JOB_STARTED, with a flag when the
 * robustness bound does not hold ({@code settings}); loss and accuracy per round as inline SVG,
 * with rollback markers and branches ({@code curves}); a per-round × per-client heatmap coloured
 * by exclusion, suspicion and rejection with the evidence as tooltips ({@code heatmap}); rejected
 * updates with reasons ({@code rejections}); model lineage as a graph in which a rollback opens a
 * branch, plus a version table ({@code lineage}); rollbacks ({@code rollbacks}); verification
 * details and cross-checks of the model store against the signed records ({@code verification}).
 *
 * <p>The file has no scripts and loads nothing: CSS and SVG are inline and fonts are the system's.
 * Its markup is well-formed XML, so it can also be checked with an XML parser. Output is
 * deterministic: the same inputs give the same bytes. The store cross-check looks at the lineage
 * and file presence only; it does not hash every model file.
 *
 * <p>Stateless and thread-safe.
 */
public final class GovernanceReport {
  private GovernanceReport() {}

  /**
   * Renders records that were not verified by this call; the banner says so.
   *
   * @param records the records to report, in sequence order (e.g. {@link AuditQuery#load})
   * @param store the run's model store for the lineage cross-check, or null
   * @param htmlOut the file to write (replaced atomically); its directory is created
   * @throws AuditException when the file cannot be written
   */
  public static void render(List<AuditRecord> records, ModelStore store, Path htmlOut) {
    render(records, null, store, htmlOut);
  }

  /**
   * Renders records with the outcome of their verification.
   *
   * @param verification the result of {@link AuditVerifier} over the same records, or null when
   *     they were not verified
   * @throws AuditException when the file cannot be written
   */
  public static void render(List<AuditRecord> records, VerificationResult verification,
      ModelStore store, Path htmlOut) {
    Objects.requireNonNull(htmlOut, "htmlOut");
    write(html(records, verification, store), htmlOut);
  }

  /**
   * Verifies an audit directory against the pinned key and renders the records that passed; when
   * the chain fails, the report shows the verified prefix and names the first bad record.
   *
   * @param auditDirectory the audit directory
   * @param coordinatorKey the pinned coordinator key
   * @param store the run's model store, or null
   * @param htmlOut the file to write
   * @return the verification result shown in the report
   * @throws AuditException when the directory cannot be read or the file cannot be written
   */
  public static VerificationResult renderVerified(Path auditDirectory, PublicKey coordinatorKey,
      ModelStore store, Path htmlOut) {
    Objects.requireNonNull(coordinatorKey, "coordinatorKey");
    List<AuditRecord> verified = new ArrayList<>();
    VerificationResult result = new ChainScanner(coordinatorKey, Collections.emptyNavigableMap(),
        (record, source, line, offset) -> verified.add(record)).scanDirectory(auditDirectory);
    render(verified, result, store, htmlOut);
    return result;
  }

  /**
   * The report as a string, for callers that store or serve it themselves.
   *
   * @param records the records, in sequence order
   * @param verification their verification result, or null
   * @param store the model store, or null
   */
  public static String html(List<AuditRecord> records, VerificationResult verification,
      ModelStore store) {
    Objects.requireNonNull(records, "records");
    return HtmlReport.render(ReportModel.build(List.copyOf(records), verification, store));
  }

  private static void write(String html, Path htmlOut) {
    try {
      Path parent = htmlOut.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      DurableFiles.writeAtomically(htmlOut.toAbsolutePath(), html.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AuditException("cannot write report " + htmlOut + ": " + e.getMessage(), e);
    }
  }
}
