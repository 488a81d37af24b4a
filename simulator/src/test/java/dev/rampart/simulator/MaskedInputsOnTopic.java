package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.TopicReader;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.secagg.MaskedInput;
import dev.rampart.crypto.secagg.SecAggMessage;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.MessageType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** What a job's coordinator could read of individual updates under secure aggregation. */
final class MaskedInputsOnTopic {
  private MaskedInputsOnTopic() {}

  /**
   * Asserts that the job's updates topic is empty (no dense update was published) and returns
   * every masked input (P2) found on its secagg topic, in topic order.
   */
  static List<MaskedInput> readAfterCheckingNoDenseUpdates(JobHarness h) {
    TopicNames topics = TopicNames.of(h.job);
    assertThat(TopicReader.values(h.bootstrap, topics.updates())).as("dense updates").isEmpty();
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.registry(h.registry()),
        Clock.systemUTC());
    List<MaskedInput> masked = new ArrayList<>();
    for (byte[] value : TopicReader.values(h.bootstrap, topics.secagg())) {
      if (reassembler.accept(null, value) instanceof Reassembly.Complete c
          && c.envelope().getType() == MessageType.SECAGG
          && SecAggMessage.decode(c.envelope().getBody().toByteArray()) instanceof MaskedInput y) {
        masked.add(y);
      }
    }
    return masked;
  }
}
