package dev.rampart.cli;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.ChainHead;
import dev.rampart.audit.GovernanceReport;
import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.audit.RecordType;
import dev.rampart.audit.VerificationResult;
import dev.rampart.cli.check.AuditCheck;
import dev.rampart.cli.check.CheckReport;
import dev.rampart.coordinator.Rollback;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart audit verify|show|report} and {@code rampart rollback} on a run directory
 * ({@code runs/<run-id>}: {@code audit/}, {@code models/}, {@code keys/coordinator.pub}).
 *
 * <p>Exit codes of {@code audit verify}: 0 the chain is valid, 1 it is not (the first bad record is
 * named, also when it contradicts an {@code --anchor} or the Kafka mirror), 2 the directory cannot
 * be read or the arguments are wrong.
 */
final class AuditCommands {
  private AuditCommands() {}

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "Check (also against anchors and the Kafka mirror) and read a run's audit trail.",
      subcommands = {Verify.class, Check.class, Show.class, Report.class})
  static final class Audit implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  abstract static class RunArgument {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory, e.g. runs/<run-id>.")
    Path run;

    @Option(names = "--key", paramLabel = "FILE",
        description = "Coordinator public key file (default: RUN_DIR/keys/coordinator.pub).")
    Path key;

    Path auditDirectory() {
      Path dir = run.resolve("audit");
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("run directory " + run + " has no audit/ folder");
      }
      return dir;
    }

    PublicKey coordinatorKey() {
      return key != null ? KeyCommands.readPublicKey(key) : RunFiles.coordinatorKey(run);
    }

    ModelStore store() {
      return Files.isDirectory(run.resolve("models")) ? ModelStore.open(run.resolve("models")) : null;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check the chain, every signature and the sequence; exit 0 valid, 1 invalid, 2 unreadable.",
          "A log cut at a record boundary, or a record replaced and re-signed with the coordinator key, still "
              + "verifies on its own: pass anchors (audit heads the clients took from signed round plans) and/or "
              + "compare with the job's audit topic to detect it."})
  static final class Verify extends RunArgument implements Callable<Integer> {
    @Option(names = "--anchor", paramLabel = "SEQ:DIGEST",
        description = "An audit head known from outside the run directory (e.g. a client's audit-anchor file): the "
            + "chain must reach seq SEQ and its record there must hash to DIGEST (64 hex). Repeatable.")
    List<String> anchors = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
        description = "Also check that the job's audit topic on this cluster matches the files record for record; "
            + "records on the topic that the files lack or hold differently are reported.")
    String bootstrap;

    @Option(names = "--job", paramLabel = "JOB_ID",
        description = "The job whose audit topic --bootstrap reads (default: RUN_DIR/job.txt, written by simulate).")
    String job;

    @Option(names = "--topic-prefix", defaultValue = "rampart", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() {
      if (job != null && bootstrap == null) {
        throw new IllegalArgumentException("--job " + job + " names the audit topic to read, but --bootstrap is missing");
      }
      List<ChainHead> heads = anchors.stream().map(ChainHead::parse).toList();
      VerificationResult result = AuditVerifier.verify(auditDirectory(), coordinatorKey(), heads);
      System.out.println("files:  " + result.summary()
          + (heads.isEmpty() || !result.valid() ? "" : "; " + heads.size() + " anchor(s) matched"));
      if (!result.valid() || bootstrap == null) {
        return result.exitCode();
      }
      String topic = new TopicNames(topicPrefix, job != null ? JobId.of(job) : RunFiles.job(run)).audit();
      List<byte[]> mirror = TopicReader.values(bootstrap, topic);
      VerificationResult mirrored = AuditVerifier.compareMirror(auditDirectory(), mirror, coordinatorKey());
      System.out.println("mirror: " + topic + ": " + mirrored.summary());
      return mirrored.exitCode();
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Reconcile the audit log with the job's topics and model store; exit 0 no findings, 1 findings.",
          "Reports every honest, on-time update on the updates topic that was not accepted exactly once (and not "
              + "explained by a rejection record), every round committed twice, every stored model whose bytes do not "
              + "match its digest, every committed model the store lacks, and a chain that does not verify."})
  static final class Check extends RunArgument implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "The job's Kafka cluster.")
    String bootstrap;

    @Option(names = "--registry", required = true, paramLabel = "FILE",
        description = "The job's client registry, whose keys verify the updates on the topic.")
    Path registry;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
        description = "A Kafka consumer property, e.g. for SASL; repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Override
    public Integer call() {
      Map<String, Object> kafka = new LinkedHashMap<>(kafkaProperties);
      kafka.put("bootstrap.servers", bootstrap);
      CheckReport report = AuditCheck.run(run, coordinatorKey(), ClientRegistry.load(registry), kafka);
      report.print(System.out);
      return report.findings().isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "List audit records, filtered.")
  static final class Show extends RunArgument implements Callable<Integer> {
    @Option(names = "--round", description = "Only records of this round.")
    Long round;

    @Option(names = "--client", description = "Only records naming this client.")
    String client;

    @Option(names = "--type", split = ",", description = "Only these record types, e.g. UPDATE_REJECTED,ANOMALY.")
    List<String> types;

    @Option(names = "--json", description = "JSON lines instead of a table.")
    boolean json;

    @Override
    public Integer call() {
      AuditQuery query = AuditQuery.all();
      if (round != null) {
        query = query.round(round);
      }
      if (client != null) {
        query = query.client(client);
      }
      if (types != null) {
        query = query.types(types.stream().map(AuditCommands::recordType).toList());
      }
      List<AuditRecord> selected = query.select(AuditQuery.load(auditDirectory()));
      System.out.print(json ? AuditQuery.jsonLines(selected) : AuditQuery.table(selected));
      return 0;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Write a self-contained HTML governance report (default RUN_DIR/report.html).")
  static final class Report extends RunArgument implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the HTML file.")
    Path out;

    @Override
    public Integer call() {
      Path target = out != null ? out : run.resolve("report.html");
      VerificationResult result = GovernanceReport.renderVerified(auditDirectory(), coordinatorKey(), store(), target);
      System.out.println("wrote " + target + " (" + result.summary() + ")");
      return 0;
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Roll a stopped run back to an earlier model version; resume it with simulate --resume.")
  static final class RollbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path run;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
        description = "v<version>, <version> or round:<round>.")
    String target;

    @Option(names = "--reason", defaultValue = "operator request", description = "Why (recorded).")
    String reason;

    @Option(names = "--operator", defaultValue = "${sys:user.name}", description = "Who (recorded; default: ${DEFAULT-VALUE}).")
    String operator;

    @Override
    public Integer call() {
      ModelRef ref = Rollback.to(run, RunFiles.coordinatorIdentity(run), target, reason, operator);
      System.out.printf("rolled %s back to model version %d (round %d, digest %s); resume with: "
          + "./rampart simulate --resume %s --rounds <total>%n", run, ref.version(), ref.round(),
          ref.digest().substring(0, 16), run);
      return 0;
    }
  }

  static RecordType recordType(String name) {
    try {
      return RecordType.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown record type '" + name + "'; valid types: "
          + Arrays.toString(RecordType.values()));
    }
  }
}
