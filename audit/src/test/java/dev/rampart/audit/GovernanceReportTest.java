package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GovernanceReportTest {
  @TempDir static Path runDir;
  static SyntheticRun run;
  static Path reportFile;
  static String html;
  static Document doc;

  @BeforeAll
  static void renderSyntheticRun() throws Exception {
    run = SyntheticRun.write(runDir);
    reportFile = runDir.resolve("report/governance.html");
    VerificationResult result = GovernanceReport.renderVerified(run.auditDir,
        Fixtures.coordinator().publicKey(), run.store, reportFile);
    assertThat(result.valid()).as(result.summary()).isTrue();
    html = Files.readString(reportFile, StandardCharsets.UTF_8);
    doc = parse(html);
  }

  /** Parses the page as XML: fails on any unclosed or mis-nested tag or bad entity. */
  static Document parse(String page) throws Exception {
    assertThat(page).startsWith("<!DOCTYPE html>\n");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    byte[] body = page.substring("<!DOCTYPE html>\n".length()).getBytes(StandardCharsets.UTF_8);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
  }

  private static Element byId(String id) {
    List<Element> found = new ArrayList<>();
    collect(doc.getDocumentElement(), id, found);
    assertThat(found).as("element with id " + id).hasSize(1);
    return found.get(0);
  }

  private static void collect(Element e, String id, List<Element> out) {
    if (id.equals(e.getAttribute("id"))) {
      out.add(e);
    }
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child) {
        collect(child, id, out);
      }
    }
  }

  private static List<Element> elements(Element root, String tag, String cssClass) {
    List<Element> out = new ArrayList<>();
    NodeList all = root.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (cssClass == null || List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void render_syntheticRun_hasEverySection() {
    for (String id : List.of("chain", "summary", "settings", "curves", "heatmap", "rejections",
        "lineage", "rollbacks", "verification", "chart-loss", "chart-accuracy")) {
      byId(id);
    }
    assertThat(byId("chain").getAttribute("class")).contains("verified");
    assertThat(byId("chain").getTextContent()).contains("All " + run.records.size() + " records");
    assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).contains("job-42");
  }

  @Test
  void render_selfContained_noScriptsNoExternalResources() {
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
        .doesNotContain("src=").doesNotContain("@import").doesNotContain("url(")
        .doesNotContain("<img");
    Matcher urls = Pattern.compile("https?://[^\"\\s<]+").matcher(html);
    while (urls.find()) {
      assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
    }
  }

  @Test
  void settings_threatModelAndSettings_shownAndEscaped() {
    String text = byId("settings").getTextContent();

    assertThat(text).contains("Assumed Byzantine clients (f)").contains("nnm>krum")
        .contains("holds: 5 inputs, 3 needed").contains("rampart 0.1.0 (abc123)")
        .contains("learningRate").contains("0.05").contains("synthetic <b>mnist</b> & co");
    assertThat(html).contains("synthetic &lt;b&gt;mnist&lt;/b&gt; &amp; co");
  }

  @Test
  void curves_pointPerCommittedVersionAndRollbackBranch() {
    Element accuracy = byId("chart-accuracy");
    int commits = SyntheticRun.ROUNDS_BEFORE_ROLLBACK + SyntheticRun.ROUNDS_AFTER_ROLLBACK;

    assertThat(elements(accuracy, "circle", "pt")).hasSize(commits);
    assertThat(elements(accuracy, "circle", "abandoned")).hasSize(
        SyntheticRun.ROUNDS_BEFORE_ROLLBACK - SyntheticRun.ROLLBACK_TO_ROUND);
    assertThat(elements(accuracy, "line", "rollback-marker")).hasSize(1);
    assertThat(elements(byId("chart-loss"), "g", "series")).extracting(e -> e.getAttribute(
        "data-series")).containsExactly("trainLoss", "testLoss");
  }

  @Test
  void heatmap_cellPerClientRoundColouredByEvidence() {
    Element heatmap = byId("heatmap");
    List<Element> cells = elements(heatmap, "rect", "cell");
    int rounds = SyntheticRun.ROUNDS_BEFORE_ROLLBACK + SyntheticRun.ROUNDS_AFTER_ROLLBACK;

    assertThat(cells).hasSize(rounds * SyntheticRun.CLIENTS.size());
    assertThat(cells).filteredOn(c -> c.getAttribute("data-client").equals("mallory"))
        .allSatisfy(c -> assertThat(c.getAttribute("class")).isEqualTo("cell excluded"))
        .hasSize(rounds);
    assertThat(cells).filteredOn(c -> c.getAttribute("data-client").equals("bank-2")
        && c.getAttribute("data-round").equals("4"))
        .singleElement().satisfies(c -> {
          assertThat(c.getAttribute("class")).isEqualTo("cell suspected");
          assertThat(c.getTextContent()).contains("clip scale 0.5000");
        });
    assertThat(cells).filteredOn(c -> c.getAttribute("class").equals("cell rejected"))
        .extracting(c -> c.getAttribute("data-client") + "@" + c.getAttribute("data-round"))
        .containsExactlyInAnyOrder("bank-4@3", "bank-4@6", "bank-4@9");
  }

  @Test
  void rejections_everyRejectedUpdateWithReason() {
    Element section = byId("rejections");
    List<Element> rows = elements(section, "tr", null);

    assertThat(rows).hasSize(1 + 4);
    assertThat(section.getTextContent()).contains("LATE × 3").contains("DUPLICATE × 1")
        .contains("second update in round 2").contains("deadline <late>");
  }

  @Test
  void lineage_rollbackShowsAsBranchFromRestoredVersion() {
    List<Element> nodes = elements(byId("lineage"), "g", "node");
    int commits = SyntheticRun.ROUNDS_BEFORE_ROLLBACK + SyntheticRun.ROUNDS_AFTER_ROLLBACK;

    assertThat(nodes).hasSize(commits + 1);
    Element firstAfterRollback = nodes.get(SyntheticRun.ROUNDS_BEFORE_ROLLBACK + 1);
    assertThat(firstAfterRollback.getAttribute("data-parent"))
        .isEqualTo(Integer.toString(SyntheticRun.ROLLBACK_TO_ROUND));
    assertThat(firstAfterRollback.getAttribute("data-lane")).isEqualTo("1");
    assertThat(nodes.get(SyntheticRun.ROUNDS_BEFORE_ROLLBACK).getAttribute("class"))
        .contains("abandoned");
    assertThat(nodes.get(nodes.size() - 1).getAttribute("class")).contains("latest");
    assertThat(nodes.get(0).getAttribute("data-lane")).isEqualTo("0");
    assertThat(elements(byId("lineage"), "path", "branch")).hasSize(1);
    assertThat(byId("rollbacks").getTextContent()).contains("alice")
        .contains("accuracy dropped after round 5");
    assertThat(byId("verification").getTextContent()).doesNotContain("Cross-checks");
  }

  @Test
  void renderVerified_tamperedLog_reportsFailureAndVerifiedPrefix() throws Exception {
    Path copy = runDir.resolve("tampered");
    Files.createDirectories(copy);
    Path segment = run.auditDir.resolve("audit-000001.log");
    List<byte[]> lines = Fixtures.lines(segment);
    lines.remove(10);
    Fixtures.write(copy.resolve("audit-000001.log"), Fixtures.concat(lines));
    Path out = runDir.resolve("tampered.html");

    VerificationResult result = GovernanceReport.renderVerified(copy,
        Fixtures.coordinator().publicKey(), null, out);

    Document tampered = parse(Files.readString(out, StandardCharsets.UTF_8));
    String page = tampered.getDocumentElement().getTextContent();
    assertThat(result.valid()).isFalse();
    assertThat(page).contains("Chain failed").contains("BAD_SEQUENCE")
        .contains("audit-000001.log line 11").contains("Only the 10 records before it");
  }

  @Test
  void render_unverifiedWithStoreMismatch_saysSoAndWarns() throws Exception {
    ModelStore other = ModelStore.open(runDir.resolve("other-models"));
    String page = GovernanceReport.html(run.records, null, other);

    Document unverified = parse(page);
    String text = unverified.getDocumentElement().getTextContent();
    assertThat(text).contains("Not verified").contains("is not in the model store lineage");
  }

  @Test
  void render_noRecords_stillWellFormed() throws Exception {
    String page = GovernanceReport.html(List.of(), null, null);

    assertThat(parse(page).getDocumentElement().getTextContent()).contains("No JOB_STARTED")
        .contains("No model version was recorded");
  }

  @Test
  void heatmap_manyClients_keepsTheMostSuspicious() throws Exception {
    Path dir = runDir.resolve("many");
    List<String> clients = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      clients.add(String.format("c-%02d", i));
    }
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      for (int round = 1; round <= 3; round++) {
        List<ClientAnomaly> evidence = new ArrayList<>();
        for (String c : clients) {
          boolean bad = c.startsWith("c-7");
          evidence.add(new ClientAnomaly(c, bad, 0.0, 0.0, 1.0, 1.0, 1.0, bad));
        }
        log.append(RecordType.ANOMALY, AuditEvents.anomaly(round, "krum", evidence));
      }
    }

    Document page = parse(GovernanceReport.html(AuditQuery.load(dir), null, null));

    List<Element> rows = new ArrayList<>();
    NodeList texts = page.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      if (t.getAttribute("class").equals("row-label") && t.getTextContent().startsWith("c-")) {
        rows.add(t);
      }
    }
    assertThat(rows).hasSize(ReportCharts.MAX_HEATMAP_CLIENTS);
    assertThat(rows).extracting(Element::getTextContent).contains("c-70", "c-75", "c-79");
    assertThat(page.getDocumentElement().getTextContent())
        .contains("Showing the 60 of 80 clients");
  }

  @Test
  void render_sameInputs_sameBytes() {
    assertThat(GovernanceReport.html(run.records, null, run.store))
        .isEqualTo(GovernanceReport.html(run.records, null, run.store));
  }
}
