package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.wire.ModelDescriptor;
import java.math.BigInteger;

/**
 * Fuzz target: the model descriptor of a round plan, as a client reads it with
 * {@link ModelLayout#fromWire}. Only {@link RampartException} (the documented refusal) may escape; a
 * layout that is accepted holds exactly as many parameters as its shapes multiply and add up to
 * (counted without overflow), and survives a wire round trip unchanged.
 */
class ModelLayoutFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void fromWire(byte[] serialized) {
    ModelDescriptor wire;
    try {
      wire = ModelDescriptor.parseFrom(serialized);
    } catch (InvalidProtocolBufferException notAMessage) {
      return;
    }
    ModelLayout layout;
    try {
      layout = ModelLayout.fromWire(wire);
    } catch (RampartException expected) {
      return;
    }
    BigInteger exact = BigInteger.ZERO;
    for (ModelLayout.Layer l : layout.layers()) {
      for (ModelLayout.Parameter p : l.parameters()) {
        BigInteger size = BigInteger.ONE;
        for (long d : p.shape()) {
          size = size.multiply(BigInteger.valueOf(d));
        }
        exact = exact.add(size);
      }
    }
    assertThat(exact).as("the shapes' exact total").isEqualTo(BigInteger.valueOf(layout.parameterCount()));
    assertThat(ModelLayout.fromWire(layout.toWire())).isEqualTo(layout);
  }
}
