package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LocalDays} agrees with {@code Instant.atZone}, including at and around offset transitions. */
class LocalDaysTest {
  static final String[] ZONES = {"Asia/Dhaka", "Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe",
      "Asia/Kolkata", "UTC", "America/St_Johns"};

  @Test
  void randomInstantsInEveryOrderMatchZonedDateTime() {
    for (String id : ZONES) {
      ZoneId zone = ZoneId.of(id);
      LocalDays days = new LocalDays(zone);
      SplittableRandom r = new SplittableRandom(id.hashCode());
      for (int i = 0; i < 20_000; i++) {
        // 1900..2100, with runs of nearby instants as statements come
        long ms = i % 4 == 0 ? -2_208_988_800_000L + r.nextLong(6_311_390_400_000L) : r.nextLong(4_102_444_800_000L);
        for (int k = 0; k < 3; k++, ms += r.nextLong(7_200_000L)) {
          check(days, zone, ms);
        }
      }
    }
  }

  @Test
  void instantsAroundEachTransitionMatchZonedDateTime() {
    for (String id : ZONES) {
      ZoneId zone = ZoneId.of(id);
      LocalDays days = new LocalDays(zone);
      Instant at = Instant.parse("1970-01-01T00:00:00Z");
      for (int i = 0; i < 200; i++) {
        ZoneOffsetTransition t = zone.getRules().nextTransition(at);
        if (t == null || t.getInstant().isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
          break;
        }
        long ms = t.getInstant().toEpochMilli();
        for (long d : new long[] {-3_600_001, -1, 0, 1, 999, 1000, 3_600_000, -86_400_000, 86_400_000}) {
          check(days, zone, ms + d);
        }
        for (long d : new long[] {1, 0, -1}) {
          check(days, zone, ms + d); // and backwards
        }
        at = t.getInstant();
      }
    }
  }

  static void check(LocalDays days, ZoneId zone, long ms) {
    ZonedDateTime z = Instant.ofEpochMilli(ms).atZone(zone);
    assertThat(days.epochDay(ms)).as("%s %d", zone, ms).isEqualTo(z.toLocalDate().toEpochDay());
    assertThat(days.hour(ms)).as("%s %d", zone, ms).isEqualTo(z.getHour());
  }
}
