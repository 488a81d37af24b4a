package dev.rampart.crypto.internal;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link BlockKernel}: one ChaCha20 state word per vector register, one block per lane,
 * with the JDK's vector API ({@code jdk.incubator.vector}, which the JVM must be started with:
 * {@code --add-modules jdk.incubator.vector}). With AVX-512 that is 16 blocks per call; with AVX2,
 * 8.
 *
 * <p>Loaded only through {@link Kernels}, which checks that the module is present and compares
 * this kernel's output with {@link ScalarKernel}'s before using it. Stateless and thread-safe.
 */
final class VectorKernel implements BlockKernel {
  private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final int ROUNDS = 20;
  private static final int[] IOTA = new int[LANES];

  static {
    for (int l = 0; l < LANES; l++) {
      IOTA[l] = l;
    }
  }

  VectorKernel() {}

  @Override
  public int lanes() {
    return LANES;
  }

  @Override
  public String description() {
    return "vector, " + LANES + " lanes";
  }

  @Override
  public Worker worker() {
    return VectorKernel::accumulate;
  }

  private static void accumulate(int[] state, int firstCounter, boolean subtract, int[] acc) {
    IntVector counters = IntVector.fromArray(SPECIES, IOTA, 0).add(firstCounter);
    IntVector x0 = IntVector.broadcast(SPECIES, state[0]);
    IntVector x1 = IntVector.broadcast(SPECIES, state[1]);
    IntVector x2 = IntVector.broadcast(SPECIES, state[2]);
    IntVector x3 = IntVector.broadcast(SPECIES, state[3]);
    IntVector x4 = IntVector.broadcast(SPECIES, state[4]);
    IntVector x5 = IntVector.broadcast(SPECIES, state[5]);
    IntVector x6 = IntVector.broadcast(SPECIES, state[6]);
    IntVector x7 = IntVector.broadcast(SPECIES, state[7]);
    IntVector x8 = IntVector.broadcast(SPECIES, state[8]);
    IntVector x9 = IntVector.broadcast(SPECIES, state[9]);
    IntVector x10 = IntVector.broadcast(SPECIES, state[10]);
    IntVector x11 = IntVector.broadcast(SPECIES, state[11]);
    IntVector x12 = counters;
    IntVector x13 = IntVector.broadcast(SPECIES, state[13]);
    IntVector x14 = IntVector.broadcast(SPECIES, state[14]);
    IntVector x15 = IntVector.broadcast(SPECIES, state[15]);
    for (int r = 0; r < ROUNDS; r += 2) {
      // column rounds
      x0 = x0.add(x4);
      x12 = x12.lanewise(XOR, x0).lanewise(ROL, 16);
      x8 = x8.add(x12);
      x4 = x4.lanewise(XOR, x8).lanewise(ROL, 12);
      x0 = x0.add(x4);
      x12 = x12.lanewise(XOR, x0).lanewise(ROL, 8);
      x8 = x8.add(x12);
      x4 = x4.lanewise(XOR, x8).lanewise(ROL, 7);
      x1 = x1.add(x5);
      x13 = x13.lanewise(XOR, x1).lanewise(ROL, 16);
      x9 = x9.add(x13);
      x5 = x5.lanewise(XOR, x9).lanewise(ROL, 12);
      x1 = x1.add(x5);
      x13 = x13.lanewise(XOR, x1).lanewise(ROL, 8);
      x9 = x9.add(x13);
      x5 = x5.lanewise(XOR, x9).lanewise(ROL, 7);
      x2 = x2.add(x6);
      x14 = x14.lanewise(XOR, x2).lanewise(ROL, 16);
      x10 = x10.add(x14);
      x6 = x6.lanewise(XOR, x10).lanewise(ROL, 12);
      x2 = x2.add(x6);
      x14 = x14.lanewise(XOR, x2).lanewise(ROL, 8);
      x10 = x10.add(x14);
      x6 = x6.lanewise(XOR, x10).lanewise(ROL, 7);
      x3 = x3.add(x7);
      x15 = x15.lanewise(XOR, x3).lanewise(ROL, 16);
      x11 = x11.add(x15);
      x7 = x7.lanewise(XOR, x11).lanewise(ROL, 12);
      x3 = x3.add(x7);
      x15 = x15.lanewise(XOR, x3).lanewise(ROL, 8);
      x11 = x11.add(x15);
      x7 = x7.lanewise(XOR, x11).lanewise(ROL, 7);
      // diagonal rounds
      x0 = x0.add(x5);
      x15 = x15.lanewise(XOR, x0).lanewise(ROL, 16);
      x10 = x10.add(x15);
      x5 = x5.lanewise(XOR, x10).lanewise(ROL, 12);
      x0 = x0.add(x5);
      x15 = x15.lanewise(XOR, x0).lanewise(ROL, 8);
      x10 = x10.add(x15);
      x5 = x5.lanewise(XOR, x10).lanewise(ROL, 7);
      x1 = x1.add(x6);
      x12 = x12.lanewise(XOR, x1).lanewise(ROL, 16);
      x11 = x11.add(x12);
      x6 = x6.lanewise(XOR, x11).lanewise(ROL, 12);
      x1 = x1.add(x6);
      x12 = x12.lanewise(XOR, x1).lanewise(ROL, 8);
      x11 = x11.add(x12);
      x6 = x6.lanewise(XOR, x11).lanewise(ROL, 7);
      x2 = x2.add(x7);
      x13 = x13.lanewise(XOR, x2).lanewise(ROL, 16);
      x8 = x8.add(x13);
      x7 = x7.lanewise(XOR, x8).lanewise(ROL, 12);
      x2 = x2.add(x7);
      x13 = x13.lanewise(XOR, x2).lanewise(ROL, 8);
      x8 = x8.add(x13);
      x7 = x7.lanewise(XOR, x8).lanewise(ROL, 7);
      x3 = x3.add(x4);
      x14 = x14.lanewise(XOR, x3).lanewise(ROL, 16);
      x9 = x9.add(x14);
      x4 = x4.lanewise(XOR, x9).lanewise(ROL, 12);
      x3 = x3.add(x4);
      x14 = x14.lanewise(XOR, x3).lanewise(ROL, 8);
      x9 = x9.add(x14);
      x4 = x4.lanewise(XOR, x9).lanewise(ROL, 7);
    }
    store(x0.add(state[0]), subtract, acc, 0 * LANES);
    store(x1.add(state[1]), subtract, acc, 1 * LANES);
    store(x2.add(state[2]), subtract, acc, 2 * LANES);
    store(x3.add(state[3]), subtract, acc, 3 * LANES);
    store(x4.add(state[4]), subtract, acc, 4 * LANES);
    store(x5.add(state[5]), subtract, acc, 5 * LANES);
    store(x6.add(state[6]), subtract, acc, 6 * LANES);
    store(x7.add(state[7]), subtract, acc, 7 * LANES);
    store(x8.add(state[8]), subtract, acc, 8 * LANES);
    store(x9.add(state[9]), subtract, acc, 9 * LANES);
    store(x10.add(state[10]), subtract, acc, 10 * LANES);
    store(x11.add(state[11]), subtract, acc, 11 * LANES);
    store(x12.add(counters), subtract, acc, 12 * LANES);
    store(x13.add(state[13]), subtract, acc, 13 * LANES);
    store(x14.add(state[14]), subtract, acc, 14 * LANES);
    store(x15.add(state[15]), subtract, acc, 15 * LANES);
  }

  private static void store(IntVector words, boolean subtract, int[] acc, int offset) {
    IntVector current = IntVector.fromArray(SPECIES, acc, offset);
    (subtract ? current.sub(words) : current.add(words)).intoArray(acc, offset);
  }
}
