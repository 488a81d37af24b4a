package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.CommandRun;
import org.junit.jupiter.api.Test;

class MainTest {
  /** Exit code, standard output and standard error of {@code rampart args...}, as strings. */
  private static String[] run(String... args) {
    CommandRun r = CommandRun.of(args);
    return new String[] {Integer.toString(r.exitCode()), r.out(), r.err()};
  }

  @Test
  void execute_unknownFlag_exitsTwoNamingIt() {
    String[] r = run("demo", "--no-such-flag");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("--no-such-flag");
  }

  @Test
  void execute_nonNumericClients_exitsTwoNamingTheValue() {
    String[] r = run("simulate", "--clients", "ten");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("ten");
  }

  @Test
  void execute_invalidSettings_exitsTwoWithTheValidationMessage() {
    String[] r = run("simulate", "--clients", "4", "--max-byzantine", "2");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("maxByzantine=2").contains("clients=4");
  }

  @Test
  void execute_help_listsTheCommands() {
    String[] r = run("--help");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("demo").contains("simulate");
  }

  @Test
  void execute_unknownModel_exitsTwoNamingIt() {
    String[] r = run("simulate", "--model", "resnet");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("model=resnet").contains("lenet");
  }

  @Test
  void execute_lenetOnTheDigits_exitsTwoNamingTheDataset() {
    String[] r = run("simulate", "--model", "lenet");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("lenet").contains("fashion-mnist");
  }

  @Test
  void execute_unknownDataset_exitsTwoNamingIt() {
    String[] r = run("simulate", "--dataset", "cifar10");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("cifar10");
  }
}
