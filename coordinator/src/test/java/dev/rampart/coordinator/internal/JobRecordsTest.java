package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRecordsTest {
  @Test
  void settings_saslJaasConfigWithPassword_recordsThePropertyNameButNotItsValue() {
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"coordinator\" "
        + "password=\"s3cret-in-jaas\";";
    CoordinatorConfig config = CoordinatorConfig.builder().job(JobId.of("records"))
        .bootstrapServers("127.0.0.1:9092").identity(Identity.generate("coordinator", new SecureRandom()))
        .registry(ClientRegistry.empty().withClient("c0", Identity.generate("c0", new SecureRandom()).publicKey()))
        .initialModel(new float[4]).rounds(1)
        .kafkaProperty("sasl.jaas.config", jaas)
        .kafkaProperty("ssl.truststore.password", "s3cret-truststore")
        .build();

    Map<String, Object> settings = JobRecords.settings(config, "average", ResumePoint.fresh());

    assertThat(settings.get("kafkaPropertyNames").toString()).contains("sasl.jaas.config", "ssl.truststore.password");
    assertThat(settings.toString()).doesNotContain("s3cret-in-jaas", "s3cret-truststore");
  }
}
