package org.learntrace.xapi.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.ActivityDefinition;
import org.learntrace.xapi.LanguageMap;

/**
 * What the mapping knows about a platform beyond the events: where its IRIs live, which account
 * home page stands for each id space, and the course metadata that gives activities their names
 * in English and Bangla (courses, modules, videos, quizzes and their items, assessment instruments,
 * observation rubrics, surveys).
 *
 * <p>Everything but the platform IRI is optional: an event about something the catalog does not
 * list still maps, and its activity then has a type and no name. Every display name must carry
 * both {@code en-US} and {@code bn-BD}; the builder rejects one that does not, naming the entry.
 *
 * <pre>{@code
 * CourseCatalog catalog = CourseCatalog.builder("https://muktopaath.gov.bd/xapi")
 *     .idSpace("urn:learntrace:id:teacher", "https://muktopaath.gov.bd/id/teachers")
 *     .course("ags", LanguageMap.of("en-US", "Joyful maths", "bn-BD", "আনন্দে গণিত শিখি"))
 *     .video("ags", "m3-v1", LanguageMap.of("en-US", "Counting objects", "bn-BD", "বস্তু গণনা"), 312.0, 0.9)
 *     .build();
 * }</pre>
 *
 * <p>Or from JSON with {@link #fromJson(InputStream)}; the format is documented in
 * {@code docs/xapi-profile.md}. Immutable and thread-safe.
 */
public final class CourseCatalog {
  /** The cmi5 moveOn values a module may name. */
  public static final Set<String> MOVE_ON_VALUES =
      Set.of("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable");

  private final String platformIri;
  private final Map<String, String> homePages;
  private final Map<String, String> idSpaces;
  private final Map<String, LanguageMap> names;
  private final Map<String, String> studies;
  private final Map<String, ModuleInfo> modules;
  private final Map<String, VideoInfo> videos;
  private final Map<String, ActivityDefinition> items;

  private CourseCatalog(Builder b) {
    this.platformIri = b.platformIri;
    this.homePages = Map.copyOf(b.homePages);
    Map<String, String> inverse = new HashMap<>();
    homePages.forEach((space, page) -> inverse.put(page, space));
    this.idSpaces = Map.copyOf(inverse);
    this.names = Map.copyOf(b.names);
    this.studies = Map.copyOf(b.studies);
    this.modules = Map.copyOf(b.modules);
    this.videos = Map.copyOf(b.videos);
    this.items = Map.copyOf(b.items);
  }

  /**
   * A builder for a platform whose activity IRIs start with {@code platformIri}, for example
   * {@code https://muktopaath.gov.bd/xapi}. The default id spaces of the SDK ({@code
   * urn:learntrace:id:teacher} and the others) map to {@code <platformIri>/id/<role>}.
   *
   * @throws IllegalArgumentException if {@code platformIri} is not an absolute http(s) IRI
   */
  public static Builder builder(String platformIri) {
    return new Builder(platformIri);
  }

  /** A catalog with no course metadata: activities get types and no names. */
  public static CourseCatalog empty(String platformIri) {
    return builder(platformIri).build();
  }

  /**
   * Reads a catalog from UTF-8 JSON.
   *
   * @throws IllegalArgumentException naming the JSON path and the rule of the first problem
   * @throws IOException if the stream cannot be read
   */
  public static CourseCatalog fromJson(InputStream json) throws IOException {
    return CatalogJson.read(json.readAllBytes());
  }

