package dev.rampart.simulator;

import dev.rampart.cli.Main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private static String[] run(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
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
}
