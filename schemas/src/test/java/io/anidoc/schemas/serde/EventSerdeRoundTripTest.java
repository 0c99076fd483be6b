package io.anidoc.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotSealed;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerdeRoundTripTest {

  static Stream<Named<SpecificRecord>> samples() {
    return EventSamples.all().stream().map(e -> Named.of(e.getClass().getSimpleName(), e));
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> EventSerde<T> serdeFor(T event) {
    return EventSerdes.of((Class<T>) event.getClass());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyRecordTypeRoundTrips(SpecificRecord event) {
    EventSerde<SpecificRecord> serde = serdeFor(event);

    byte[] bytes = serde.serializer().serialize("anidoc.test", event);
    SpecificRecord decoded = serde.deserializer().deserialize("anidoc.test", bytes);

    assertThat(decoded).isInstanceOf(event.getClass()).isEqualTo(event);
    // single-object encoding marker C3 01, then the 8-byte fingerprint
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(bytes.length).isGreaterThan(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void encodingIsDeterministic(SpecificRecord event) {
    EventSerde<SpecificRecord> serde = serdeFor(event);

    assertThat(serde.serialize("t", event)).isEqualTo(serde.serialize("t", event));
  }

  @Test
  void bothShotEventBranchesRoundTrip() {
    EventSerde<ShotEvent> serde = EventSerdes.of(ShotEvent.class);
    ShotSealed sealed = EventSamples.shotSealed();
    ShotEvent event = ShotEvent.newBuilder().setShotId(sealed.getShotId()).setEvent(sealed).build();

    ShotEvent decoded = serde.deserialize("anidoc.shots", serde.serialize("anidoc.shots", event));

    assertThat(decoded.getEvent()).isInstanceOf(ShotSealed.class).isEqualTo(sealed);
  }

  @Test
  void defaultsAreFilledByTheBuilder() {
    ClipTask task = ClipTask.newBuilder(EventSamples.clipTask()).clearWarnings().clearSchemaVersion().build();

    assertThat(task.getSchemaVersion()).isEqualTo(1);
    assertThat(task.getWarnings()).isEmpty();
  }

  @Test
  void nullStaysNullForTombstones() {
    EventSerde<ClipTask> serde = EventSerdes.of(ClipTask.class);

    assertThat(serde.serialize("anidoc.clips", null)).isNull();
    assertThat(serde.deserialize("anidoc.clips", null)).isNull();
  }

  @Test
  void serdeIsSharedPerType() {
    assertThat(EventSerdes.of(ClipTask.class)).isSameAs(EventSerdes.of(ClipTask.class));
  }

  @Test
  void decodesWithoutAnyTrustFlagOnTheJvm() {
    // This module's tests run without -Dorg.apache.avro.SERIALIZABLE_PACKAGES: the serde trusts its package itself.
    assertThat(ClassSecurityValidator.SYSTEM_PROPERTIES.isTrusted(ClipTask.class))
        .as("precondition: the JVM flag is not set for this test run").isFalse();
    EventSerde<ClipTask> serde = EventSerdes.of(ClipTask.class);

    assertThat(serde.deserialize("t", serde.serialize("t", EventSamples.clipTask())))
        .isEqualTo(EventSamples.clipTask());
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(ClipTask.class)).isTrue();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(java.net.URL.class))
        .as("trust is added for our package only").isFalse();
  }

  @Test
  void samplesCoverEveryRecordSchemaOfTheModule() {
    List<String> recordSchemas = SchemaFiles.parseAll(SchemaFiles.SOURCES).stream()
        .filter(schema -> schema.getType() == Schema.Type.RECORD)
        .map(Schema::getName)
        .sorted()
        .collect(Collectors.toList());
    List<String> sampled = EventSamples.all().stream()
        .map(e -> e.getSchema().getName()).distinct().sorted().collect(Collectors.toList());

    assertThat(recordSchemas).hasSize(19);
    assertThat(sampled).containsExactlyElementsOf(recordSchemas);
  }
}
