package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.wire.LayerLayout;
import dev.rampart.protocol.wire.ModelDescriptor;
import dev.rampart.protocol.wire.ParameterShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelLayoutTest {
  private static final String DIGEST = "ab".repeat(32);

  private static ModelLayout.Layer conv(String name, long channels) {
    return new ModelLayout.Layer(name, "ConvolutionLayer", "relu", List.of(
        new ModelLayout.Parameter("W", List.of(channels, 1L, 3L, 3L)), new ModelLayout.Parameter("b", List.of(1L, channels))));
  }

  private static ModelLayout.Layer dense(String name, long in, long out) {
    return new ModelLayout.Layer(name, "OutputLayer", "softmax", List.of(
        new ModelLayout.Parameter("W", List.of(in, out)), new ModelLayout.Parameter("b", List.of(1L, out))));
  }

  private static ModelLayout layout(ModelLayout.Layer... layers) {
    long count = 0;
    for (ModelLayout.Layer l : layers) {
      count += l.parameterCount();
    }
    return new ModelLayout(List.of(layers), count, DIGEST);
  }

  @Test
  void firstDifference_sameLayers_isEmptyEvenWhenTheConfigurationDigestDiffers() {
    ModelLayout job = layout(conv("c", 4), dense("out", 64, 10));
    ModelLayout mine = new ModelLayout(job.layers(), job.parameterCount(), "cd".repeat(32));
    assertThat(job.firstDifference(mine)).isEmpty();
  }

  @Test
  void firstDifference_namesTheFirstLayerWhoseShapesDiffer() {
    ModelLayout job = layout(conv("c", 4), dense("out", 64, 10));
    ModelLayout mine = layout(conv("c", 4), dense("out", 64, 9));
    assertThat(job.firstDifference(mine)).hasValueSatisfying(why -> assertThat(why)
        .startsWith("layer 1 differs").contains("'out' OutputLayer softmax W [64, 10], b [1, 10]")
        .contains("W [64, 9], b [1, 9]"));
  }

  @Test
  void firstDifference_namesAMissingOrExtraLayer() {
    ModelLayout job = layout(conv("c", 4), dense("out", 64, 10));
    assertThat(job.firstDifference(layout(conv("c", 4)))).hasValueSatisfying(why -> assertThat(why)
        .contains("the job's network has 2 layers, this network 1").contains("the job's layer 1 'out'"));
    assertThat(layout(conv("c", 4)).firstDifference(job)).hasValueSatisfying(why -> assertThat(why)
        .contains("this network's layer 1 'out' OutputLayer"));
  }

  @Test
  void firstDifference_activationAlone_isADifference() {
    ModelLayout.Layer tanh = new ModelLayout.Layer("c", "ConvolutionLayer", "tanh", conv("c", 4).parameters());
    assertThat(layout(conv("c", 4)).firstDifference(layout(tanh))).hasValueSatisfying(why ->
        assertThat(why).startsWith("layer 0 differs").contains("relu").contains("tanh"));
  }

  @Test
  void wire_roundTrips() throws Exception {
    ModelLayout job = layout(conv("c", 4), dense("out", 64, 10));
    ModelDescriptor wire = job.toWire();
    assertThat(ModelLayout.fromWire(wire)).isEqualTo(job);
    assertThat(ModelLayout.fromWire(ModelDescriptor.parseFrom(wire.toByteArray())).sha256Hex())
        .isEqualTo(job.sha256Hex());
  }

  @Test
  void fromWire_countThatDoesNotAddUp_isRefusedNamingBoth() {
    ModelDescriptor wire = layout(conv("c", 4)).toWire().toBuilder().setParameterCount(5).build();
    assertThatThrownBy(() -> ModelLayout.fromWire(wire)).isInstanceOf(RampartException.class)
        .hasMessageContaining("the layers hold 40 parameters, but parameterCount=5");
  }

  @Test
  void fromWire_layerWhoseParametersOverflowALong_isRefused() {
    // Two arrays of 2^62 floats: their sum wraps to Long.MIN_VALUE, which the count then claims.
    ModelDescriptor wire = ModelDescriptor.newBuilder().setParameterCount(Long.MIN_VALUE)
        .addLayers(LayerLayout.newBuilder().setName("huge").setType("DenseLayer")
            .addParameters(ParameterShape.newBuilder().setName("W").addShape(1L << 62))
            .addParameters(ParameterShape.newBuilder().setName("b").addShape(1L << 62)))
        .build();
    assertThatThrownBy(() -> ModelLayout.fromWire(wire)).isInstanceOf(RampartException.class)
        .hasMessageContaining("malformed model layout");
  }

  @Test
  void constructor_refusesAMalformedDigest() {
    assertThatThrownBy(() -> new ModelLayout(List.of(), 0, "XYZ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'XYZ'");
  }
}
