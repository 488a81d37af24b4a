/**
 * Data for simulated clients: the IDX reader and Fashion-MNIST loader, non-IID partitions
 * (IID, Dirichlet, extreme, γ-similarity) and data poisoning (label flipping, pixel backdoor).
 */
package dev.rampart.simulator.data;
