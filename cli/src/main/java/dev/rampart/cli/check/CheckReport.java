package dev.rampart.cli.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link AuditCheck} found: findings (each a broken guarantee), one line per round and notes.
 * Not thread-safe.
 */
public final class CheckReport {
  private final List<String> findings = new ArrayList<>();
  private final List<String> rounds = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void finding(String text) {
    findings.add(text);
  }

  void round(String text) {
    rounds.add(text);
  }

  void note(String text) {
    notes.add(text);
  }

  /** Every finding, in the order found. */
  public List<String> findings() {
    return List.copyOf(findings);
  }

  /** One line per reconciled round. */
  public List<String> rounds() {
    return List.copyOf(rounds);
  }

  /** Notes: what was read and what was not checked. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Notes, rounds, then the findings and a verdict line. */
  public void print(PrintStream out) {
    notes.forEach(n -> out.println("note: " + n));
    rounds.forEach(out::println);
    findings.forEach(f -> out.println("FINDING: " + f));
    out.println(findings.isEmpty() ? "check: no findings" : "check: " + findings.size() + " finding(s)");
  }
}
