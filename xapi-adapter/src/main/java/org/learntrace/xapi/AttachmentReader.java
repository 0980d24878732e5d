package org.learntrace.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code attachments}: an array of attachment metadata objects. */
final class AttachmentReader {
  private AttachmentReader() {}

  static List<Attachment> attachments(StatementReader r, JsonNode n, JsonPath path) {
    if (!n.isArray()) {
      r.violation(path, XapiRule.ATTACHMENTS, "was " + StatementReader.describe(n));
      return null;
    }
    List<Attachment> list = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      Attachment a = attachment(r, n.get(i), path.index(i));
      if (a != null) {
        list.add(a);
      }
    }
    return list;
  }

  private static Attachment attachment(StatementReader r, JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      r.violation(path, XapiRule.ATTACHMENTS, "an attachment must be an object, was " + StatementReader.describe(n));
      return null;
    }
    String[] strings = new String[4]; // usageType, contentType, sha2, fileUrl
    LanguageMap[] maps = new LanguageMap[2]; // display, description
    long[] length = {0};
    r.forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "usageType" -> strings[0] = r.string(v, p, XapiRule.ATTACHMENT_USAGE_TYPE);
        case "display" -> maps[0] = r.languageMap(v, p, XapiRule.ATTACHMENT_DISPLAY);
        case "description" -> maps[1] = r.languageMap(v, p, XapiRule.ATTACHMENT_DISPLAY);
        case "contentType" -> strings[1] = r.string(v, p, XapiRule.ATTACHMENT_CONTENT_TYPE);
        case "length" -> {
          if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
            length[0] = v.longValue();
          } else {
            r.violation(p, XapiRule.ATTACHMENT_LENGTH, "was " + StatementReader.describe(v));
          }
        }
        case "sha2" -> strings[2] = r.string(v, p, XapiRule.ATTACHMENT_SHA2);
        case "fileUrl" -> strings[3] = r.string(v, p, XapiRule.ATTACHMENT_FILE_URL);
        default -> r.unknown(key, p);
      }
    });
    if (!n.has("length")) {
      r.violation(path.key("length"), XapiRule.ATTACHMENT_LENGTH, "missing");
    }
    return new Attachment(strings[0], maps[0], maps[1], strings[1], length[0], strings[2], strings[3]);
  }
}
