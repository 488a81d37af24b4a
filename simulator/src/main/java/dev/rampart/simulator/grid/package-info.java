/**
 * Scenario grids: a YAML file whose lists expand into runs on one shared broker, and the results
 * table (worst case over attacks per defence) and heatmaps written from them.
 */
package dev.rampart.simulator.grid;
