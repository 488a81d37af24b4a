/**
 * The LAD paper's linear-regression experiment reproduced in memory ({@link
 * dev.rampart.experiments.lad.LadExperiment}): coded and uncoded training under attack, the result
 * tables and the figures in {@code docs/results/lad/}.
 */
package dev.rampart.experiments.lad;
