package org.learntrace.xapi;

/**
 * A position inside a statement, built cheaply while walking and rendered as text only when a
 * violation is reported.
 */
final class JsonPath {
  static final JsonPath ROOT = new JsonPath(null, null, -1);

  private final JsonPath parent;
  private final String key;
  private final int index;

  private JsonPath(JsonPath parent, String key, int index) {
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  JsonPath key(String name) {
    return new JsonPath(this, name, -1);
  }

  JsonPath index(int i) {
    return new JsonPath(this, null, i);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    render(b);
    return b.toString();
  }

  private void render(StringBuilder b) {
    if (parent == null) {
      b.append('$');
      return;
    }
    parent.render(b);
    if (key == null) {
      b.append('[').append(index).append(']');
    } else if (isPlainName(key)) {
      b.append('.').append(key);
    } else {
      b.append("['").append(key.replace("\\", "\\\\").replace("'", "\\'")).append("']");
    }
  }

  private static boolean isPlainName(String k) {
    if (k.isEmpty()) {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
