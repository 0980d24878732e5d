package org.learntrace.research.engagement;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Dense numbers 0, 1, 2, … for distinct strings (teacher ids, module ids, video ids, devices), in
 * order of first appearance: an open-addressing table of numbers over an array of the strings, so
 * that the measures hold each id once and key everything else by an {@code int}.
 *
 * <p>Not thread-safe.
 */
final class StringIndex {
  private String[] values = new String[16];
  /** Number + 1 of the string in each slot; 0 is an empty slot. Kept at most three quarters full. */
  private int[] slots = new int[32];
  private int size;
  private String last;
  private int lastNumber = -1;

  /** Strings held. */
  int size() {
    return size;
  }

  /** The string numbered {@code n}. */
  String value(int n) {
    return values[n];
  }

  /** The number of {@code s}, or -1. */
  int get(String s) {
    if (lastNumber >= 0 && (s == last || (s != null && s.equals(last)))) {
      return lastNumber;
    }
    int mask = slots.length - 1;
    for (int i = spread(hash(s)) & mask; ; i = (i + 1) & mask) {
      int n = slots[i] - 1;
      if (n < 0) {
        return -1;
      }
      if (java.util.Objects.equals(values[n], s)) {
        last = values[n];
        lastNumber = n;
        return n;
      }
    }
  }

  /** The number of {@code s}, adding it as number {@link #size()} when absent. */
  int add(String s) {
    // Statements of one teacher come together: the last id is the likely one, and comparing it is
    // cheaper than hashing a fresh String from the parser.
    if (lastNumber >= 0 && (s == last || (s != null && s.equals(last)))) {
      return lastNumber;
    }
    int mask = slots.length - 1;
    int i = spread(hash(s)) & mask;
    for (; ; i = (i + 1) & mask) {
      int n = slots[i] - 1;
      if (n < 0) {
        break;
      }
      if (java.util.Objects.equals(values[n], s)) {
        last = values[n];
        lastNumber = n;
        return n;
      }
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    int n = size++;
    values[n] = s;
    slots[i] = n + 1;
    if (size * 4 > slots.length * 3) {
      rehash(slots.length * 2);
    }
    last = s;
    lastNumber = n;
    return n;
  }

  private void rehash(int capacity) {
    int[] t = new int[capacity];
    int mask = capacity - 1;
    for (int n = 0; n < size; n++) {
      int i = spread(hash(values[n])) & mask;
      while (t[i] != 0) {
        i = (i + 1) & mask;
      }
      t[i] = n + 1;
    }
    slots = t;
  }

  /** A null id (an account without a name) is held like any other. */
  private static int hash(String s) {
    return s == null ? 0 : s.hashCode();
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** An unmodifiable view of the strings held, in order of number. */
  Set<String> asSet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public String next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            return values[next++];
          }
        };
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(Object o) {
        return (o == null || o instanceof String) && get((String) o) >= 0;
      }
    };
  }
}
