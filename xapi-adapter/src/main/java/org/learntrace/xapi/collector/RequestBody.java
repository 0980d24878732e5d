package org.learntrace.xapi.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.learntrace.xapi.Utf8;

/**
 * Reads a request body into a JSON tree within limits: gunzips it when it is gzip (by the
 * {@code Content-Encoding} header or by the gzip magic number, in case a runtime's own decoder
 * already removed the encoding), refuses more than {@code maxBytes} after decompression (413, so
 * that a small gzip bomb cannot expand without bound), and refuses nesting deeper than
 * {@code maxDepth}, duplicate keys, malformed UTF-8 and malformed JSON (400).
 *
 * <p>The body must be UTF-8 (RFC 8259 §8.1) and is checked as such before it is parsed: Jackson's
 * byte parser looks field names up among those it has seen by their bytes padded with 0xFF before
 * it checks them as UTF-8, so that once {@code "learner"} had been read, {@code "lear\xFFner"} was
 * read as {@code "learner"} instead of being refused (found by {@code CollectorFuzzTest}).
 */
final class RequestBody {
  private final int maxBytes;
  private final ObjectMapper mapper;

  RequestBody(int maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
        .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  JsonNode read(InputStream raw, String contentEncoding) throws CollectorException {
    byte[] bytes;
    try {
      InputStream in = new BufferedInputStream(raw);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      if (contentEncoding != null && !contentEncoding.isBlank() && !gzip
          && !contentEncoding.trim().equalsIgnoreCase("identity") && !contentEncoding.trim().equalsIgnoreCase("gzip")) {
        throw new CollectorException(415, new ItemError("header Content-Encoding", "content-encoding",
            "only gzip is supported, was " + contentEncoding));
      }
      bytes = readAtMost(gzip ? new GZIPInputStream(in) : in);
    } catch (ZipException e) {
      throw new CollectorException(400, new ItemError("$", "gzip", "the body is not valid gzip: " + e.getMessage()));
    } catch (IOException e) {
      throw new CollectorException(400, new ItemError("$", "body", "the body could not be read: " + e.getMessage()));
    }
    if (bytes.length == 0) {
      throw new CollectorException(400, new ItemError("$", "required", "the body is empty"));
    }
    String text = utf8(bytes);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new CollectorException(400, new ItemError("$", limitRule(e.getOriginalMessage()), e.getOriginalMessage() + where(e)));
    } catch (JsonProcessingException e) {
      throw new CollectorException(400, new ItemError("$", "json-syntax", e.getOriginalMessage() + where(e)));
    }
    if (root == null || root.isMissingNode()) {
      throw new CollectorException(400, new ItemError("$", "required", "the body is empty (only white space)"));
    }
    return root;
  }

  /** The body as text, without a byte order mark; 400 naming the offset of a malformed sequence. */
  private static String utf8(byte[] bytes) throws CollectorException {
    String text;
    try {
      text = Utf8.decode(bytes);
    } catch (Utf8.MalformedException e) {
      throw new CollectorException(400, new ItemError("$", "utf-8", "the body must be JSON in UTF-8; " + e.getMessage()));
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The parser's limits are on nesting, and on the lengths of numbers, strings and names. */
  private static String limitRule(String message) {
    String m = message == null ? "" : message;
    if (m.contains("nesting depth")) {
      return "max-depth";
    }
    if (m.startsWith("Number value length")) {
      return "max-number-length";
    }
    if (m.startsWith("String value length")) {
      return "max-string-length";
    }
    if (m.startsWith("Name length")) {
      return "max-name-length";
    }
    return "json-limit";
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private byte[] readAtMost(InputStream in) throws IOException, CollectorException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > maxBytes) {
        throw new CollectorException(413, new ItemError("$", "max-body-bytes",
            "the body is larger than " + maxBytes + " bytes (after decompression)"));
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
