package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.crypto.SeedCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generates the seed corpus of {@link SecAggMessageFuzzTest}: one message of every kind, taken
 * from a real four-member session with one dropout. The session draws fresh key pairs, so the
 * committed seeds are checked by kind rather than byte for byte. Regenerate with
 * {@code mvn -B -q -o -pl crypto -am test -Dtest='SecAggFuzzSeedsTest'
 * -Dsurefire.failIfNoSpecifiedTests=false -Drampart.writeSeeds=true}.
 */
class SecAggFuzzSeedsTest {

  @Test
  void seedCorpus_oneMessageOfEveryKind_isCommitted() throws Exception {
    TestGroup g = TestGroup.ofFour(GroupRef.of("job-seed", 3, 1));
    g.run(Set.of("c4"), Set.of());
    List<SecAggMessage> all = new ArrayList<>();
    g.sent.forEach(phase -> all.addAll(phase.values()));
    all.addAll(g.broadcasts);
    SeedCorpus corpus = new SeedCorpus();
    for (MessageKind kind : MessageKind.values()) {
      SecAggMessage m = all.stream().filter(x -> x.kind() == kind).findFirst().orElseThrow();
      corpus.add(SecAggMessageFuzzTest.class, "decode", kind.name().toLowerCase(Locale.ROOT),
          m.encode(), bytes -> SecAggMessage.decode(bytes).kind());
    }
    assertThat(MessageKind.values()).hasSize(9);
    corpus.writeIfRequestedAndCheck();
  }
}
