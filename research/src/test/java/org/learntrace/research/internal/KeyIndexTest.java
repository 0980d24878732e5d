package org.learntrace.research.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
  @Test
  void numbersKeysInOrderOfFirstAppearanceAndGivesThemBack() {
    KeyIndex k = new KeyIndex();
    assertThat(k.get("a")).isEqualTo(-1);
    assertThat(k.add("s-1")).isZero();
    assertThat(k.add("")).isEqualTo(1);
    assertThat(k.add("ছাত্র-৭")).isEqualTo(2); // beyond Latin-1: two bytes a character
    assertThat(k.add("é")).isEqualTo(3);
    assertThat(k.add("s-1")).isZero();
    assertThat(k.size()).isEqualTo(4);
    assertThat(List.of(k.key(0), k.key(1), k.key(2), k.key(3))).containsExactly("s-1", "", "ছাত্র-৭", "é");
    assertThat(k.get("ছাত্র-৭")).isEqualTo(2);
    assertThat(k.get("s-2")).isEqualTo(-1);
    assertThat(k.keys(new int[] {3, 0, 9}, 2)).containsExactly("é", "s-1");
  }

  /** Enough keys to fill several byte blocks and rehash many times: the same numbers as a HashMap would give. */
  @Test
  void agreesWithAHashMapOverManyKeys() {
    KeyIndex k = new KeyIndex();
    Map<String, Integer> want = new HashMap<>();
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 300_000; i++) {
      String key = "student-" + r.nextInt(200_000) + (r.nextInt(50) == 0 ? "\u0995" : "");
      Integer expected = want.putIfAbsent(key, want.size());
      assertThat(k.add(key)).isEqualTo(expected == null ? want.size() - 1 : expected);
    }
    assertThat(k.size()).isEqualTo(want.size());
    for (Map.Entry<String, Integer> e : want.entrySet()) {
      assertThat(k.get(e.getKey())).isEqualTo(e.getValue());
      assertThat(k.key(e.getValue())).isEqualTo(e.getKey());
    }
  }
}
