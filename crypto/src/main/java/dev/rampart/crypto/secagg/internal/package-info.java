/**
 * Building blocks of the secure-aggregation package that know nothing of its types: the
 * length-prefixed wire reader and writer, and sliced parallel execution of mask expansion.
 */
package dev.rampart.crypto.secagg.internal;
