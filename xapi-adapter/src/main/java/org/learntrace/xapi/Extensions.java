package org.learntrace.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An xAPI extensions object: IRI keys to arbitrary JSON values (including {@code null}), in
 * insertion order.
 *
 * <p>Immutable: container values are copied on the way in and on the way out, scalar values are
 * Jackson's immutable value nodes.
 *
 * <pre>{@code
 * Extensions ext = Extensions.builder()
 *     .put("https://w3id.org/xapi/video/extensions/progress", 0.5)
 *     .put("https://w3id.org/xapi/video/extensions/played-segments", "0[.]30")
 *     .build();
 * }</pre>
 */
public final class Extensions {
  private static final Extensions EMPTY = new Extensions(new String[0], new JsonNode[0]);

  private final String[] keys;
  private final JsonNode[] values;

  private Extensions(String[] keys, JsonNode[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** No extensions. */
  public static Extensions empty() {
    return EMPTY;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of extensions. */
  public int size() {
    return keys.length;
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** The key (an IRI) at {@code index}, in insertion order. */
  public String key(int index) {
    return keys[index];
  }

  /** The value at {@code index}; a copy when it is an object or array. */
  public JsonNode value(int index) {
    return exposed(values[index]);
  }

  /** The value for {@code key}, or {@code null} when absent; a JSON null is a {@link NullNode}. */
  public JsonNode get(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return exposed(values[i]);
      }
    }
    return null;
  }

  /** Whether the key is present. */
  public boolean containsKey(String key) {
    for (String k : keys) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** An unmodifiable copy as a map, in insertion order. */
  public Map<String, JsonNode> asMap() {
    Map<String, JsonNode> m = new LinkedHashMap<>(keys.length * 2);
    for (int i = 0; i < keys.length; i++) {
      m.put(keys[i], exposed(values[i]));
    }
    return Collections.unmodifiableMap(m);
  }

  /** For serializers in this library: the value without a defensive copy; never modify it. */
  JsonNode rawValue(int index) {
    return values[index];
  }

  private static JsonNode exposed(JsonNode node) {
    return node.isContainerNode() ? node.deepCopy() : node;
  }

  /** Equal when both hold the same keys with the same JSON values; numbers compare by value. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Extensions other) || other.keys.length != keys.length) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      JsonNode theirs = null;
      for (int j = 0; j < other.keys.length; j++) {
        if (other.keys[j].equals(keys[i])) {
          theirs = other.values[j];
          break;
        }
      }
      if (theirs == null || !values[i].equals(SAME_JSON_VALUE, theirs)) {
        return false;
      }
    }
    return true;
  }

  /** Numbers are equal by value (1, 1.0 and 1L), as in JSON; everything else as Jackson says. */
  private static final Comparator<JsonNode> SAME_JSON_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  /** Consistent with {@link #equals}: numbers inside values compare by value, so only keys are hashed. */
  @Override
  public int hashCode() {
    int h = 0;
    for (String key : keys) {
      h += key.hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  /** Collects extensions; a key may appear once. */
  public static final class Builder {
    private String[] keys = new String[4];
    private JsonNode[] values = new JsonNode[4];
    private int size;

    private Builder() {}

    /** Adds a JSON value; {@code null} becomes JSON null. Objects and arrays are copied. */
    public Builder put(String key, JsonNode value) {
      Objects.requireNonNull(key, "extension key must not be null");
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          throw new IllegalArgumentException("extension key '" + key + "' appears twice");
        }
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] =
          value == null ? NullNode.getInstance() : value.isContainerNode() ? value.deepCopy() : value;
      size++;
      return this;
    }

    /** Adds a string value. */
    public Builder put(String key, String value) {
      return put(key, value == null ? NullNode.getInstance() : TextNode.valueOf(value));
    }

    /** Adds an integer value. */
    public Builder put(String key, long value) {
      return put(key, LongNode.valueOf(value));
    }

    /** Adds a decimal value. */
    public Builder put(String key, double value) {
      return put(key, DoubleNode.valueOf(value));
    }

    /** Adds a boolean value. */
    public Builder put(String key, boolean value) {
      return put(key, BooleanNode.valueOf(value));
    }

    /** Adds every extension of {@code other}. */
    public Builder putAll(Extensions other) {
      for (int i = 0; i < other.keys.length; i++) {
        put(other.keys[i], other.values[i]);
      }
      return this;
    }

    /** The extensions; the builder may be reused afterwards. */
    public Extensions build() {
      if (size == 0) {
        return EMPTY;
      }
      return new Extensions(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
    }
  }
}
