package org.learntrace.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class PrivacyPropertyTest {
  private static final byte[] MASTER = "study-master-key-for-properties!".getBytes(StandardCharsets.UTF_8);

  @Property
  void pseudonymsAreDeterministicUrlSafeAndPerDestination(@ForAll String idSpace, @ForAll String localId) {
    Pseudonymizer a1 = Pseudonymizer.forDestination(MASTER, "k", "research");
    Pseudonymizer a2 = Pseudonymizer.forDestination(MASTER, "k", "research");
    Pseudonymizer b = Pseudonymizer.forDestination(MASTER, "k", "platform");
    String p = a1.pseudonym(idSpace, localId);
    assertThat(a2.pseudonym(idSpace, localId)).isEqualTo(p);
    assertThat(p).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(b.pseudonym(idSpace, localId)).isNotEqualTo(p);
  }

  @Property
  void theIdSpaceSeparatorKeepsConcatenationsApart(@ForAll @StringLength(min = 1, max = 20) String a,
      @ForAll @StringLength(min = 1, max = 20) String b) {
    Pseudonymizer p = Pseudonymizer.forDestination(MASTER, "k", "research");
    String shifted = a.substring(1);
    Assume.that(!shifted.isEmpty());
    assertThat(p.pseudonym(a, b)).isNotEqualTo(p.pseudonym(shifted, a.charAt(0) + b));
  }

  @Property
  void anEmailOrPhoneAnywhereInFreeTextIsCaught(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String user,
      @ForAll @AlphaChars @StringLength(min = 1, max = 12) String domain,
      @ForAll @NumericChars @StringLength(value = 9) String digits,
      @ForAll @StringLength(max = 30) @AlphaChars String prefix) {
    assertThat(NeverSend.categoryOfValue(prefix + " " + user + "@" + domain + ".org please")).isEqualTo(NeverSend.Category.EMAIL);
    assertThat(NeverSend.categoryOfValue(prefix + " 01" + digits + " thanks")).isEqualTo(NeverSend.Category.PHONE);
  }
}
