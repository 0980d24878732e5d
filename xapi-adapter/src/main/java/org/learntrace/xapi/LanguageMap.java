package org.learntrace.xapi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An xAPI language map: RFC 5646 language tags to text in that language, in insertion order.
 *
 * <p>Immutable. Text is kept exactly as given (Bangla and any other script round-trip unchanged,
 * whatever the JVM's default charset). Tags are not normalised; the validator checks them.
 *
 * <pre>{@code
 * LanguageMap name = LanguageMap.of("en-US", "Counting to 20", "bn-BD", "২০ পর্যন্ত গণনা");
 * }</pre>
 */
public final class LanguageMap {
  private static final LanguageMap EMPTY = new LanguageMap(new String[0], new String[0]);

  private final String[] tags;
  private final String[] texts;

  private LanguageMap(String[] tags, String[] texts) {
    this.tags = tags;
    this.texts = texts;
  }

  /** The empty map. */
  public static LanguageMap empty() {
    return EMPTY;
  }

  /** A map with one entry. */
  public static LanguageMap of(String tag, String text) {
    return new LanguageMap(new String[] {requireTag(tag)}, new String[] {requireText(tag, text)});
  }

  /** A map with two entries; the tags must differ. */
  public static LanguageMap of(String tag1, String text1, String tag2, String text2) {
    return builder().put(tag1, text1).put(tag2, text2).build();
  }

  /** A map with the entries of {@code map}, in its iteration order. */
  public static LanguageMap copyOf(Map<String, String> map) {
    Builder b = builder();
    map.forEach(b::put);
    return b.build();
  }

  /** A builder for maps with more entries. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of entries. */
  public int size() {
    return tags.length;
  }

  /** Whether the map has no entries. */
  public boolean isEmpty() {
    return tags.length == 0;
  }

  /** The tag at {@code index}, in insertion order. */
  public String tag(int index) {
    return tags[index];
  }

  /** The text at {@code index}, in insertion order. */
  public String text(int index) {
    return texts[index];
  }

  /** The text for exactly this tag, or {@code null}. */
  public String get(String tag) {
    for (int i = 0; i < tags.length; i++) {
      if (tags[i].equals(tag)) {
        return texts[i];
      }
    }
    return null;
  }

  /** An unmodifiable view as a map, in insertion order. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>(tags.length * 2);
    for (int i = 0; i < tags.length; i++) {
      m.put(tags[i], texts[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Equal when both hold the same tag–text pairs, in any order. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LanguageMap other) || other.tags.length != tags.length) {
      return false;
    }
    for (int i = 0; i < tags.length; i++) {
      if (!texts[i].equals(other.get(tags[i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < tags.length; i++) {
      h += tags[i].hashCode() ^ texts[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  private static String requireTag(String tag) {
    return Objects.requireNonNull(tag, "language map tag must not be null");
  }

  private static String requireText(String tag, String text) {
    return Objects.requireNonNull(text, () -> "language map text for tag '" + tag + "' must not be null");
  }

  /** Collects entries; a tag may appear once. */
  public static final class Builder {
    private String[] tags = new String[4];
    private String[] texts = new String[4];
    private int size;

    private Builder() {}

    /**
     * Adds an entry.
     *
     * @throws IllegalArgumentException if the tag is already present
     */
    public Builder put(String tag, String text) {
      requireTag(tag);
      requireText(tag, text);
      for (int i = 0; i < size; i++) {
        if (tags[i].equals(tag)) {
          throw new IllegalArgumentException("language map tag '" + tag + "' appears twice");
        }
      }
      if (size == tags.length) {
        tags = Arrays.copyOf(tags, size * 2);
        texts = Arrays.copyOf(texts, size * 2);
      }
      tags[size] = tag;
      texts[size] = text;
      size++;
      return this;
    }

    /** The map; the builder may be reused afterwards. */
    public LanguageMap build() {
      if (size == 0) {
        return EMPTY;
      }
      return new LanguageMap(Arrays.copyOf(tags, size), Arrays.copyOf(texts, size));
    }
  }
}
