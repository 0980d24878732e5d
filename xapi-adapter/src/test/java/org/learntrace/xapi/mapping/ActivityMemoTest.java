package org.learntrace.xapi.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.learntrace.xapi.Activity;

class ActivityMemoTest {

  @Test
  void anActivityIsBuiltOnceAndShared() {
    ActivityMemo memo = new ActivityMemo();
    AtomicInteger built = new AtomicInteger();
    Activity first = memo.get("video", "ags", "m1-v1", () -> {
      built.incrementAndGet();
      return Activity.of("https://example.org/courses/ags/videos/m1-v1");
    });
    Activity again = memo.get("video", "ags", "m1-v1", () -> {
      built.incrementAndGet();
      return Activity.of("https://example.org/other");
    });
    assertThat(again).isSameAs(first);
    assertThat(built).hasValue(1);
    assertThat(memo.get("module", "ags", "m1-v1", () -> Activity.of("https://example.org/m"))).isNotSameAs(first);
  }

  @Test
  void aFailureIsNotRememberedAndEndlessNewIdsDoNotGrowIt() {
    ActivityMemo memo = new ActivityMemo();
    assertThatThrownBy(() -> memo.get("video", "ags", "bad", () -> {
      throw new IllegalArgumentException("video must not be blank");
    })).hasMessageContaining("video");
    assertThat(memo.size()).isZero();
    for (int i = 0; i < ActivityMemo.MAX_ENTRIES * 3; i++) {
      String id = "v" + i;
      memo.get("video", "ags", id, () -> Activity.of("https://example.org/videos/" + id));
      assertThat(memo.size()).isLessThanOrEqualTo(ActivityMemo.MAX_ENTRIES);
    }
  }
}
