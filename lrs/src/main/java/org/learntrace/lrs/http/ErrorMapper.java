package org.learntrace.lrs.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.learntrace.lrs.spi.StatementConflictException;
import org.learntrace.xapi.Violation;

/** Turns every failure into a JSON error body: {@code {"error": ..., "violations": [...]}}. */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof LrsException le) {
      Response.ResponseBuilder b = body(le.status(), le.getMessage(), le.violations());
      le.headers().forEach(b::header);
      return b.build();
    }
    if (e instanceof StatementConflictException c) {
      return body(409, c.getMessage(), List.of()).build();
    }
    if (e instanceof WebApplicationException w) {
      int status = w.getResponse().getStatus();
      String message = switch (status) {
        case 404 -> "no xAPI resource at this path";
        case 405 -> "this xAPI resource does not support the method";
        case 415 -> "unsupported content type";
        default -> w.getMessage();
      };
      Response.ResponseBuilder b = body(status, message, List.of());
      w.getResponse().getHeaders().forEach((k, v) -> {
        if (!k.equalsIgnoreCase("Content-Type")) {
          v.forEach(x -> b.header(k, x));
        }
      });
      return b.build();
    }
    LOG.log(Level.SEVERE, "request failed", e);
    return body(500, "internal error: " + e.getMessage(), List.of()).build();
  }

  static Response.ResponseBuilder body(int status, String message, List<Violation> violations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("error", message == null ? "" : message);
    if (!violations.isEmpty()) {
      ArrayNode list = root.putArray("violations");
      for (Violation v : violations) {
        ObjectNode o = list.addObject();
        o.put("path", v.path());
        o.put("rule", v.rule().id());
        o.put("text", v.rule().text());
        o.put("detail", v.detail());
      }
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(root.toString());
  }
}
