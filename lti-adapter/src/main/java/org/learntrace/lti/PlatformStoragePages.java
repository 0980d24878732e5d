package org.learntrace.lti;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pages of the LTI Client Side postMessages platform-storage fallback, for iframes whose browser
 * blocks third-party cookies: at login the state binding is put into the platform's storage
 * ({@code lti.put_data}); at launch, if no cookie came back, it is read back ({@code lti.get_data})
 * and posted again with the launch. Messages are accepted only from the platform's origin.
 */
final class PlatformStoragePages {
  private PlatformStoragePages() {}

  private static final String TARGET_JS =
      "function ltTarget(t){var p=window.opener||window.parent;"
          + "if(t&&t!=='_parent'){try{return p.frames[t]||p;}catch(e){return p;}}return p;}";

  static String storeAndRedirect(String storageTarget, String platformOrigin, String key, String value, URI next) {
    String id = Tokens.random();
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LTI</title></head><body><script>"
        + TARGET_JS
        + "var origin=" + Html.js(platformOrigin) + ",id=" + Html.js(id) + ";"
        + "window.addEventListener('message',function(e){if(e.origin!==origin||!e.data||e.data.message_id!==id)return;"
        + "if(e.data.subject==='lti.put_data.response'){window.location.href=" + Html.js(next.toString()) + ";}});"
        + "ltTarget(" + Html.js(storageTarget) + ").postMessage({subject:'lti.put_data',message_id:id,key:"
        + Html.js(key) + ",value:" + Html.js(value) + "},origin);"
        + "</script></body></html>";
  }

  static String readAndRepost(String storageTarget, String platformOrigin, String key, URI launchUrl,
      Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id_token", form.getOrDefault("id_token", ""));
    fields.put("state", form.getOrDefault("state", ""));
    String id = Tokens.random();
    StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LTI</title></head><body>");
    b.append("<form method=\"post\" action=\"").append(Html.escape(launchUrl.toString())).append("\">");
    for (Map.Entry<String, String> f : fields.entrySet()) {
      b.append("<input type=\"hidden\" name=\"").append(Html.escape(f.getKey())).append("\" value=\"")
          .append(Html.escape(f.getValue())).append("\">");
    }
    b.append("<input type=\"hidden\" name=\"").append(LtiTool.STORAGE_BINDING_FIELD).append("\" value=\"\"></form><script>")
        .append(TARGET_JS)
        .append("var origin=").append(Html.js(platformOrigin)).append(",id=").append(Html.js(id)).append(";")
        .append("window.addEventListener('message',function(e){if(e.origin!==origin||!e.data||e.data.message_id!==id)return;")
        .append("if(e.data.subject==='lti.get_data.response'&&typeof e.data.value==='string'){var f=document.forms[0];")
        .append("f.elements['").append(LtiTool.STORAGE_BINDING_FIELD).append("'].value=e.data.value;f.submit();}});")
        .append("ltTarget(").append(Html.js(storageTarget)).append(").postMessage({subject:'lti.get_data',message_id:id,key:")
        .append(Html.js(key)).append("},origin);</script></body></html>");
    return b.toString();
  }
}
