package org.learntrace.research.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * Internal, not an API: dense numbers 0, 1, 2, … for distinct string keys (student, class and
 * teacher ids; primary keys of a table), in order of first appearance, with the keys' characters
 * kept in large byte blocks instead of one String and one map entry per key. A million keys of
 * twenty characters take about 40 MB in a handful of arrays, not 100 MB in three million small
 * objects that the garbage collector has to copy and trace.
 *
 * <p>Keys whose characters all fit in a byte are stored one byte a character, others two.
 * Not thread-safe.
 */
public final class KeyIndex {
  private static final int BLOCK_BITS = 20;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private byte[][] blocks = new byte[1][];
  private int used;
  private int blockCount;
  /** Per key: where its bytes start (block << 20 | position), its length (negative: two bytes a char), its hash. */
  private int[] offset = new int[64];
  private int[] length = new int[64];
  private int[] hash = new int[64];
  /** Key number + 1 in each slot; 0 is empty. At most three quarters full. */
  private int[] slots = new int[128];
  private int size;

  /** Keys held. */
  public int size() {
    return size;
  }

  /** The number of {@code key}, or -1. */
  public int get(String key) {
    int h = key.hashCode();
    int mask = slots.length - 1;
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      int n = slots[i] - 1;
      if (n < 0) {
        return -1;
      }
      if (hash[n] == h && equals(n, key)) {
        return n;
      }
    }
  }

  /** The number of {@code key}, adding it as number {@link #size()} when absent. */
  public int add(String key) {
    int h = key.hashCode();
    int mask = slots.length - 1;
    int i = spread(h) & mask;
    for (; ; i = (i + 1) & mask) {
      int n = slots[i] - 1;
      if (n < 0) {
        break;
      }
      if (hash[n] == h && equals(n, key)) {
        return n;
      }
    }
    int n = size++;
    if (n == offset.length) {
      int cap = n + (n >> 1);
      offset = Arrays.copyOf(offset, cap);
      length = Arrays.copyOf(length, cap);
      hash = Arrays.copyOf(hash, cap);
    }
    store(n, key);
    hash[n] = h;
    slots[i] = n + 1;
    if (size * 4 > slots.length * 3) {
      rehash();
    }
    return n;
  }

  /** The key numbered {@code n} (a new String). */
  public String key(int n) {
    byte[] b = blocks[offset[n] >>> BLOCK_BITS];
    int pos = offset[n] & (BLOCK - 1);
    int len = length[n];
    if (len >= 0) {
      return new String(b, pos, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    char[] c = new char[-len];
    for (int k = 0; k < c.length; k++) {
      c[k] = (char) ((b[pos + 2 * k] & 0xFF) << 8 | (b[pos + 2 * k + 1] & 0xFF));
    }
    return new String(c);
  }

  /** The keys numbered {@code numbers[0..count)}, as an unmodifiable list that makes each String when asked. */
  public List<String> keys(int[] numbers, int count) {
    int[] n = Arrays.copyOf(numbers, count);
    return new AbstractList<>() {
      @Override
      public String get(int i) {
        return key(n[i]);
      }

      @Override
      public int size() {
        return n.length;
      }
    };
  }

  private void store(int n, String key) {
    int len = key.length();
    boolean narrow = true;
    for (int k = 0; k < len && narrow; k++) {
      narrow = key.charAt(k) < 256;
    }
    int bytes = narrow ? len : 2 * len;
    if (bytes > BLOCK) {
      throw new IllegalArgumentException("key of " + len + " characters is too long to index");
    }
    if (blockCount == 0 || used + bytes > BLOCK) {
      if (blockCount == blocks.length) {
        blocks = Arrays.copyOf(blocks, blockCount * 2);
      }
      // the first block grows from small, so that small tables stay small
      blocks[blockCount] = new byte[blockCount == 0 ? Math.max(bytes, 4096) : BLOCK];
      blockCount++;
      used = 0;
    }
    byte[] b = blocks[blockCount - 1];
    if (used + bytes > b.length) {
      blocks[blockCount - 1] = b = Arrays.copyOf(b, Math.min(BLOCK, Math.max(used + bytes, b.length * 2)));
    }
    if (narrow) {
      for (int k = 0; k < len; k++) {
        b[used + k] = (byte) key.charAt(k);
      }
    } else {
      for (int k = 0; k < len; k++) {
        char c = key.charAt(k);
        b[used + 2 * k] = (byte) (c >>> 8);
        b[used + 2 * k + 1] = (byte) c;
      }
    }
    offset[n] = (blockCount - 1) << BLOCK_BITS | used;
    length[n] = narrow ? len : -len;
    used += bytes;
  }

  private boolean equals(int n, String key) {
    int len = length[n];
    byte[] b = blocks[offset[n] >>> BLOCK_BITS];
    int pos = offset[n] & (BLOCK - 1);
    if (len >= 0) {
      if (key.length() != len) {
        return false;
      }
      for (int k = 0; k < len; k++) {
        if (key.charAt(k) != (b[pos + k] & 0xFF)) {
          return false;
        }
      }
      return true;
    }
    if (key.length() != -len) {
      return false;
    }
    for (int k = 0; k < -len; k++) {
      if (key.charAt(k) != (char) ((b[pos + 2 * k] & 0xFF) << 8 | (b[pos + 2 * k + 1] & 0xFF))) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    int[] s = new int[slots.length * 2];
    int mask = s.length - 1;
    for (int n = 0; n < size; n++) {
      int i = spread(hash[n]) & mask;
      while (s[i] != 0) {
        i = (i + 1) & mask;
      }
      s[i] = n + 1;
    }
    slots = s;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
