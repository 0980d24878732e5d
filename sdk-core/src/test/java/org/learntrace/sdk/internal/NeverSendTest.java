package org.learntrace.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeverSendTest {

  @ParameterizedTest
  @ValueSource(strings = {"01712345678", "+880 1712 345678", "call me on +880-1712-345678", "(02) 9876 54321"})
  void phoneNumbersAreCaught(String value) {
    assertThat(NeverSend.categoryOfValue(value)).isEqualTo(NeverSend.Category.PHONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-03-14", "from 2026-03-14 to 2026-03-20", "2026-03-14T10:00:00.000Z", "module 3, item 12",
      "score 19 of 25"})
  void datesAndSmallNumbersAreNotPhoneNumbers(String value) {
    assertThat(NeverSend.categoryOfValue(value)).isNull();
  }
}
