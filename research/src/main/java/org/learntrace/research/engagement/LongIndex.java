package org.learntrace.research.engagement;

import java.util.Arrays;

/**
 * Dense row numbers 0, 1, 2, … for distinct {@code long} keys, in order of first appearance: an
 * open-addressing hash table of row numbers over an array of the keys. About 16 bytes a key and no
 * object per key, so tables keyed by teacher × module × day stay small at national scale.
 *
 * <p>Not thread-safe.
 */
final class LongIndex {
  private long[] keys = new long[16];
  /** Row + 1 of the key in each slot; 0 is an empty slot. Kept at most three quarters full. */
  private int[] slots = new int[32];
  private int size;
  private long lastKey;
  private int lastRow = -1;

  /** Keys held. */
  int size() {
    return size;
  }

  /** The key of {@code row}. */
  long key(int row) {
    return keys[row];
  }

  /** The row of {@code key}, or -1. */
  int get(long key) {
    if (lastRow >= 0 && lastKey == key) {
      return lastRow;
    }
    int mask = slots.length - 1;
    for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
      int r = slots[i] - 1;
      if (r < 0) {
        return -1;
      }
      if (keys[r] == key) {
        lastKey = key;
        lastRow = r;
        return r;
      }
    }
  }

  /** The row of {@code key}, adding it as row {@link #size()} when absent. */
  int add(long key) {
    if (lastRow >= 0 && lastKey == key) {
      return lastRow;
    }
    int mask = slots.length - 1;
    int i = hash(key) & mask;
    for (; ; i = (i + 1) & mask) {
      int r = slots[i] - 1;
      if (r < 0) {
        break;
      }
      if (keys[r] == key) {
        lastKey = key;
        lastRow = r;
        return r;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, EngagementTables.grow(size));
    }
    int row = size++;
    keys[row] = key;
    slots[i] = row + 1;
    if (size * 4 > slots.length * 3) {
      rehash(slots.length * 2);
    }
    lastKey = key;
    lastRow = row;
    return row;
  }

  private void rehash(int capacity) {
    int[] s = new int[capacity];
    int mask = capacity - 1;
    for (int row = 0; row < size; row++) {
      int i = hash(keys[row]) & mask;
      while (s[i] != 0) {
        i = (i + 1) & mask;
      }
      s[i] = row + 1;
    }
    slots = s;
  }

  /** Murmur3's 64-bit finaliser: keys packed from small ints need their bits spread. */
  private static int hash(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return (int) k;
  }

  /** {@code high} and {@code low} in one key (both as 32 bits; {@code low} may be negative). */
  static long pack(int high, int low) {
    return ((long) high << 32) | (low & 0xFFFFFFFFL);
  }

  /** The {@code high} part of a {@link #pack}ed key. */
  static int high(long key) {
    return (int) (key >>> 32);
  }

  /** The {@code low} part of a {@link #pack}ed key. */
  static int low(long key) {
    return (int) key;
  }
}
