package dev.rampart.simulator;

import dev.rampart.client.ClientConfig;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.FederatedClient;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Wires a coordinator and client threads on one broker for integration tests. */
final class JobHarness implements AutoCloseable {
  final JobId job;
  final String bootstrap;
  final Identity coordinator;
  private JobHarness parent;
  final List<Identity> clients = new ArrayList<>();
  final List<RoundSummary> rounds = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<FederatedClient> running = new ArrayList<>();
  private final List<Future<ClientRunSummary>> results = new ArrayList<>();
  private ClientRegistry registry = ClientRegistry.empty();

  private JobHarness(JobHarness original) {
    this.job = original.job;
    this.bootstrap = original.bootstrap;
    this.clients.addAll(original.clients);
    this.registry = original.registry;
    this.coordinator = original.coordinator;
    this.parent = original;
  }

  /** The clients enrolled so far. */
  ClientRegistry registry() {
    return registry;
  }

  /** A harness for the same job, identities and registry, with fresh client threads. */
  JobHarness restartClients() {
    return new JobHarness(this);
  }

  JobHarness(String job, String bootstrap, int clientCount) {
    this.job = JobId.of(job);
    this.bootstrap = bootstrap;
    this.coordinator = Identity.generate("coordinator", new SecureRandom());
    for (int i = 0; i < clientCount; i++) {
      enroll(Identity.generate("client-" + i, new SecureRandom()));
    }
  }

  Identity enroll(Identity identity) {
    registry = registry.withClient(identity.id(), identity.publicKey());
    clients.add(identity);
    return identity;
  }

  CoordinatorConfig.Builder config(float[] initialModel, int rounds) {
    return CoordinatorConfig.builder().job(job).bootstrapServers(bootstrap).identity(coordinator)
        .registry(registry).initialModel(initialModel).rounds(rounds).roundTimeout(Duration.ofSeconds(60));
  }

  ClientConfig clientConfig(Identity identity) {
    return clientConfigBuilder(identity).build();
  }

  ClientConfig.Builder clientConfigBuilder(Identity identity) {
    return ClientConfig.builder().identity(identity).coordinatorKey(coordinator.publicKey()).job(job)
        .bootstrapServers(bootstrap).stopAfterFinalRound(parent == null);
  }

  void startClient(ClientConfig config, LocalTrainer trainer, UpdateTransform transform) {
    FederatedClient client = FederatedClient.create(config, trainer, transform, Clock.systemUTC());
    running.add(client);
    results.add(pool.submit(client::run));
  }

  void startClient(Identity identity, LocalTrainer trainer) {
    FederatedClient client = FederatedClient.create(clientConfig(identity), trainer);
    running.add(client);
    results.add(pool.submit(client::run));
  }

  /** Starts a client whose updates pass through {@code transform} (a Byzantine behaviour). */
  void startClient(Identity identity, LocalTrainer trainer, dev.rampart.client.UpdateTransform transform) {
    FederatedClient client = FederatedClient.create(clientConfig(identity), trainer, transform, Clock.systemUTC());
    running.add(client);
    results.add(pool.submit(client::run));
  }

  void submit(Runnable task) {
    pool.submit(task);
  }

  JobSummary runCoordinator(CoordinatorConfig config, Consumer<RoundSummary> also) {
    try (Coordinator c = Coordinator.create(config, Clock.systemUTC())) {
      return c.run(summary -> {
        rounds.add(summary);
        if (parent != null) {
          parent.rounds.add(summary);
        }
        also.accept(summary);
      });
    }
  }

  /** Waits for clients that stop by themselves; a restarted harness closes its clients instead. */
  List<ClientRunSummary> awaitClients() throws Exception {
    if (parent != null) {
      running.forEach(FederatedClient::close);
    }
    List<ClientRunSummary> out = new ArrayList<>();
    for (Future<ClientRunSummary> f : results) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Override
  public void close() {
    running.forEach(FederatedClient::close);
    pool.shutdownNow();
  }
}
