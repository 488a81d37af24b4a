/**
 * The {@code rampart} command line and the in-process simulation: data sets, Byzantine behaviours, run summaries.
 */
package dev.rampart.simulator;
