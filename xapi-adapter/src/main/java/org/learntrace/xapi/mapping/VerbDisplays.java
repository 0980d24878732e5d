package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import java.util.Map;
import org.learntrace.xapi.LanguageMap;

/** How each verb the mapping writes is shown, in English and Bangla. */
final class VerbDisplays {
  private VerbDisplays() {}

  private static final Map<String, LanguageMap> DISPLAYS = Map.ofEntries(
      entry(LAUNCHED, "launched", "চালু করেছেন"),
      entry(INITIALIZED, "initialized", "শুরু করেছেন"),
      entry(COMPLETED, "completed", "সম্পন্ন করেছেন"),
      entry(PASSED, "passed", "উত্তীর্ণ হয়েছেন"),
      entry(FAILED, "failed", "অনুত্তীর্ণ হয়েছেন"),
      entry(ABANDONED, "abandoned", "পরিত্যাগ করেছেন"),
      entry(WAIVED, "waived", "অব্যাহতি পেয়েছেন"),
      entry(TERMINATED, "terminated", "শেষ করেছেন"),
      entry(SATISFIED, "satisfied", "শর্ত পূরণ করেছেন"),
      entry(PLAYED, "played", "চালিয়েছেন"),
      entry(PAUSED, "paused", "থামিয়েছেন"),
      entry(SEEKED, "seeked", "সামনে-পিছনে সরিয়েছেন"),
      entry(INTERACTED, "interacted", "ব্যবহার করেছেন"),
      entry(ANSWERED, "answered", "উত্তর দিয়েছেন"),
      entry(ATTEMPTED, "attempted", "পরীক্ষা দিয়েছেন"),
      entry(ATTENDED, "attended", "উপস্থিত ছিলেন"),
      entry(MISSED, "missed", "অনুপস্থিত ছিলেন"),
      entry(COMMENTED, "commented", "মন্তব্য করেছেন"),
      entry(SHARED, "shared", "শেয়ার করেছেন"),
      entry(ASKED, "asked", "প্রশ্ন করেছেন"),
      entry(REPLIED, "replied", "জবাব দিয়েছেন"),
      entry(VISITED, "visited", "পরিদর্শন করেছেন"),
      entry(OBSERVED, "observed", "পর্যবেক্ষণ করেছেন"),
      entry(WITHDREW_CONSENT, "withdrew consent", "সম্মতি প্রত্যাহার করেছেন"));

  /** The display of {@code verb}; never null for a verb in {@link Vocabulary}. */
  static LanguageMap of(String verb) {
    LanguageMap display = DISPLAYS.get(verb);
    if (display == null) {
      throw new IllegalStateException("no display for verb " + verb);
    }
    return display;
  }

  private static Map.Entry<String, LanguageMap> entry(String verb, String english, String bangla) {
    return Map.entry(verb, LanguageMap.of("en-US", english, "bn-BD", bangla));
  }
}
