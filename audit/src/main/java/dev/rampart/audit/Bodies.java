package dev.rampart.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Typed reads from parsed record bodies, tolerant of missing fields. Stateless. */
final class Bodies {
  private Bodies() {}

  static String text(Map<String, ?> body, String key, String fallback) {
    return body.get(key) instanceof String s ? s : fallback;
  }

  static long integer(Map<String, ?> body, String key, long fallback) {
    Object v = body.get(key);
    return v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : fallback;
  }

  /** A JSON number as double; null, missing and non-numbers give NaN. */
  static double number(Map<String, ?> body, String key) {
    return body.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static boolean flag(Map<String, ?> body, String key) {
    return Boolean.TRUE.equals(body.get(key));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, ?> body, String key) {
    return body.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<String> texts(Map<String, ?> body, String key) {
    if (body.get(key) instanceof Collection<?> c) {
      return c.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(Map<String, ?> body, String key) {
    if (body.get(key) instanceof Collection<?> c) {
      return c.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
    }
    return List.of();
  }
}
