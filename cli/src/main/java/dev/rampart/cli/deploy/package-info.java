/**
 * Running a job as separate processes that share nothing but a Kafka cluster:
 * {@code rampart coordinator --config coordinator.yaml}, {@code rampart client --config client.yaml},
 * their strictly checked YAML files ({@link dev.rampart.cli.deploy.DeploySchemas} is the
 * reference), Kafka security passthrough and bounded start-up checks.
 */
package dev.rampart.cli.deploy;
