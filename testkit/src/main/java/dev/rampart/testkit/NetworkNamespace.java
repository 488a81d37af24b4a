package dev.rampart.testkit;

import dev.rampart.testkit.internal.Commands;
import dev.rampart.testkit.internal.Commands.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Linux network namespace joined to this host by a veth pair, for partition tests: a process
 * started with {@link #exec()} in front of its command line reaches the host only over the pair,
 * at {@link #hostAddress()}, so {@link #cut()} partitions it, {@link #heal()} joins it again and
 * {@link #degrade(double, String)} makes the link lossy and slow both ways. Everything
 * stays on this machine: the pair carries a private /24 between the two ends and nothing else.
 *
 * <p>Needs root, {@code iproute2} and, for {@link #degrade}, {@code iptables};
 * {@link #unavailableReason()} says why not, for a test to skip with. Not thread-safe; {@link #close()} deletes the namespace and the pair.
 */
public final class NetworkNamespace implements AutoCloseable {
  private final String name;
  private final String hostInterface;
  private final String namespaceInterface;
  private final String hostAddress;
  private final String namespaceAddress;

  private NetworkNamespace(String name, String hostInterface, String namespaceInterface, String hostAddress,
      String namespaceAddress) {
    this.name = name;
    this.hostInterface = hostInterface;
    this.namespaceInterface = namespaceInterface;
    this.hostAddress = hostAddress;
    this.namespaceAddress = namespaceAddress;
  }

  /** Why namespaces cannot be made here (not root, no {@code ip}), or empty when they can. */
  public static Optional<String> unavailableReason() {
    String probe = "rampart-probe-" + ProcessHandle.current().pid();
    Result add = run(List.of("ip", "netns", "add", probe));
    if (add.code() != 0) {
      return Optional.of("cannot create a network namespace (needs root and iproute2): " + add.output());
    }
    run(List.of("ip", "netns", "del", probe));
    return Optional.empty();
  }

  /**
   * Creates namespace {@code name} and a veth pair {@code <tag>h} (host) / {@code <tag>n}
   * (namespace), with {@code hostAddress}/24 and {@code namespaceAddress}/24 on its ends, both up.
   *
   * @param tag at most 12 characters, unique on this host
   */
  public static NetworkNamespace create(String name, String tag, String hostAddress, String namespaceAddress) {
    if (tag.length() > 12) {
      throw new IllegalArgumentException("tag must be at most 12 characters (interface names are limited), but is '"
          + tag + "'");
    }
    NetworkNamespace ns = new NetworkNamespace(name, tag + "h", tag + "n", hostAddress, namespaceAddress);
    try {
      ns.must(List.of("ip", "netns", "add", name));
      ns.must(List.of("ip", "link", "add", ns.hostInterface, "type", "veth", "peer", "name", ns.namespaceInterface));
      ns.must(List.of("ip", "link", "set", ns.namespaceInterface, "netns", name));
      ns.must(List.of("ip", "addr", "add", hostAddress + "/24", "dev", ns.hostInterface));
      ns.must(List.of("ip", "link", "set", ns.hostInterface, "up"));
      ns.must(ns.inside("ip", "addr", "add", namespaceAddress + "/24", "dev", ns.namespaceInterface));
      ns.must(ns.inside("ip", "link", "set", ns.namespaceInterface, "up"));
      ns.must(ns.inside("ip", "link", "set", "lo", "up"));
      return ns;
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  /** The address of the host's end, where processes in the namespace reach the host. */
  public String hostAddress() {
    return hostAddress;
  }

  /** The address of the namespace's end. */
  public String namespaceAddress() {
    return namespaceAddress;
  }

  /** The command prefix that runs a command inside the namespace: {@code ip netns exec <name>}. */
  public List<String> exec() {
    return List.of("ip", "netns", "exec", name);
  }

  /** Takes the namespace's end of the link down: nothing passes either way. */
  public void cut() {
    must(inside("ip", "link", "set", namespaceInterface, "down"));
  }

  /** Brings the link up again (and clears any {@link #degrade} setting). */
  public void heal() {
    run(List.of("tc", "qdisc", "del", "dev", hostInterface, "root"));
    run(inside("tc", "qdisc", "del", "dev", namespaceInterface, "root"));
    run(inside("iptables", "-F", "INPUT"));
    run(inside("iptables", "-F", "OUTPUT"));
    must(inside("ip", "link", "set", namespaceInterface, "up"));
  }

  /**
   * Makes the link lossy and slow both ways: each packet into or out of the namespace is dropped
   * with probability {@code loss} ({@code iptables -m statistic} in the namespace), and each end
   * sends at most {@code rate} ({@code tc tbf}, e.g. {@code "1mbit"}; a full queue drops too).
   * Kernels without {@code tc netem} (such as this project's test machines) still have both.
   * {@link #heal()} clears it.
   *
   * @param loss in [0, 1)
   */
  public void degrade(double loss, String rate) {
    if (!(loss >= 0 && loss < 1)) {
      throw new IllegalArgumentException("loss must lie in [0, 1), but is " + loss);
    }
    for (List<String> tbf : List.of(List.of("tc", "qdisc", "replace", "dev", hostInterface),
        inside("tc", "qdisc", "replace", "dev", namespaceInterface))) {
      List<String> cmd = new ArrayList<>(tbf);
      cmd.addAll(List.of("root", "tbf", "rate", rate, "burst", "32kbit", "latency", "400ms"));
      must(cmd);
    }
    if (loss > 0) {
      String p = String.format(java.util.Locale.ROOT, "%.4f", loss);
      for (String chain : List.of("INPUT", "OUTPUT")) {
        must(inside("iptables", "-A", chain, "-m", "statistic", "--mode", "random", "--probability", p, "-j", "DROP"));
      }
    }
  }

  /**
   * Packets {@link #degrade} has dropped so far, both ways (the DROP rules' counters; 0 when the
   * link is not degraded).
   */
  public long droppedPackets() {
    long dropped = 0;
    for (String chain : List.of("INPUT", "OUTPUT")) {
      Result r = run(inside("iptables", "-L", chain, "-v", "-n", "-x"));
      for (String line : r.output().lines().toList()) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 2 && "DROP".equals(f[2]) && f[0].matches("\\d+")) {
          dropped += Long.parseLong(f[0]);
        }
      }
    }
    return dropped;
  }

  /** Deletes the namespace (and with it the pair); idempotent. */
  @Override
  public void close() {
    run(List.of("ip", "netns", "del", name));
    run(List.of("ip", "link", "del", hostInterface));
  }

  private List<String> inside(String... command) {
    List<String> cmd = new ArrayList<>(exec());
    cmd.addAll(List.of(command));
    return cmd;
  }

  private void must(List<String> command) {
    Result r = run(command);
    if (r.code() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + r.code() + ": "
          + r.output());
    }
  }

  private static Result run(List<String> command) {
    return Commands.run(command);
  }
}
