package org.learntrace.sdk.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.PolicyProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies in force: one JSON file per course in a directory, re-read when its content changes.
 * A file that fails to parse or validate is reported with line, column and field, and the last
 * good policy of that course stays in force.
 */
public final class PolicyStore {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);

  private final Path dir;
  private final AnalyticsPolicy base;
  private final Set<String> sinks;
  private final ObjectMapper mapper = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private final Map<Path, byte[]> seen = new HashMap<>();
  private final Map<Path, PolicyProblem> problems = new ConcurrentHashMap<>();
  private volatile Map<String, AnalyticsPolicy> courses = Map.of();
  private volatile Map<CourseModule, ResolvedPolicy> resolved = new ConcurrentHashMap<>();

  /**
   * @param dir the policy directory, or null for the base policy only
   * @param base the policy that applies beneath every course's file (its {@code defaults})
   * @param sinks the configured destination names
   */
  public PolicyStore(Path dir, AnalyticsPolicy base, Set<String> sinks) {
    this.dir = dir;
    this.base = base;
    this.sinks = Set.copyOf(sinks);
  }

  ResolvedPolicy resolve(CourseModule cm) {
    Map<CourseModule, ResolvedPolicy> r = resolved;
    ResolvedPolicy p = r.get(cm);
    if (p == null) {
      p = new ResolvedPolicy(ResolvedPolicy.layers(base, courses.get(cm.course()), cm.module()), sinks);
      r.put(cm, p);
    }
    return p;
  }

  /** The problems of the files currently rejected. */
  public List<PolicyProblem> problems() {
    return List.copyOf(problems.values());
  }

  /** Re-reads changed files; returns the problems found in this pass. */
  public synchronized List<PolicyProblem> reload() {
    if (dir == null) {
      return List.of();
    }
    List<PolicyProblem> found = new ArrayList<>();
    Map<String, AnalyticsPolicy> next = new HashMap<>(courses);
    boolean changed = false;
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      ds.forEach(files::add);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      LOG.error("cannot list policy directory {}", dir, e);
      return List.of();
    }
    for (Path f : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        continue;
      }
      if (Arrays.equals(bytes, seen.get(f))) {
        continue;
      }
      seen.put(f, bytes);
      try {
        AnalyticsPolicy p = mapper.readValue(bytes, AnalyticsPolicy.class);
        PolicyProblem unknown = checkDestinations(f, p, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        if (unknown != null) {
          problems.put(f, unknown);
          found.add(unknown);
          LOG.error("policy rejected, last good policy stays: {}", unknown);
          continue;
        }
        next.put(p.course(), p);
        problems.remove(f);
        changed = true;
        LOG.info("policy {} loaded for course {}", f.getFileName(), p.course());
      } catch (JsonProcessingException e) {
        PolicyProblem problem = problem(f, e);
        problems.put(f, problem);
        found.add(problem);
        LOG.error("policy rejected, last good policy stays: {}", problem);
      } catch (IOException e) {
        LOG.error("cannot read policy {}", f, e);
      }
    }
    if (changed) {
      courses = Map.copyOf(next);
      resolved = new ConcurrentHashMap<>();
    }
    return found;
  }

  private PolicyProblem checkDestinations(Path f, AnalyticsPolicy p, String text) {
    List<AnalyticsPolicy.Rules> all = new ArrayList<>(p.modules().values());
    all.add(p.defaults());
    for (AnalyticsPolicy.Rules r : all) {
      if (r != null && r.destinations() != null) {
        for (String d : r.destinations().keySet()) {
          if (!sinks.contains(d)) {
            int at = text.indexOf('"' + d + '"');
            int line = at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            int column = at < 0 ? 0 : at - text.lastIndexOf('\n', at);
            return new PolicyProblem(f, line, column, "destinations." + d,
                "no sink named '" + d + "' is configured (configured: " + new java.util.TreeSet<>(sinks) + ")");
          }
        }
      }
    }
    return null;
  }

  static PolicyProblem problem(Path file, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int column = loc == null ? 0 : loc.getColumnNr();
    String field = "";
    if (e instanceof JsonMappingException m) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          sb.append('[').append(r.getIndex()).append(']');
        }
      }
      field = sb.toString();
      if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
          && f.getTargetType() == org.learntrace.sdk.EventFamily.class && !field.endsWith("." + f.getValue())) {
        field = field + "." + f.getValue();
      }
    }
    Throwable cause = e.getCause();
    String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
    if (message != null && message.matches("(?s)^[\\w.-]+: .*")) {
      field = (field.isEmpty() ? "" : field + ".") + message.substring(0, message.indexOf(':'));
      message = message.substring(message.indexOf(':') + 2);
    }
    return new PolicyProblem(file, line, column, field.isEmpty() ? "(document)" : field, message);
  }
}