  /** Reads a catalog from a JSON string; see {@link #fromJson(InputStream)}. */
  public static CourseCatalog fromJson(String json) {
    return CatalogJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The platform IRI that activity IRIs start with, without a trailing slash. */
  public String platformIri() {
    return platformIri;
  }

  /** The account home page that stands for {@code idSpace}: the configured one, or the id space itself. */
  public String homePage(String idSpace) {
    return homePages.getOrDefault(idSpace, idSpace);
  }

  /** The id space whose accounts live at {@code homePage}: the inverse of {@link #homePage}. */
  public String idSpace(String homePage) {
    return idSpaces.getOrDefault(homePage, homePage);
  }

  // ---- lookups for the mapper; null when the catalog does not know the entry ----

  LanguageMap name(Kind kind, String course, String... ids) {
    return names.get(key(kind, course, ids));
  }

  String study(String course) {
    return studies.get(course);
  }

  ModuleInfo module(String course, String module) {
    return modules.get(key(Kind.MODULE, course, module));
  }

  VideoInfo video(String course, String video) {
    return videos.get(key(Kind.VIDEO, course, video));
  }

  ActivityDefinition item(String course, String quiz, String item) {
    return items.get(key(Kind.ITEM, course, quiz, item));
  }

  static String key(Kind kind, String course, String... ids) {
    StringBuilder b = new StringBuilder(kind.name()).append('\u0000').append(course);
    for (String id : ids) {
      b.append('\u0000').append(id);
    }
    return b.toString();
  }

  /** What a display name can belong to. */
  enum Kind { COURSE, STUDY, MODULE, VIDEO, QUIZ, ITEM, INSTRUMENT, RUBRIC, SURVEY, QUESTION }

  record ModuleInfo(Double masteryScore, String moveOn) {}

  record VideoInfo(Double length, Double completionThreshold) {}

  /** Collects the catalog; every method checks its arguments and names the entry it rejects. */
  public static final class Builder {
    private final String platformIri;
    private final Map<String, String> homePages = new LinkedHashMap<>();
    private final Map<String, LanguageMap> names = new HashMap<>();
    private final Map<String, String> studies = new HashMap<>();
    private final Map<String, ModuleInfo> modules = new HashMap<>();
    private final Map<String, VideoInfo> videos = new HashMap<>();
    private final Map<String, ActivityDefinition> items = new HashMap<>();

    private Builder(String platformIri) {
      Objects.requireNonNull(platformIri, "platformIri");
      if (!(platformIri.startsWith("https://") || platformIri.startsWith("http://"))
          || platformIri.length() < 9 || platformIri.contains(" ") || platformIri.contains("?") || platformIri.contains("#")) {
        throw new IllegalArgumentException("platformIri must be an http(s) IRI without query or fragment, was \"" + platformIri + "\"");
      }
      this.platformIri = platformIri.endsWith("/") ? platformIri.substring(0, platformIri.length() - 1) : platformIri;
      for (Person.Role role : Person.Role.values()) {
        String space = role.defaultIdSpace();
        homePages.put(space, this.platformIri + "/id/" + space.substring(space.lastIndexOf(':') + 1));
      }
      homePages.put(Location.SCHOOL_ID_SPACE, this.platformIri + "/id/school");
      homePages.put(Location.CLASS_ID_SPACE, this.platformIri + "/id/class");
    }

    /**
     * Makes accounts of {@code idSpace} use {@code homePage} (an http(s) IRL), and the reverse.
     *
     * @throws IllegalArgumentException if the home page is not an http(s) IRI or already stands for
     *     another id space
     */
    public Builder idSpace(String idSpace, String homePage) {
      Objects.requireNonNull(idSpace, "idSpace");
      Objects.requireNonNull(homePage, "homePage");
      if (!(homePage.startsWith("https://") || homePage.startsWith("http://")) || homePage.contains(" ")) {
        throw new IllegalArgumentException("home page of id space '" + idSpace + "' must be an http(s) IRL, was \"" + homePage + "\"");
      }
      homePages.forEach((space, page) -> {
        if (page.equals(homePage) && !space.equals(idSpace)) {
          throw new IllegalArgumentException("home page \"" + homePage + "\" already stands for id space '" + space + "'");
        }
      });
      homePages.put(idSpace, homePage);
      return this;
    }

    /** Names the course. */
    public Builder course(String course, LanguageMap name) {
      return named(Kind.COURSE, name, course);
    }

    /** The study a course's outcome records belong to; cited as a grouping activity. */
    public Builder study(String course, String study, LanguageMap name) {
      Objects.requireNonNull(study, "study");
      studies.put(Objects.requireNonNull(course, "course"), study);
      return named(Kind.STUDY, name, course, study);
    }

    /**
     * A module, with the cmi5 mastery score in [0, 1] and moveOn criterion if it has them.
     *
     * @throws IllegalArgumentException for a mastery score out of range or an unknown moveOn
     */
    public Builder module(String course, String module, LanguageMap name, Double masteryScore, String moveOn) {
      if (masteryScore != null && !(masteryScore >= 0 && masteryScore <= 1)) {
        throw new IllegalArgumentException("masteryScore of module " + course + "/" + module + " must be in [0, 1], was " + masteryScore);
      }
      if (moveOn != null && !MOVE_ON_VALUES.contains(moveOn)) {
        throw new IllegalArgumentException("moveOn of module " + course + "/" + module + " must be one of " + MOVE_ON_VALUES + ", was \"" + moveOn + "\"");
      }
      modules.put(key(Kind.MODULE, course, module), new ModuleInfo(masteryScore, moveOn));
      return named(Kind.MODULE, name, course, module);
    }

    /**
     * A video, with its length in seconds and the completion threshold in [0, 1] if known.
     *
     * @throws IllegalArgumentException for a negative length or a threshold out of range
     */
    public Builder video(String course, String video, LanguageMap name, Double length, Double completionThreshold) {
      if (length != null && !(length >= 0 && Double.isFinite(length))) {
        throw new IllegalArgumentException("length of video " + course + "/" + video + " must be a finite number >= 0, was " + length);
      }
      if (completionThreshold != null && !(completionThreshold >= 0 && completionThreshold <= 1)) {
        throw new IllegalArgumentException("completionThreshold of video " + course + "/" + video + " must be in [0, 1], was " + completionThreshold);
      }
      videos.put(key(Kind.VIDEO, course, video), new VideoInfo(length, completionThreshold));
      return named(Kind.VIDEO, name, course, video);
    }

    /** Names a quiz. */
    public Builder quiz(String course, String quiz, LanguageMap name) {
      return named(Kind.QUIZ, name, course, quiz);
    }

    /**
     * A quiz item: its definition's name (both languages) and interaction properties (type,
     * choices, scale, source, target, steps, correct responses). The mapper uses the interaction
     * properties only for an answer whose interaction type is the same.
     *
     * @throws IllegalArgumentException if the definition has no interaction type
     */
    public Builder quizItem(String course, String quiz, String item, ActivityDefinition definition) {
      Objects.requireNonNull(definition, "definition");
      if (definition.interactionType() == null) {
        throw new IllegalArgumentException("quiz item " + course + "/" + quiz + "/" + item + " needs an interactionType");
      }
      named(Kind.ITEM, definition.name(), course, quiz, item);
      items.put(key(Kind.ITEM, course, quiz, item), definition);
      return this;
    }

    /** Names an assessment instrument. */
    public Builder instrument(String course, String instrument, LanguageMap name) {
      return named(Kind.INSTRUMENT, name, course, instrument);
    }

    /** Names an observation rubric. */
    public Builder rubric(String course, String rubric, LanguageMap name) {
      return named(Kind.RUBRIC, name, course, rubric);
    }

    /** Names a self-report survey. */
    public Builder survey(String course, String survey, LanguageMap name) {
      return named(Kind.SURVEY, name, course, survey);
    }

    /** Names a survey question. */
    public Builder surveyQuestion(String course, String survey, String question, LanguageMap name) {
      return named(Kind.QUESTION, name, course, survey, question);
    }

    private Builder named(Kind kind, LanguageMap name, String course, String... ids) {
      Objects.requireNonNull(course, "course");
      for (String id : ids) {
        Objects.requireNonNull(id, () -> kind.name().toLowerCase(java.util.Locale.ROOT) + " id");
      }
      String what = kind.name().toLowerCase(java.util.Locale.ROOT) + " " + course + (ids.length == 0 ? "" : "/" + String.join("/", ids));
      if (name == null || name.get("en-US") == null || name.get("bn-BD") == null) {
        throw new IllegalArgumentException("name of " + what + " must have en-US and bn-BD, was " + name);
      }
      names.put(key(kind, course, ids), name);
      return this;
    }

    /** The catalog. */
    public CourseCatalog build() {
      return new CourseCatalog(this);
    }
  }
}
