package org.learntrace.research.synth;

import java.util.Base64;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Independent, reproducible random streams per entity: the stream of teacher 17 depends only on
 * the seed, the kind and 17, so a study can be generated in any order and at any scale without
 * holding anything in memory.
 */
final class Seeds {
  private Seeds() {}

  static final long SCHOOL = 1, TEACHER = 2, STUDENT = 3, ARM = 4, STATEMENTS = 5, PAIR = 6, NAME = 7, ASSESSOR = 8;

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long key(long seed, long kind, long index) {
    return mix(mix(seed ^ mix(kind * 0x9E3779B97F4A7C15L)) + index);
  }

  static SplittableRandom stream(long seed, long kind, long index) {
    return new SplittableRandom(key(seed, kind, index));
  }

  /** A pseudonymous id: prefix + 10 base64url characters (60 bits). */
  static String pseudonym(String prefix, long seed, long kind, long index) {
    long k = key(seed ^ 0x5EED, kind, index);
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (k >>> (8 * i));
    }
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, 10);
  }

  /** A version-4-shaped UUID drawn from the stream. */
  static UUID uuid(SplittableRandom r) {
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo);
  }
}
