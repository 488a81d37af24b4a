package dev.rampart.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON dialect of the audit log: compact (no whitespace), object keys sorted by UTF-16
 * code units, finite numbers only, strings escaped by Jackson (so no raw TAB or LF ever appears
 * in the output), UTF-8.
 *
 * <p>Parsing is strict: duplicate keys and trailing tokens are errors, so two readers can never
 * disagree about what a signed line says.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private CanonicalJson() {}

  /** The shared strict mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Converts a Java value (maps, lists, arrays, strings, numbers, booleans, enums, records,
   * null) to a JSON tree and checks it fits the dialect.
   *
   * @throws IllegalArgumentException naming the JSON path of a non-finite number or a byte array,
   *     or when Jackson cannot convert the value
   */
  public static JsonNode toTree(Object value) {
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getMessage(), e);
    }
    check(tree, "$");
    return tree;
  }

  private static void check(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        check(e.getValue(), path + "." + e.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isFloatingPointNumber() && !node.isBigDecimal()
        && !Double.isFinite(node.doubleValue())) {
      throw new IllegalArgumentException(
          "non-finite number " + node.doubleValue() + " at " + path + " (JSON has no NaN or "
              + "infinity; write null or a string)");
    } else if (node.isBinary() || node.isPojo()) {
      throw new IllegalArgumentException(
          "unsupported value of type " + node.getNodeType() + " at " + path
              + " (encode bytes as hex)");
    }
  }

  /**
   * Writes {@code node} in canonical form to {@code generator}.
   *
   * @throws IOException from the generator
   */
  public static void write(JsonGenerator generator, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        generator.writeStartObject();
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
          generator.writeFieldName(e.getKey());
          write(generator, e.getValue());
        }
        generator.writeEndObject();
      }
      case ARRAY -> {
        generator.writeStartArray();
        for (JsonNode element : node) {
          write(generator, element);
        }
        generator.writeEndArray();
      }
      case STRING -> generator.writeString(node.textValue());
      case BOOLEAN -> generator.writeBoolean(node.booleanValue());
      case NULL -> generator.writeNull();
      case NUMBER -> writeNumber(generator, node);
      default -> throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
    }
  }

  private static void writeNumber(JsonGenerator generator, JsonNode node) throws IOException {
    if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        generator.writeNumber(node.longValue());
      } else {
        generator.writeNumber(node.bigIntegerValue());
      }
    } else if (node.isBigDecimal()) {
      generator.writeNumber(node.decimalValue());
    } else if (node.isFloat()) {
      generator.writeNumber(node.floatValue());
    } else {
      generator.writeNumber(node.doubleValue());
    }
  }

  /** Canonical UTF-8 bytes of a tree. */
  public static byte[] bytes(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Parses strict JSON.
   *
   * @throws IOException when the bytes are not exactly one JSON value
   */
  public static JsonNode parse(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /**
   * A deep, unmodifiable Java view of a tree: objects become insertion-ordered maps, arrays
   * lists, integers {@code Integer}/{@code Long}/{@code BigInteger}, other numbers
   * {@code Double} (or {@code BigDecimal}), JSON null {@code null}.
   */
  public static Object toJava(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
        return Collections.unmodifiableMap(map);
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode element : node) {
          list.add(toJava(element));
        }
        return Collections.unmodifiableList(list);
      }
      case STRING -> {
        return node.textValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NUMBER -> {
        return node.numberValue();
      }
      default -> {
        return null;
      }
    }
  }
}
