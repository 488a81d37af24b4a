package dev.rampart.audit;

/**
 * The kinds of audit record. Each constant documents the fields of its body; {@link AuditEvents}
 * builds these bodies so callers do not assemble maps by hand. Numbers that may be undefined
 * (NaN in Java) are written as JSON {@code null}. Client ids, digests and rule specs are strings;
 * rounds, versions and counts are integers.
 */
public enum RecordType {
  /**
   * The job and everything needed to judge and replay it. Body: {@code jobId}, {@code codeVersion},
   * {@code threatModel} (object: {@code assumedByzantine}, {@code clientCount},
   * {@code aggregation}, {@code clientAuthentication}, {@code secureAggregation},
   * {@code groupSize}, {@code groupCount}, {@code compression}, {@code maxUpdateNorm} (null when
   * unbounded), {@code maxUpdateBytes}), {@code seeds} (object: name → integer seed),
   * {@code settings} (object: every other setting, as given).
   */
  JOB_STARTED,
  /**
   * A round's plan. Body: {@code round}, {@code modelVersion} (the version clients train on),
   * {@code participants} (client ids), {@code tasks} (object: client id → list of shard indices;
   * empty in federated mode), {@code groups} (list of lists of client ids; empty without secure
   * aggregation).
   */
  ROUND_PLANNED,
  /**
   * A round's intake closed: from here on nothing that arrives counts for the round. Written
   * before the round's accepted updates and rejections, and before the coordinator waits on the
   * broker again, so its time is when the decision was made. Body: {@code round},
   * {@code deadline} (ISO-8601 instant the plan stated), {@code closedBy} ({@code ALL_ANSWERED}
   * when the intake ended before the deadline because every participant had an accepted update, or
   * in a secure round every group had finished; else {@code DEADLINE}),
   * {@code accepted} (updates, or unmasked groups in a secure round, that enter aggregation),
   * {@code rejected} (messages refused while the round was open).
   */
  ROUND_CLOSED,
  /**
   * An update passed every check and enters aggregation. Body: {@code round}, {@code client},
   * {@code modelVersion} (the version it was computed on), {@code updateDigest} (hex SHA-256 of
   * the update's signed body, the digest its envelope signature covers; for a secure group's
   * unmasked mean, the model digest of that mean), {@code samples} (the client's sample count, 0
   * when not reported).
   */
  UPDATE_ACCEPTED,
  /**
   * A message was refused. Body: {@code round}, {@code client} (the claimed sender, {@code "?"}
   * when unreadable), {@code reason} (a {@code RejectionReason} name), {@code detail}.
   */
  UPDATE_REJECTED,
  /**
   * The bounded summary of one round's rejections that are not recorded one by one: every
   * rejection of a message nobody authenticated, and an enrolled sender's rejections beyond the
   * per-round cap (see {@link RejectionTally}). At most one per round; its size does not grow with
   * the number of rejections. Body: {@code round}, {@code total} (rejections summarised),
   * {@code byReason} (object: {@code RejectionReason} name → count, complete),
   * {@code bySender} (list of objects {@code client}, {@code count}: the senders with the most
   * rejections, claimed and escaped, at most {@link RejectionTally#MAX_SENDERS_SHOWN}),
   * {@code otherSenders} (rejections not attributed to a listed sender), {@code senderCountsExact}
   * (false when more distinct senders were seen than tracked; each listed count is then an upper
   * bound), {@code samples} (list of objects {@code client}, {@code reason}, {@code detail}: the
   * first {@link RejectionTally#MAX_SAMPLES} rejections, truncated).
   */
  REJECTIONS_SUMMARIZED,
  /**
   * The aggregation pipeline's per-client evidence for one round. Body: {@code round},
   * {@code rule}, {@code clients} (list of objects: {@code client}, {@code excluded},
   * {@code weight}, {@code trimmedShare}, {@code clipScale}, {@code score},
   * {@code distanceToAggregate}, {@code suspected}), {@code suspected} (ids of suspected clients).
   */
  ANOMALY,
  /**
   * A new model version was made and stored. Body: {@code round}, {@code rule}, {@code inputs}
   * (ids of the clients whose updates were aggregated), {@code modelVersion},
   * {@code modelDigest}, {@code parentDigest} (the version it was computed from), {@code metrics}
   * (object: name → number or null; see {@link AuditEvents#METRIC_TRAIN_LOSS} and
   * {@link AuditEvents#METRIC_TEST_ACCURACY}).
   */
  AGGREGATE_COMMITTED,
  /**
   * An operator rolled the model back; training continues from {@code toVersion}. Body:
   * {@code fromVersion}, {@code toVersion}, {@code toRound} (the round that produced it),
   * {@code toDigest}, {@code reason}, {@code operator}.
   */
  ROLLBACK,
  /**
   * The job ended. Body: {@code status} (e.g. {@code COMPLETED}, {@code FAILED},
   * {@code STOPPED}), {@code rounds} (rounds run), {@code finalVersion}, {@code finalDigest},
   * {@code detail}.
   */
  JOB_ENDED,
  /**
   * Written by {@link AuditLog#repairTornTail}: a torn tail was moved out of the chain. Body:
   * {@code segment} (file name), {@code byteOffset}, {@code length}, {@code sha256} (of the torn
   * bytes), {@code quarantineFile} (path relative to the audit directory), {@code operator}.
   */
  TAIL_REPAIRED
}
