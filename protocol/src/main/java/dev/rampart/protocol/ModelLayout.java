package dev.rampart.protocol;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.LayerLayout;
import dev.rampart.protocol.wire.ModelDescriptor;
import dev.rampart.protocol.wire.ParameterShape;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the model vector is: the layers of a network in the order their parameters appear in it,
 * each with its name, type, activation and parameter shapes, the total parameter count and the
 * SHA-256 of the network's configuration. The coordinator publishes it with every round plan of a
 * job whose model is a described network; a client compares its own network's layout with it
 * ({@link #firstDifference}) and refuses to take part when they differ, because a vector of the
 * right length can still be read as the wrong weights.
 *
 * <p>The configuration digest covers the whole configuration, including what a client may choose
 * for itself (updater, learning rate, seed), so it is reported but is not part of the match.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layers the layers in parameter order
 * @param parameterCount the model vector's length
 * @param configurationSha256Hex the SHA-256 of the configuration JSON, lowercase hex, or empty
 */
public record ModelLayout(List<Layer> layers, long parameterCount, String configurationSha256Hex) {
  /**
   * One layer.
   *
   * @param name the layer's name
   * @param type the layer's configuration class, e.g. {@code ConvolutionLayer}
   * @param activation its activation function, empty when it has none
   * @param parameters its parameter arrays in vector order
   */
  public record Layer(String name, String type, String activation, List<Parameter> parameters) {
    /** Checks and copies. */
    public Layer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(activation, "activation");
      parameters = List.copyOf(parameters);
    }

    /**
     * Parameters in this layer.
     *
     * @throws ArithmeticException when the count does not fit a long
     */
    public long parameterCount() {
      // Exact: a stream sum would wrap, and a layout could then claim the wrapped total.
      long n = 0;
      for (Parameter p : parameters) {
        n = Math.addExact(n, p.size());
      }
      return n;
    }

    /** E.g. {@code 'layer2' ConvolutionLayer relu W [16, 6, 5, 5], b [1, 16]}. */
    public String describe() {
      String params = parameters.isEmpty() ? "no parameters"
          : parameters.stream().map(Parameter::describe).collect(Collectors.joining(", "));
      return "'" + name + "' " + type + (activation.isEmpty() ? "" : " " + activation) + " " + params;
    }
  }

  /**
   * One parameter array.
   *
   * @param name its key within the layer, e.g. {@code W}
   * @param shape its dimensions, each at least 0
   */
  public record Parameter(String name, List<Long> shape) {
    /** Checks and copies. */
    public Parameter {
      Objects.requireNonNull(name, "name");
      shape = List.copyOf(shape);
      for (long d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("parameter " + name + " has a negative dimension: " + shape);
        }
      }
    }

    /** The product of the dimensions. */
    public long size() {
      long n = 1;
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    }

    /** E.g. {@code W [16, 6, 5, 5]}. */
    public String describe() {
      return name + " " + shape;
    }
  }

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException when the layers' parameters do not add up to
   *     {@code parameterCount}
   * @throws ArithmeticException when a parameter's, a layer's or the layers' count does not fit a
   *     long
   */
  public ModelLayout {
    layers = List.copyOf(layers);
    Objects.requireNonNull(configurationSha256Hex, "configurationSha256Hex");
    if (!configurationSha256Hex.isEmpty() && !configurationSha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("configurationSha256Hex must be empty or 64 lowercase hex digits, but is '"
          + configurationSha256Hex + "'");
    }
    long sum = 0;
    for (Layer l : layers) {
      sum = Math.addExact(sum, l.parameterCount());
    }
    if (sum != parameterCount) {
      throw new IllegalArgumentException("the layers hold " + sum + " parameters, but parameterCount="
          + parameterCount);
    }
  }

  /**
   * Why a network laid out as {@code mine} cannot train this layout's vector, naming the first
   * layer (0-based, in vector order) whose name, type, activation or parameter shapes differ, or
   * the count of layers; empty when they match. The configuration digests are not compared.
   */
  public Optional<String> firstDifference(ModelLayout mine) {
    int common = Math.min(layers.size(), mine.layers.size());
    for (int i = 0; i < common; i++) {
      Layer job = layers.get(i);
      Layer local = mine.layers.get(i);
      if (!job.equals(local)) {
        return Optional.of("layer " + i + " differs: the job's is " + job.describe() + ", this network's is "
            + local.describe());
      }
    }
    if (layers.size() != mine.layers.size()) {
      String extra = layers.size() > common ? "the job's layer " + common + " " + layers.get(common).describe()
          + " is missing from this network" : "this network's layer " + common + " "
          + mine.layers.get(common).describe() + " is not in the job's";
      return Optional.of("the job's network has " + layers.size() + " layers, this network " + mine.layers.size()
          + ": " + extra);
    }
    return parameterCount == mine.parameterCount ? Optional.empty() : Optional.of("the job's network has "
        + parameterCount + " parameters, this network " + mine.parameterCount);
  }

  /** The wire form (a model descriptor), as it goes into a round plan. */
  public ModelDescriptor toWire() {
    ModelDescriptor.Builder b = ModelDescriptor.newBuilder()
        .setParameterCount(parameterCount)
        .setConfigurationSha256(ByteString.copyFrom(HexFormat.of().parseHex(configurationSha256Hex)));
    for (Layer l : layers) {
      LayerLayout.Builder lb = LayerLayout.newBuilder().setName(l.name()).setType(l.type())
          .setActivation(l.activation());
      for (Parameter p : l.parameters()) {
        lb.addParameters(ParameterShape.newBuilder().setName(p.name()).addAllShape(p.shape()));
      }
      b.addLayers(lb);
    }
    return b.build();
  }

  /**
   * The layout a plan carries.
   *
   * @throws RampartException when its shapes are negative or do not add up to its parameter count
   */
  public static ModelLayout fromWire(ModelDescriptor wire) {
    List<Layer> layers = new ArrayList<>(wire.getLayersCount());
    try {
      for (LayerLayout l : wire.getLayersList()) {
        List<Parameter> params = new ArrayList<>(l.getParametersCount());
        for (ParameterShape p : l.getParametersList()) {
          params.add(new Parameter(p.getName(), p.getShapeList()));
        }
        layers.add(new Layer(l.getName(), l.getType(), l.getActivation(), params));
      }
      return new ModelLayout(layers, wire.getParameterCount(), Hex.of(wire.getConfigurationSha256().toByteArray()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new RampartException("malformed model layout: " + e.getMessage(), e);
    }
  }

  /** SHA-256 of the wire form, lowercase hex: one value that names this layout in the audit log. */
  public String sha256Hex() {
    try {
      return Hex.of(MessageDigest.getInstance("SHA-256").digest(toWire().toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** E.g. {@code 8 layers, 61706 parameters}. */
  @Override
  public String toString() {
    return layers.size() + " layers, " + parameterCount + " parameters";
  }
}
