package org.learntrace.xapi.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/** Event → statement → event is the identity, and the mapping is a function, for all 15 event types. */
class EventRoundTripPropertiesTest {
  private final EventMapper mapper = EventMapper.create(TestCatalogs.AGS);
  private final EventReader reader = EventReader.create(TestCatalogs.AGS);

  @Provide
  Arbitrary<LearningEvent> events() {
    return RandomEvents.events();
  }

  @Provide
  Arbitrary<UUID> ids() {
    return Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
  }

  @Property(tries = 1500)
  void eventToStatementToEventIsTheIdentity(
      @ForAll("events") LearningEvent event, @ForAll XapiVersion version, @ForAll("ids") UUID id) {
    Statement statement = mapper.toStatement(id, event, version);
    assertThat(reader.toEvent(statement)).as("%s", XapiJson.toJson(statement)).isEqualTo(event);
  }

  @Property(tries = 1500)
  void theIdentityHoldsThroughJson(
      @ForAll("events") LearningEvent event, @ForAll XapiVersion version, @ForAll("ids") UUID id) {
    byte[] json = XapiJson.toBytes(mapper.toStatement(id, event, version));
    Statement back = XapiJson.readStatement(json);
    assertThat(reader.toEvent(back)).as("%s", new String(json, StandardCharsets.UTF_8)).isEqualTo(event);
  }

  @Property(tries = 300)
  void everyEventTypeRoundTrips(@ForAll @IntRange(min = 0, max = RandomEvents.TYPES - 1) int type,
      @ForAll XapiVersion version, @ForAll("ids") UUID id, @ForAll long seed) {
    LearningEvent event = new RandomEvents(new java.util.Random(seed)).of(type);
    assertThat(reader.toEvent(mapper.toStatement(id, event, version))).isEqualTo(event);
  }

  @Property(tries = 500)
  void theSameEventAndIdGiveByteIdenticalJson(
      @ForAll("events") LearningEvent event, @ForAll XapiVersion version, @ForAll("ids") UUID id) {
    byte[] first = XapiJson.toBytes(mapper.toStatement(id, event, version));
    byte[] second = XapiJson.toBytes(EventMapper.create(TestCatalogs.AGS).toStatement(id, event, version));
    assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void everyStatementIsValidForItsVersionAndCarriesTheEventId(
      @ForAll("events") LearningEvent event, @ForAll XapiVersion version, @ForAll("ids") UUID id) {
    Statement statement = mapper.toStatement(id, event, version);
    assertThat(statement.id()).isEqualTo(id);
    assertThat(StatementValidator.forVersion(version).validate(statement)).as(XapiJson.toJson(statement)).isEmpty();
    assertThat(StatementValidator.forVersion(version).validate(XapiJson.toJson(statement)).violations()).isEmpty();
    if (version == XapiVersion.V1_0_3) {
      assertThat(statement.context().usesVersion2Properties()).isFalse();
    }
    assertThat(statement.context().contextActivities().category())
        .anySatisfy(a -> assertThat(a.id()).isEqualTo(EventMapper.PROFILE_VERSION));
  }

  @Property(tries = 300)
  void aTrackedEventMapsAsItsEventWithTheKeyIdRecorded(
      @ForAll("events") LearningEvent event, @ForAll XapiVersion version, @ForAll("ids") UUID id) {
    java.time.Instant received = event.occurrence().receivedAt() != null
        ? event.occurrence().receivedAt() : event.occurrence().occurredAt().plusSeconds(5);
    TrackedEvent tracked = new TrackedEvent(id, "lrs", received, "key-2026", "{}".getBytes(StandardCharsets.UTF_8), b -> event);
    Statement statement = mapper.toStatement(tracked, version);
    assertThat(statement.id()).isEqualTo(id);
    assertThat(statement.context().extensions().get(Vocabulary.PSEUDONYM_KEY).asText()).isEqualTo("key-2026");
    assertThat(statement.context().extensions().get(Vocabulary.RECEIVED_AT).asText()).isEqualTo(received.toString());
    LearningEvent back = reader.toEvent(statement);
    assertThat(back.occurrence().receivedAt()).isEqualTo(received);
    assertThat(back.getClass()).isEqualTo(event.getClass());
  }
}
