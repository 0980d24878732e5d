package org.learntrace.xapi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of request bodies (RFC 8259 §8.1), for the collector and the LRS: a
 * malformed byte sequence is refused with its offset instead of becoming U+FFFD, which would keep
 * a statement other than the one sent. Decoding to text before parsing also keeps Jackson's byte
 * parser from reading a malformed field name as one it has seen before.
 */
public final class Utf8 {
  private Utf8() {}

  /** A body that is not UTF-8, with the offset of its first malformed byte sequence. */
  public static final class MalformedException extends CharacterCodingException {
    private final int offset;

    MalformedException(int offset) {
      this.offset = offset;
    }

    /** The byte offset of the first malformed sequence. */
    public int offset() {
      return offset;
    }

    @Override
    public String getMessage() {
      return "malformed UTF-8 byte sequence at byte offset " + offset;
    }
  }

  /**
   * The bytes as text, byte order mark included.
   *
   * @throws MalformedException at the first malformed byte sequence
   */
  public static String decode(byte[] bytes) throws MalformedException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new MalformedException(in.position());
    }
    return out.flip().toString();
  }
}
