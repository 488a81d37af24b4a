/**
 * The audit trail of a Rampart run: a hash-chained, Ed25519-signed, append-only log
 * ({@link dev.rampart.audit.AuditLog}), its verification ({@link dev.rampart.audit.AuditVerifier}),
 * queries ({@link dev.rampart.audit.AuditQuery}), a content-addressed model store with lineage
 * ({@link dev.rampart.audit.ModelStore}) and the HTML governance report
 * ({@link dev.rampart.audit.GovernanceReport}). Plain Java: no Kafka types; the coordinator
 * mirrors records to the audit topic through {@link dev.rampart.audit.AuditLog.Options.Builder#mirror}.
 *
 * <h2>Suggested run directory</h2>
 * <pre>
 * &lt;run&gt;/audit/audit-000001.log ...   segment files (format on {@link dev.rampart.audit.AuditLog})
 * &lt;run&gt;/audit/audit.lock              writer lock
 * &lt;run&gt;/audit/quarantine/             torn tails moved aside by repairTornTail
 * &lt;run&gt;/models/&lt;digest&gt;.bin           model versions
 * &lt;run&gt;/models/lineage.jsonl           version, parent, round, audit sequence
 * </pre>
 *
 * <h2>Wiring</h2>
 * <ul>
 *   <li>Coordinator: {@code AuditLog.open(runDir.resolve("audit"), identity, options)} with a
 *       mirror that sends each line to the audit topic (key: the decimal {@code seq}); bodies from
 *       {@link dev.rampart.audit.AuditEvents}. Store a model with
 *       {@code store.put(params, parentDigest, round, log.lastSequence() + 1)} and then append its
 *       {@code AGGREGATE_COMMITTED} record; for a rollback, {@code store.byVersion(v)} or
 *       {@code byRound(r)}, {@code store.get(ref.digest())}, append
 *       {@code AuditEvents.rollback(...)}, and train on from that model. On restart, {@code open}
 *       continues the chain or refuses with an {@link dev.rampart.audit.AuditIntegrityException}.
 *   <li>{@code rampart audit verify}: {@link dev.rampart.audit.AuditVerifier#verify} (or
 *       {@link dev.rampart.audit.AuditVerifier#compareMirror} with the topic's records), print
 *       {@link dev.rampart.audit.VerificationResult#summary()}, exit with
 *       {@link dev.rampart.audit.VerificationResult#exitCode()}; exit 2 on an
 *       {@link dev.rampart.audit.AuditException} or a usage error.
 *   <li>{@code rampart audit show}: {@link dev.rampart.audit.AuditQuery#load}, filters,
 *       {@link dev.rampart.audit.AuditQuery#table} or {@link dev.rampart.audit.AuditQuery#jsonLines}.
 *   <li>{@code rampart audit report}: {@link dev.rampart.audit.GovernanceReport#renderVerified}.
 * </ul>
 */
package dev.rampart.audit;
