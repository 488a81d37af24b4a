/**
 * The end-to-end round benchmark: a broker, a coordinator and ten clients in JVMs of their own on
 * one machine, a trainer that does no training, and the plain-Kafka floor moving the same bytes
 * with the same fan-out on the same broker. {@code benchmarks/run-round.sh} starts the JVMs;
 * {@code benchmarks/round_report.py} turns what they write into the results table.
 */
package dev.rampart.benchmarks.round;
