package dev.rampart.client;

import dev.rampart.client.internal.PlanPolicy;
import dev.rampart.client.internal.SecAggChannel;
import dev.rampart.client.internal.SecureSession;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.crypto.secagg.ClientStateStore;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.RoundPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secure-aggregation path of a {@link FederatedClient}: instead of a dense update, the
 * transformed update goes through the client's group session ({@link SecureSession}). The Kafka
 * adapter is opened on the first secure round only.
 *
 * <p>Not thread-safe, except {@link #wakeup()} and {@link #close()}.
 */
final class SecureUpdates implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecureUpdates.class);

  private final ClientConfig config;
  private final InstantSource clock;
  private final Optional<PlanPolicy> policy;
  private volatile SecAggChannel channel;
  private SecureSession session;
  private ClientStateStore store;

  SecureUpdates(ClientConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.policy = config.secureAggregationPolicy().map(p -> new PlanPolicy(p, config.identity().id()));
  }

  /**
   * Why the client's {@link SecureAggregationPolicy} forbids answering {@code plan} at all (with a
   * secure session or a plain update); empty when it has no policy or the plan keeps it.
   */
  Optional<String> refusal(RoundPlan plan) {
    return policy.flatMap(p -> p.refusal(plan));
  }

  /** Runs the round's session with {@code vector}; returns the phase it ended in, if any. */
  Optional<ClientPhase> take(RoundPlan plan, float[] vector, BooleanSupplier stop) {
    if (session == null) {
      channel = new SecAggChannel(config.kafkaSettings(), config.topics(), config.identity().id());
      store = store();
      session = new SecureSession(config.identity(), config.coordinatorKey(), channel, store,
          config.secureSessionHook(), config.maxFrameBytes(), config.reassemblyLimits(), clock);
      policy.ifPresent(session::trustPeersFrom);
    }
    int forgotten = store.forgetRoundsBefore(JobId.of(plan.getJobId()), plan.getRound(), config.identity().id());
    if (forgotten > 0) {
      LOG.info("client {} round {}: deleted {} secure-aggregation session state(s) of earlier rounds",
          config.identity().id(), plan.getRound(), forgotten);
    }
    Optional<ClientPhase> end = session.run(plan, vector, stop);
    LOG.info("client {} round {}: secure aggregation ended in {}", config.identity().id(), plan.getRound(),
        end.map(Enum::name).orElse("no group"));
    return end;
  }

  private ClientStateStore store() {
    if (config.secureStateDirectory().isEmpty()) {
      return ClientStateStore.inMemory();
    }
    try {
      return ClientStateStore.inDirectory(Files.createDirectories(config.secureStateDirectory().get()));
    } catch (IOException e) {
      throw new RampartException("cannot create secure-aggregation state directory "
          + config.secureStateDirectory().get() + ": " + e.getMessage(), e);
    }
  }

  /** Ends a blocking read early; safe from any thread. */
  void wakeup() {
    SecAggChannel c = channel;
    if (c != null) {
      c.wakeup();
    }
  }

  @Override
  public void close() {
    SecAggChannel c = channel;
    if (c != null) {
      c.close();
    }
  }
}
