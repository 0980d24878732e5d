package org.learntrace.lrs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * multipart/mixed statement bodies come from anyone who can POST: whatever the Content-Type and
 * the bytes, {@link Multipart#boundary} and {@link Multipart#parse} give a result or refuse with
 * the LRS's own 400 saying what is wrong, never another exception (which would be a 500); and
 * what {@link Multipart#write} writes, {@link Multipart#parse} reads back unchanged.
 *
 * <p>In {@code mvn verify} the targets run in regression mode over the seeds in {@code
 * src/test/resources/org/learntrace/lrs/http/MultipartFuzzTestInputs/<method>}; fuzz one with
 * {@code JAZZER_FUZZ=1 mvn -pl lrs test -Dtest=MultipartFuzzTest#<method>}.
 */
class MultipartFuzzTest {
  /** RFC 2046 bchars: what a boundary may consist of (a space only not last). */
  private static final String BCHARS =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
  /** RFC 9110 tchars: what a header field name may consist of. */
  private static final String TCHARS =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&'*+-.^_`|~";

  /**
   * The input is the request as a seed file reads naturally: the Content-Type header value, a
   * {@code \n}, then the body bytes.
   */
  @FuzzTest(maxDuration = "60s")
  void parseAnswersPartsOrA400(byte[] input) {
    int nl = indexOf(input, (byte) '\n');
    String contentType = new String(input, 0, nl < 0 ? input.length : nl, StandardCharsets.UTF_8);
    byte[] body = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);

    String boundary;
    try {
      boundary = Multipart.boundary(contentType);
    } catch (LrsException e) {
      assertIsA400(e);
      return;
    }
    if (boundary == null) {
      return;
    }
    assertThat(boundary).isNotEmpty();

    List<Multipart.Part> parts;
    try {
      parts = Multipart.parse(body, boundary);
    } catch (LrsException e) {
      assertIsA400(e);
      return;
    }
    for (Multipart.Part p : parts) {
      assertThat(p.content().length).isLessThanOrEqualTo(body.length);
      p.headers().forEach((name, value) -> {
        assertThat(name).isNotEmpty().isEqualTo(name.trim().toLowerCase(Locale.ROOT));
        // Header values are written back into multipart responses: a bare CR or LF would inject lines.
        assertThat(name + value).as("header %s: %s", name, value).doesNotContain("\r", "\n");
        assertThat(value).isEqualTo(value.trim());
      });
    }
    // What was read is written back (as the LRS does for GET with attachments) and reads the same.
    assertSameParts(Multipart.parse(Multipart.write(boundary, parts), boundary), parts);
  }

  /** Any valid parts (RFC 2046 boundary, token header names, one-line values) survive write and parse. */
  @FuzzTest(maxDuration = "60s")
  void writtenPartsParseBackUnchanged(FuzzedDataProvider data) {
    String boundary = from(BCHARS, data.consumeString(70));
    if (boundary.isEmpty() || boundary.endsWith(" ")) {
      boundary = boundary + "b";
    }
    int count = data.consumeInt(0, 4);
    List<Multipart.Part> parts = new ArrayList<>();
    List<Multipart.Part> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> headers = new LinkedHashMap<>();
      Map<String, String> normalized = new LinkedHashMap<>();
      int headerCount = data.consumeInt(0, 3);
      for (int h = 0; h < headerCount; h++) {
        String name = from(TCHARS, data.consumeString(20));
        String value = data.consumeString(40).replace('\r', ' ').replace('\n', ' ');
        value = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String key = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || normalized.containsKey(key)) {
          continue;
        }
        headers.put(name, value);
        normalized.put(key, value.trim());
      }
      byte[] content = data.consumeBytes(300);
      if (indexOf(content, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1)) >= 0) {
        return; // not a valid part for this boundary: the writer chooses a boundary absent from the content
      }
      parts.add(new Multipart.Part(headers, content));
      expected.add(new Multipart.Part(normalized, content));
    }

    byte[] written = Multipart.write(boundary, parts);
    assertThat(Multipart.boundary("multipart/mixed; boundary=\"" + boundary + "\"")).isEqualTo(boundary);
    assertSameParts(Multipart.parse(written, boundary), expected);
    for (int i = 0; i < parts.size(); i++) {
      for (Map.Entry<String, String> h : parts.get(i).headers().entrySet()) {
        assertThat(Multipart.parse(written, boundary).get(i).header(h.getKey())).isEqualTo(h.getValue().trim());
      }
    }
  }

  static void assertIsA400(LrsException e) {
    assertThat(e.status()).as("status of %s", e.getMessage()).isEqualTo(400);
    assertThat(e.getMessage()).isNotBlank();
  }

  private static void assertSameParts(List<Multipart.Part> actual, List<Multipart.Part> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).headers()).as("headers of part %d", i).containsExactlyEntriesOf(expected.get(i).headers());
      assertThat(actual.get(i).content()).as("content of part %d", i).isEqualTo(expected.get(i).content());
    }
  }

  private static String from(String alphabet, String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(alphabet.charAt(c % alphabet.length())));
    return b.toString();
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    return Multipart.indexOf(hay, needle, 0);
  }
}
