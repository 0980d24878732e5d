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

/**
 * Reads a request body into a JSON tree within limits: gunzips it when it is gzip (by the
 * {@code Content-Encoding} header or by the gzip magic number, in case a runtime's own decoder
 * already removed the encoding), refuses more than {@code maxBytes} after decompression (413, so
 * that a small gzip bomb cannot expand without bound), and refuses nesting deeper than
 * {@code maxDepth}, duplicate keys and malformed JSON (400).
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
    try {
      return mapper.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new CollectorException(400, new ItemError("$", "max-depth", e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new CollectorException(400, new ItemError("$", "json-syntax", e.getOriginalMessage() + where));
    } catch (IOException e) {
      throw new CollectorException(400, new ItemError("$", "json-syntax", e.getMessage()));
    }
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
