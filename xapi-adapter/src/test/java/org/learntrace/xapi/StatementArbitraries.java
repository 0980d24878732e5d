package org.learntrace.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid statements in the model: every value comes from a pool that satisfies the
 * Data chapter, and text mixes ASCII, Bangla and characters outside the Basic Multilingual Plane.
 */
final class StatementArbitraries {
  private StatementArbitraries() {}

  static Arbitrary<String> text() {
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(12);
    Arbitrary<String> bangla = Arbitraries.strings().withCharRange('\u0980', '\u09FF').ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> mixed = Arbitraries.of("গণিত শিখি 😀", "Anonde Ghonit Shikhi", "মডিউল ৩", "\"quoted\" \\ / \n\t", "𝟙𝟚𝟛", "");
    return Arbitraries.oneOf(ascii, bangla, mixed);
  }

  static Arbitrary<String> iri() {
    Arbitrary<String> path = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-._~/").ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> base = Arbitraries.of("https://learntrace.org/", "http://adlnet.gov/expapi/verbs/",
        "https://w3id.org/xapi/video/", "urn:learntrace:", "https://muktopaath.gov.bd/শিক্ষক/");
    return Combinators.combine(base, path).as(String::concat);
  }

  static Arbitrary<String> languageTag() {
    return Arbitraries.of("en", "en-US", "bn", "bn-BD", "zh-Hans-CN", "sr-Latn-RS", "es-419", "x-lt", "cmn");
  }

  static Arbitrary<LanguageMap> languageMap() {
    return Arbitraries.maps(languageTag(), text()).ofMaxSize(3).map(LanguageMap::copyOf);
  }

  static Arbitrary<JsonNode> jsonValue() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        text().map(f::textNode),
        Arbitraries.integers().map(i -> (JsonNode) f.numberNode(i)),
        Arbitraries.longs().map(l -> (JsonNode) f.numberNode(l)),
        Arbitraries.doubles().between(-1e9, 1e9).ofScale(4).map(d -> (JsonNode) f.numberNode(d.doubleValue())),
        Arbitraries.of(true, false).map(f::booleanNode),
        Arbitraries.just(f.nullNode()));
    return Arbitraries.oneOf(scalar,
        scalar.list().ofMaxSize(3).map(l -> { var a = f.arrayNode(); l.forEach(a::add); return (JsonNode) a; }),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), scalar).ofMaxSize(3)
            .map(m -> { var o = f.objectNode(); m.forEach(o::set); return (JsonNode) o; }));
  }

  static Arbitrary<Extensions> extensions() {
    return Arbitraries.maps(iri(), jsonValue()).ofMaxSize(3).map(m -> {
      Extensions.Builder b = Extensions.builder();
      m.forEach(b::put);
      return b.build();
    });
  }

  static Arbitrary<Agent> agent() {
    Arbitrary<Agent> byAccount = Combinators.combine(iri(), text().filter(s -> !s.isEmpty())).as(Agent::ofAccount);
    Arbitrary<Agent> byMbox = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> Agent.ofMbox("mailto:" + s + "@example.org"));
    Arbitrary<Agent> bySha1 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(40).map(Agent::ofMboxSha1sum);
    Arbitrary<Agent> byOpenid = iri().map(Agent::ofOpenid);
    Arbitrary<Agent> any = Arbitraries.oneOf(byAccount, byMbox, bySha1, byOpenid);
    return Combinators.combine(any, text().injectNull(0.5)).as((a, name) -> name == null ? a : a.withName(name));
  }

  static Arbitrary<Group> group() {
    Arbitrary<Group> identified = Combinators.combine(iri(), text().filter(s -> !s.isEmpty()), agent().list().ofMaxSize(3))
        .as((home, name, members) -> Group.ofAccount(home, name).withMember(members));
    Arbitrary<Group> anonymous = agent().list().ofMinSize(1).ofMaxSize(3).map(Group::anonymous);
    return Arbitraries.oneOf(identified, anonymous);
  }

  static Arbitrary<Actor> actor() {
    return Arbitraries.oneOf(agent(), group());
  }

  static Arbitrary<Activity> activity() {
    Arbitrary<ActivityDefinition> plain = Combinators.combine(
            languageMap().injectNull(0.3), languageMap().injectNull(0.5), iri().injectNull(0.3),
            iri().injectNull(0.7), extensions().injectNull(0.6))
        .as((n, d, type, more, ext) -> ActivityDefinition.builder().name(n).description(d).type(type).moreInfo(more)
            .extensions(ext).build());
    Arbitrary<ActivityDefinition> choice = Combinators.combine(languageMap(), Arbitraries.integers().between(1, 4))
        .as((n, k) -> {
          List<InteractionComponent> choices = java.util.stream.IntStream.range(0, k)
              .mapToObj(i -> InteractionComponent.of("c" + i, "bn-BD", "বিকল্প " + i)).toList();
          return ActivityDefinition.builder().name(n).interactionType(InteractionType.CHOICE)
              .correctResponsesPattern(List.of("c0")).choices(choices).build();
        });
    return Combinators.combine(iri(), Arbitraries.oneOf(plain, choice).injectNull(0.3)).as(Activity::new);
  }

  static Arbitrary<Result> result() {
    Arbitrary<Score> score = Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 100))
        .as((raw, extra) -> Score.of(raw, 0, raw + extra));
    return Combinators.combine(score.injectNull(0.3), Arbitraries.of(true, false).injectNull(0.3),
            Arbitraries.of(true, false).injectNull(0.3), text().injectNull(0.5),
            Arbitraries.longs().between(0, 100_000_000).map(ms -> XapiDuration.of(java.time.Duration.ofMillis(ms))).injectNull(0.5),
            extensions().injectNull(0.5))
        .as(Result::new);
  }

  static Arbitrary<Context> context(boolean v2) {
    Arbitrary<List<ContextAgent>> agents = v2
        ? Combinators.combine(agent(), iri().list().ofMaxSize(2)).as(ContextAgent::new).list().ofMaxSize(2)
        : Arbitraries.just(List.of());
    Arbitrary<List<ContextGroup>> groups = v2
        ? Combinators.combine(group(), iri().list().ofMaxSize(2)).as(ContextGroup::new).list().ofMaxSize(2)
        : Arbitraries.just(List.of());
    Arbitrary<ContextActivities> activities = Combinators.combine(activity().list().ofMaxSize(2), activity().list().ofMaxSize(3),
            activity().list().ofMaxSize(2), activity().list().ofMaxSize(1))
        .as(ContextActivities::new).injectNull(0.3);
    return Combinators.combine(
            Arbitraries.create(UUID::randomUUID).injectNull(0.3), actor().injectNull(0.6),
            group().injectNull(0.6), activities, Arbitraries.just((String) null), languageTag().injectNull(0.5),
            extensions().injectNull(0.5), Combinators.combine(agents, groups).as((a, g) -> List.of(a, g)))
        .as((reg, instructor, team, ca, platform, language, ext, participants) -> new Context(reg, instructor, team, ca,
            null, platform, language, null, ext,
            participants.get(0).stream().map(ContextAgent.class::cast).toList(),
            participants.get(1).stream().map(ContextGroup.class::cast).toList()));
  }

  static Arbitrary<XapiTimestamp> timestamp() {
    Arbitrary<XapiTimestamp> utc = Arbitraries.longs().between(0, 4_102_444_800_000L).map(ms -> XapiTimestamp.of(Instant.ofEpochMilli(ms)));
    Arbitrary<XapiTimestamp> offset = Arbitraries.of("2026-03-14T15:26:53.589+06:00", "2023-05-04T12:00:00-05:00",
        "2026-03-14T09:26:53.123456Z").map(XapiTimestamp::parse);
    return Arbitraries.oneOf(utc, offset);
  }

  static Arbitrary<Verb> verb() {
    return Combinators.combine(iri(), languageMap().injectNull(0.3)).as(Verb::new);
  }

  /** A valid statement for {@code version}. */
  static Arbitrary<Statement> statement(XapiVersion version) {
    boolean v2 = version == XapiVersion.V2_0_0;
    Arbitrary<StatementObject> simpleObject = Arbitraries.oneOf(activity(), agent(), group(),
        Arbitraries.create(UUID::randomUUID).map(StatementRef::new));
    Arbitrary<StatementObject> sub = Combinators.combine(actor(), verb(), simpleObject, result().injectNull(0.5),
            context(v2).injectNull(0.5), timestamp().injectNull(0.5))
        .as((a, v, o, r, c, t) -> (StatementObject) new SubStatement(a, v, o, r, c, t, List.of()));
    Arbitrary<StatementObject> object = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, activity().map(StatementObject.class::cast)),
        net.jqwik.api.Tuple.of(2, simpleObject), net.jqwik.api.Tuple.of(1, sub));
    return Combinators.combine(Arbitraries.create(UUID::randomUUID).injectNull(0.2), actor(), verb(), object,
            result().injectNull(0.4), context(v2).injectNull(0.3), timestamp().injectNull(0.2),
            Arbitraries.of(version.text(), "1.0.0").injectNull(0.6))
        .as((id, actor, verb, obj, result, context, ts, ver) -> {
          // revision and platform are allowed only when the object is an Activity
          Context c = context == null || !(obj instanceof Activity) ? context
              : new Context(context.registration(), context.instructor(), context.team(), context.contextActivities(),
                  "r" + ver, "Muktopaath ১.০", context.language(), context.statement(), context.extensions(),
                  context.contextAgents(), context.contextGroups());
          return new Statement(id, actor, verb, obj, result, c, ts, null, null, ver, List.of());
        });
  }
}
