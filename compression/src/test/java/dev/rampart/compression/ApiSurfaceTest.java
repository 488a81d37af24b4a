package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public package never leaks implementation types into its signatures. */
class ApiSurfaceTest {
  private static final List<Class<?>> API = List.of(Compressor.class, Decompressor.class,
      CompressedVector.class, CompressionContext.class, ErrorFeedback.class, Sparsity.class,
      Compressors.class);

  @Test
  void publicSignatures_useNoInternalTypes() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : API) {
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes()))
            .filter(t -> t.getPackageName().endsWith(".internal"))
            .forEach(t -> leaks.add(type.getSimpleName() + "." + m.getName() + " uses " + t));
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void apiClasses_areFinalOrInterfacesOrRecords() {
    for (Class<?> type : API) {
      assertThat(type.isInterface() || type.isRecord() || Modifier.isFinal(type.getModifiers()))
          .as(type.getName()).isTrue();
    }
  }

  @Test
  void codecImplementations_areNotPublic() {
    for (Compressor c : List.of(Compressors.identity(), Compressors.fp16(), Compressors.qsgd(2),
        Compressors.randK(Sparsity.ofCount(1)), Compressors.topK(Sparsity.ofCount(1)),
        Compressors.scaledSign())) {
      assertThat(Modifier.isPublic(c.getClass().getModifiers())).as(c.spec()).isFalse();
      assertThat(Modifier.isFinal(c.getClass().getModifiers())).as(c.spec()).isTrue();
    }
  }
}
