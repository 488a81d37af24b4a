/**
 * Labelled data held in memory ({@link dev.rampart.cli.data.Dataset}), the bundled UCI digits, the
 * IDX reader and the train-loss format the processes and the simulator print.
 */
package dev.rampart.cli.data;
