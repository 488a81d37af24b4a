package dev.rampart.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final String PREV = "0".repeat(64);
  private static final String SIGNER = "0123456789abcdef";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String payload(Map<String, Object> body) {
    return new String(RecordCodec.payload(1, Instant.parse("2026-01-01T00:00:00Z"), "JOB_ENDED",
        PREV, SIGNER, CanonicalJson.toTree(body)), StandardCharsets.UTF_8);
  }

  @Test
  void payload_bodyKeysSortedAndEnvelopeInFixedOrder() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("zeta", 1);
    body.put("alpha", Map.of("y", 2, "b", List.of(1.5, "t\tab\n")));

    assertThat(payload(body)).isEqualTo("{\"seq\":1,\"time\":\"2026-01-01T00:00:00Z\","
        + "\"type\":\"JOB_ENDED\",\"prev\":\"" + PREV + "\",\"signer\":\"" + SIGNER + "\","
        + "\"body\":{\"alpha\":{\"b\":[1.5,\"t\\tab\\n\"],\"y\":2},\"zeta\":1}}");
  }

  @Test
  void toTree_nonFiniteOrBytes_rejectedWithPath() {
    assertThatThrownBy(() -> CanonicalJson.toTree(Map.of("a", List.of(1.0, Double.POSITIVE_INFINITY))))
        .hasMessageContaining("$.a[1]");
    assertThatThrownBy(() -> CanonicalJson.toTree(Map.of("raw", new byte[] {1})))
        .hasMessageContaining("$.raw");
  }

  @Test
  void parse_roundTripOfEncodedPayload_givesFields() throws Exception {
    RecordCodec.Fields f = RecordCodec.parse(utf8(payload(Map.of("k", "v"))));

    assertThat(f.seq()).isEqualTo(1);
    assertThat(f.type()).isEqualTo("JOB_ENDED");
    assertThat(f.prev()).isEqualTo(PREV);
    assertThat(f.signer()).isEqualTo(SIGNER);
    assertThat(f.body().get("k").textValue()).isEqualTo("v");
  }

  @Test
  void parse_duplicateKeyExtraKeyOrWrongOrder_rejected() {
    String good = payload(Map.of());
    assertThatThrownBy(() -> RecordCodec.parse(utf8(good.replace("{\"seq\":1,",
        "{\"seq\":1,\"seq\":2,")))).isInstanceOf(RecordFormatException.class);
    assertThatThrownBy(() -> RecordCodec.parse(utf8(good.replace("\"body\":{}}",
        "\"body\":{},\"x\":1}")))).hasMessageContaining("exactly");
    assertThatThrownBy(() -> RecordCodec.parse(utf8(good.replace("\"seq\":1,\"time\"",
        "\"seq\":0,\"time\"")))).hasMessageContaining("seq");
    assertThatThrownBy(() -> RecordCodec.parse(utf8(good + " {}")))
        .isInstanceOf(RecordFormatException.class);
    assertThatThrownBy(() -> RecordCodec.parse(utf8(good.replace("00:00:00Z",
        "00:00:00+01:00")))).hasMessageContaining("time");
  }

  @Test
  void split_nonCanonicalBase64_rejected() throws Exception {
    byte[] sig = new byte[64];
    Arrays.fill(sig, (byte) 0x40);
    byte[] line = RecordCodec.line(utf8("{}"), sig);
    assertThat(RecordCodec.split(line).signature()).isEqualTo(sig);
    String text = Base64.getEncoder().encodeToString(sig);
    char last = text.charAt(text.length() - 3);
    String lenient = text.substring(0, text.length() - 3) + (char) (last + 1) + "==";
    assertThat(Base64.getDecoder().decode(lenient)).isEqualTo(sig);

    assertThatThrownBy(() -> RecordCodec.split(utf8("{}\t" + lenient + "\n")))
        .hasMessageContaining("canonical");
    assertThatThrownBy(() -> RecordCodec.split(utf8("{}\t" + text)))
        .hasMessageContaining("LF");
    assertThatThrownBy(() -> RecordCodec.split(utf8("{}\t\t" + text + "\n")))
        .hasMessageContaining("more than one TAB");
  }

  @Test
  void lineReader_unterminatedAndOversizedLines_reported() throws Exception {
    byte[] input = utf8("short\n" + "x".repeat(40) + "\nnext\ntail");
    LineReader reader = new LineReader(new ByteArrayInputStream(input), 16);

    LineReader.Line first = reader.next();
    LineReader.Line long1 = reader.next();
    LineReader.Line next = reader.next();
    LineReader.Line tail = reader.next();

    assertThat(first.bytes()).isEqualTo(utf8("short\n"));
    assertThat(first.terminated()).isTrue();
    assertThat(long1.oversized()).isTrue();
    assertThat(long1.bytes()).hasSize(16);
    assertThat(next.offset()).isEqualTo(6 + 41);
    assertThat(next.bytes()).isEqualTo(utf8("next\n"));
    assertThat(tail.terminated()).isFalse();
    assertThat(tail.bytes()).isEqualTo(utf8("tail"));
    assertThat(tail.offset()).isEqualTo(6 + 41 + 5);
    assertThat(reader.next()).isNull();
  }

  @Test
  void markup_escapesAndDropsForbiddenCharacters() {
    assertThat(Markup.escape("a<b>&\"c'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
    assertThat(Markup.num(1.0)).isEqualTo("1");
    assertThat(Markup.num(1.25)).isEqualTo("1.25");
    assertThat(Markup.num(0.5)).isEqualTo("0.5");
  }

  @Test
  void modelFiles_encodeDecode_rawBitsAndDigestOverBody() {
    float[] values = {Float.intBitsToFloat(0x7fa00001), -0.0f, 3.5f};
    byte[] file = ModelFiles.encode(values);

    float[] back = ModelFiles.decode(file);

    assertThat(Float.floatToRawIntBits(back[0])).isEqualTo(0x7fa00001);
    assertThat(Float.floatToRawIntBits(back[1])).isEqualTo(0x80000000);
    assertThat(ModelFiles.digestHex(file)).isEqualTo(
        dev.rampart.protocol.Hex.of(dev.rampart.protocol.FloatVectors.digest(values)));
    assertThatThrownBy(() -> ModelFiles.decode(Arrays.copyOf(file, file.length - 1)))
        .hasMessageContaining("dimension=3");
  }
}
