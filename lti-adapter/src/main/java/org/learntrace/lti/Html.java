package org.learntrace.lti;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.util.Map;

/** The small HTML pages of the LTI flows: auto-submitting form_post pages and postMessage pages. */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A page whose form posts {@code fields} to {@code action} as soon as it loads. */
  static String autoPostForm(URI action, Map<String, String> fields) {
    StringBuilder b = new StringBuilder(512);
    b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LTI</title></head>")
        .append("<body onload=\"document.forms[0].submit()\">")
        .append("<form method=\"post\" action=\"").append(escape(action.toString())).append("\">");
    for (Map.Entry<String, String> f : fields.entrySet()) {
      b.append("<input type=\"hidden\" name=\"").append(escape(f.getKey())).append("\" value=\"")
          .append(escape(f.getValue())).append("\">");
    }
    return b.append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>")
        .toString();
  }

  /** A JSON literal safe to embed inside a script element. */
  static String js(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
          .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
