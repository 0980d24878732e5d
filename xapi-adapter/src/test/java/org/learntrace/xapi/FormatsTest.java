package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {

  @ParameterizedTest
  @ValueSource(strings = {"en", "en-US", "bn-BD", "bn", "de", "de-DE", "zh-Hant", "sr-Latn-RS", "zh-Hans-CN",
      "cmn", "ase", "tlh", "es-419", "en-GB-oed", "i-klingon", "x-private", "de-CH-1901", "sl-rozaj-biske",
      "en-a-bbb-x-a-ccc", "zh-yue-HK", "hy-Latn-IT-arevela", "qaa-Qaaa-QM-x-southern"})
  void acceptsRfc5646Tags(String tag) {
    assertThat(Formats.isLanguageTag(tag)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "something", "s-something", "a12345678", "zh-z-aaa-z-bbb-c-ccc", "en-", "-en", "en--US",
      "en_US", "e", "en-US-", "1en", "en-a", "x", "en-x"})
  void rejectsMalformedTags(String tag) {
    assertThat(Formats.isLanguageTag(tag)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://adlnet.gov/expapi/verbs/attended", "https://w3id.org/xapi/video", "urn:uuid:1",
      "tag:example.com,2026:x", "https://example.org/শিক্ষক", "mailto:a@b.c"})
  void acceptsAbsoluteIris(String iri) {
    assertThat(Formats.isAbsoluteIri(iri)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "should fail", "ab=c://should.fail.com", "//no-scheme", "relative/path", "http:",
      "1http://x", "http://has space", "http://x/<y>", ":x"})
  void rejectsEverythingElseAsIri(String iri) {
    assertThat(Formats.isAbsoluteIri(iri)).isFalse();
  }

  /** The IRI check against the rule written out character by character, on IRI-like strings. */
  @Property(tries = 3000)
  void absoluteIriCheckFollowsRfc3987Exclusions(
      @ForAll @Chars({'h', 't', 'p', 's', ':', '/', '.', '-', '+', '<', '>', '"', '{', '}', '|', '\\', '^', '`', ' ', '\t',
          '\u007f', '\u0000', '\u0080', 'শ', '1'}) @CharRange(from = 'a', to = 'e') String s) {
    assertThat(Formats.isAbsoluteIri(s)).as("isAbsoluteIri(%s)", s).isEqualTo(absoluteIriByRule(s));
  }

  private static boolean absoluteIriByRule(String s) {
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1 || !s.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      return false;
    }
    for (char c : s.substring(colon + 1).toCharArray()) {
      if (c <= ' ' || c == 0x7f || "<>\"{}|\\^`".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mailto:xapi@adlnet.gov", "mailto:শিক্ষক@example.bd"})
  void acceptsMailtoIris(String mbox) {
    assertThat(Formats.isMailtoIri(mbox)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"xapi@adlnet.gov", "mailto:should.fail.com", "http://should.fail.com", "mailto:@x",
      "mailto:a@", "mailto:a@b@c", "mailto:a b@c"})
  void rejectsOtherMboxes(String mbox) {
    assertThat(Formats.isMailtoIri(mbox)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/octet-stream", "text/plain; charset=ascii", "image/svg+xml"})
  void acceptsMediaTypes(String type) {
    assertThat(Formats.isMediaType(type)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "text", "text/", "/plain", "text/pl ain", "12345"})
  void rejectsOtherMediaTypes(String type) {
    assertThat(Formats.isMediaType(type)).isFalse();
  }
}
