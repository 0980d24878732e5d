package org.learntrace.research.engagement;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Shares the String of repeated short values (verbs, activity ids, types, devices, the id
 * space) without allocating on a hit: a small direct-mapped table keyed by the characters.
 */
final class StringCache {
  private static final int SIZE = 1024;
  private static final int MAX_LENGTH = 160;
  private final String[] slots = new String[SIZE];

  String get(JsonParser p) throws IOException {
    int len = p.getTextLength();
    if (len > MAX_LENGTH) {
      return p.getText();
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + c[off + i];
    }
    int slot = (h ^ (h >>> 16)) & (SIZE - 1);
    String s = slots[slot];
    if (s != null && s.length() == len) {
      boolean same = true;
      for (int i = 0; i < len; i++) {
        if (s.charAt(i) != c[off + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        return s;
      }
    }
    s = new String(c, off, len);
    slots[slot] = s;
    return s;
  }
}
