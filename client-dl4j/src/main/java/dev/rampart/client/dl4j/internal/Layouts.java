package dev.rampart.client.dl4j.internal;

import dev.rampart.protocol.Hex;
import dev.rampart.protocol.ModelLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link ModelLayout} of a Deeplearning4j network: its layers in the order of the flattened
 * parameter view (a sequential network's layer order, a graph's topological order), each with its
 * configured name (or {@code layer<i>}), configuration class, activation and parameter shapes as
 * the layer's parameter table lists them; and the SHA-256 of the configuration JSON. Stateless.
 */
public final class Layouts {
  private Layouts() {}

  /** The layout of an initialized sequential network. */
  public static ModelLayout of(MultiLayerNetwork network) {
    List<ModelLayout.Layer> layers = new ArrayList<>();
    Layer[] all = network.getLayers();
    for (int i = 0; i < all.length; i++) {
      layers.add(layer(all[i], "layer" + i));
    }
    return new ModelLayout(layers, network.numParams(), sha256(network.getLayerWiseConfigurations().toJson()));
  }

  /** The layout of an initialized graph. */
  public static ModelLayout of(ComputationGraph graph) {
    List<ModelLayout.Layer> layers = new ArrayList<>();
    GraphVertex[] vertices = graph.getVertices();
    for (int index : graph.topologicalSortOrder()) {
      GraphVertex v = vertices[index];
      if (v.hasLayer()) {
        layers.add(layer(v.getLayer(), v.getVertexName()));
      }
    }
    return new ModelLayout(layers, graph.numParams(), sha256(graph.getConfiguration().toJson()));
  }

  private static ModelLayout.Layer layer(Layer layer, String fallbackName) {
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    String name = conf.getLayerName() == null || conf.getLayerName().isBlank() ? fallbackName : conf.getLayerName();
    String activation = conf instanceof BaseLayer base && base.getActivationFn() != null
        ? base.getActivationFn().toString() : "";
    List<ModelLayout.Parameter> params = new ArrayList<>();
    for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
      List<Long> shape = new ArrayList<>();
      for (long d : p.getValue().shape()) {
        shape.add(d);
      }
      params.add(new ModelLayout.Parameter(p.getKey(), shape));
    }
    return new ModelLayout.Layer(name, conf.getClass().getSimpleName(), activation, params);
  }

  /** SHA-256 of {@code text}'s UTF-8 bytes, lowercase hex. */
  public static String sha256(String text) {
    try {
      return Hex.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
