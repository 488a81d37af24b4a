package dev.rampart.simulator.grid;

/**
 * What one grid run measured. Immutable.
 *
 * @param cell the settings
 * @param runId the run folder (its audit trail records the seeds and settings)
 * @param finalAccuracy test accuracy of the last model, in [0, 1]; NaN when no round committed
 * @param backdoorSuccess attack success rate on triggered test inputs, NaN unless the attack is a backdoor
 * @param committedRounds rounds whose aggregate was committed
 * @param rejectedUpdates updates the coordinator refused (non-finite vectors among them)
 * @param seconds wall time of the run
 * @param error why the run failed, empty when it did not
 */
public record CellResult(GridCell cell, String runId, double finalAccuracy, double backdoorSuccess, long committedRounds,
    long rejectedUpdates, double seconds, String error) {}
