/**
 * Codec implementations and their byte-level machinery (bounds-checked readers, bit packing,
 * binary16 conversion, the rand-k index sampler). Not API: use {@code
 * dev.rampart.compression.Compressors}.
 */
package dev.rampart.compression.internal;
