package dev.rampart.cli.deploy;

import dev.rampart.testkit.KafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak run ({@code scripts/soak.sh}, docs/reliability.md): a deployed job of many client JVMs
 * and a coordinator JVM on a three-node Kafka cluster (replication factor 3), for many rounds,
 * while a random client is SIGKILLed and restarted every few rounds and a random broker node is
 * SIGKILLed and restarted every so many rounds. At the end {@code rampart audit check} reconciles
 * the audit log with the topics; the run prints its counts (rounds committed, with every client,
 * updates accepted) and the machine's load, and exits 0 only when every process ended cleanly and
 * the checker found nothing (no update lost, none counted twice, no round committed twice).
 *
 * <pre>
 * SoakMain [--clients 20] [--rounds 300] [--kill-every 5] [--bounce-every 50] [--round-timeout 4s]
 *          [--seed 1] --out DIR
 * </pre>
 */
public final class SoakMain {
  private static final Pattern ROUND_LINE = Pattern.compile("(?m)^round (\\d+): accepted (\\d+) of (\\d+)");

  private SoakMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int clients = Integer.parseInt(o.getOrDefault("clients", "20"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "300"));
    int killEvery = Integer.parseInt(o.getOrDefault("kill-every", "5"));
    int bounceEvery = Integer.parseInt(o.getOrDefault("bounce-every", "50"));
    String roundTimeout = o.getOrDefault("round-timeout", "4s");
    long seed = Long.parseLong(o.getOrDefault("seed", "1"));
    Path out = Path.of(o.getOrDefault("out", "soak-run"));
    if (clients < 2 || rounds < 2 || killEvery < 1 || bounceEvery < 1) {
      throw new IllegalArgumentException("need --clients >= 2, --rounds >= 2, --kill-every >= 1, --bounce-every >= 1");
    }
    Files.createDirectories(out);
    System.exit(run(clients, rounds, killEvery, bounceEvery, roundTimeout, seed, out));
  }

  private static int run(int clients, int rounds, int killEvery, int bounceEvery, String roundTimeout, long seed,
      Path out) throws Exception {
    long start = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(3));
        ProcessJob job = new ProcessJob(out.resolve("job"), cluster.bootstrapServers(), "soak", clients, rounds,
            roundTimeout, seed)) {
      Files.writeString(job.dir.resolve("coordinator.yaml"), "  replication-factor: 3\n", StandardOpenOption.APPEND);
      job.jvmOptions(name -> List.of("-Xmx96m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1", "-Xshare:auto"));
      System.out.printf("soak: %d clients, %d rounds, a client killed every %d rounds, a broker every %d, round"
          + " timeout %s; cluster %s%n", clients, rounds, killEvery, bounceEvery, roundTimeout, cluster.bootstrapServers());
      List<Process> current = new ArrayList<>(List.of(job.startClientsReady(Duration.ofMinutes(5))));
      Process coordinator = job.startCoordinator();
      int kills = 0;
      int bounces = 0;
      int nextKill = killEvery;
      int nextBounce = bounceEvery;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10 + rounds / 10);
      while (coordinator.isAlive() && System.nanoTime() < deadline) {
        int done = roundsDone(job);
        if (done >= nextKill && done < rounds) {
          int victim = random.nextInt(clients);
          ProcessJob.kill(current.get(victim));
          current.set(victim, job.startClient(victim));
          kills++;
          nextKill += killEvery;
          System.out.printf("soak: after round %d killed and restarted %s%n", done, ProcessJob.clientId(victim));
        }
        if (done >= nextBounce && done < rounds) {
          int node = random.nextInt(cluster.size());
          cluster.kill(node);
          Thread.sleep(2000);
          cluster.restart(node);
          bounces++;
          nextBounce += bounceEvery;
          System.out.printf("soak: after round %d bounced broker node %d%n", done, node + 1);
        }
        Thread.sleep(250);
      }
      int coordinatorExit = coordinator.waitFor(1, TimeUnit.MINUTES) ? coordinator.exitValue() : -1;
      int failedClients = 0;
      for (int i = 0; i < clients; i++) {
        failedClients += ProcessJob.awaitExit(current.get(i), Duration.ofMinutes(2)) == 0 ? 0 : 1;
      }
      return report(job, cluster, rounds, kills, bounces, coordinatorExit, failedClients, start);
    }
  }

  private static int report(ProcessJob job, KafkaCluster cluster, int rounds, int kills, int bounces,
      int coordinatorExit, int failedClients, long start) throws IOException {
    AuditCounts audit = AuditCounts.read(job.runDirectory());
    long accepted = audit.acceptedInCommittedAttempt().values().stream().mapToLong(List::size).sum();
    long doubleCommits = audit.commitsPerRound().values().stream().filter(n -> n > 1).count();
    long full = 0;
    Matcher m = ROUND_LINE.matcher(job.log("coordinator", 1));
    while (m.find()) {
      full += m.group(2).equals(m.group(3)) ? 1 : 0;
    }
    int check = job.auditCheck(cluster.bootstrapServers());
    String said = job.lastCheckOutput();
    long lost = said.lines().filter(l -> l.startsWith("FINDING:") && l.contains("neither accepted nor rejected")).count();
    long twice = said.lines().filter(l -> l.startsWith("FINDING:") && l.contains("accepted more than once")).count();
    long findings = said.lines().filter(l -> l.startsWith("FINDING:")).count();
    double seconds = (System.nanoTime() - start) / 1e9;
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    System.out.printf("soak: %d of %d rounds committed (%d with every client), %d updates accepted, %d client kills,"
        + " %d broker bounces, coordinator exit %d, %d client(s) not exiting 0, %.0f s, load average %s%n",
        audit.commitsPerRound().size(), rounds, full, accepted, kills, bounces, coordinatorExit, failedClients, seconds,
        load);
    System.out.printf("soak: checker: %d finding(s): %d updates lost, %d counted twice, %d rounds committed twice%n",
        findings, lost, twice, doubleCommits);
    // The guarantee is about updates: none lost, none counted twice. A round can still go without
    // any update on an overloaded machine (e.g. while many client JVMs are still joining); it is
    // reported above, not failed on.
    boolean ok = check == 0 && coordinatorExit == 0 && failedClients == 0;
    System.out.println(ok ? "soak: PASSED" : "soak: FAILED");
    return ok ? 0 : 1;
  }

  private static int roundsDone(ProcessJob job) {
    Matcher m = ROUND_LINE.matcher(job.log("coordinator", 1));
    int n = 0;
    while (m.find()) {
      n = Math.max(n, Integer.parseInt(m.group(1)));
    }
    return n;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }
}
