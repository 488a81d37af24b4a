/**
 * Numeric kernels behind the aggregation rules: validation, parallel blocking, pairwise distances,
 * sorting networks for coordinate-wise statistics, quickselect and vector combinations. Not API:
 * these types may change without notice.
 */
package dev.rampart.aggregation.internal;
