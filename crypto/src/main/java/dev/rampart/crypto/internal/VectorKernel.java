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

  // One ChaCha20 state word per local: sixteen locals rather than an array keep the vectors in
  // registers. Each round line is one add-xor-rotate step of a quarter round (a += b; d ^= a;
  // d <<<= r) with the addition written as the assignment inside the xor: the receiver d is read
  // first, so the order of operations is the reference one.
  private static void accumulate(int[] state, int firstCounter, boolean subtract, int[] acc) {
    IntVector counters = IntVector.fromArray(SPECIES, IOTA, 0).add(firstCounter);
    IntVector x0 = broadcast(state, 0), x1 = broadcast(state, 1), x2 = broadcast(state, 2), x3 = broadcast(state, 3);
    IntVector x4 = broadcast(state, 4), x5 = broadcast(state, 5), x6 = broadcast(state, 6), x7 = broadcast(state, 7);
    IntVector x8 = broadcast(state, 8), x9 = broadcast(state, 9), x10 = broadcast(state, 10), x11 = broadcast(state, 11);
    IntVector x12 = counters, x13 = broadcast(state, 13), x14 = broadcast(state, 14), x15 = broadcast(state, 15);
    for (int r = 0; r < ROUNDS; r += 2) {
      // column rounds
      x12 = x12.lanewise(XOR, x0 = x0.add(x4)).lanewise(ROL, 16);
      x4 = x4.lanewise(XOR, x8 = x8.add(x12)).lanewise(ROL, 12);
      x12 = x12.lanewise(XOR, x0 = x0.add(x4)).lanewise(ROL, 8);
      x4 = x4.lanewise(XOR, x8 = x8.add(x12)).lanewise(ROL, 7);
      x13 = x13.lanewise(XOR, x1 = x1.add(x5)).lanewise(ROL, 16);
      x5 = x5.lanewise(XOR, x9 = x9.add(x13)).lanewise(ROL, 12);
      x13 = x13.lanewise(XOR, x1 = x1.add(x5)).lanewise(ROL, 8);
      x5 = x5.lanewise(XOR, x9 = x9.add(x13)).lanewise(ROL, 7);
      x14 = x14.lanewise(XOR, x2 = x2.add(x6)).lanewise(ROL, 16);
      x6 = x6.lanewise(XOR, x10 = x10.add(x14)).lanewise(ROL, 12);
      x14 = x14.lanewise(XOR, x2 = x2.add(x6)).lanewise(ROL, 8);
      x6 = x6.lanewise(XOR, x10 = x10.add(x14)).lanewise(ROL, 7);
      x15 = x15.lanewise(XOR, x3 = x3.add(x7)).lanewise(ROL, 16);
      x7 = x7.lanewise(XOR, x11 = x11.add(x15)).lanewise(ROL, 12);
      x15 = x15.lanewise(XOR, x3 = x3.add(x7)).lanewise(ROL, 8);
      x7 = x7.lanewise(XOR, x11 = x11.add(x15)).lanewise(ROL, 7);
      // diagonal rounds
      x15 = x15.lanewise(XOR, x0 = x0.add(x5)).lanewise(ROL, 16);
      x5 = x5.lanewise(XOR, x10 = x10.add(x15)).lanewise(ROL, 12);
      x15 = x15.lanewise(XOR, x0 = x0.add(x5)).lanewise(ROL, 8);
      x5 = x5.lanewise(XOR, x10 = x10.add(x15)).lanewise(ROL, 7);
      x12 = x12.lanewise(XOR, x1 = x1.add(x6)).lanewise(ROL, 16);
      x6 = x6.lanewise(XOR, x11 = x11.add(x12)).lanewise(ROL, 12);
      x12 = x12.lanewise(XOR, x1 = x1.add(x6)).lanewise(ROL, 8);
      x6 = x6.lanewise(XOR, x11 = x11.add(x12)).lanewise(ROL, 7);
      x13 = x13.lanewise(XOR, x2 = x2.add(x7)).lanewise(ROL, 16);
      x7 = x7.lanewise(XOR, x8 = x8.add(x13)).lanewise(ROL, 12);
      x13 = x13.lanewise(XOR, x2 = x2.add(x7)).lanewise(ROL, 8);
      x7 = x7.lanewise(XOR, x8 = x8.add(x13)).lanewise(ROL, 7);
      x14 = x14.lanewise(XOR, x3 = x3.add(x4)).lanewise(ROL, 16);
      x4 = x4.lanewise(XOR, x9 = x9.add(x14)).lanewise(ROL, 12);
      x14 = x14.lanewise(XOR, x3 = x3.add(x4)).lanewise(ROL, 8);
      x4 = x4.lanewise(XOR, x9 = x9.add(x14)).lanewise(ROL, 7);
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

  private static IntVector broadcast(int[] state, int word) {
    return IntVector.broadcast(SPECIES, state[word]);
  }

  private static void store(IntVector words, boolean subtract, int[] acc, int offset) {
    IntVector current = IntVector.fromArray(SPECIES, acc, offset);
    (subtract ? current.sub(words) : current.add(words)).intoArray(acc, offset);
  }
}
