package io.anidoc.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ShotStatus;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerdeErrorsTest {

  static Stream<Named<SpecificRecord>> samples() {
    return EventSamples.all().stream().map(e -> Named.of(e.getClass().getSimpleName(), e));
  }

  @SuppressWarnings("unchecked")
  private static EventSerde<SpecificRecord> serdeFor(SpecificRecord event) {
    return EventSerdes.of((Class<SpecificRecord>) event.getClass());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void garbageIsReportedNamingTheType(SpecificRecord event) {
    EventSerde<SpecificRecord> serde = serdeFor(event);
    byte[] garbage = new byte[64];
    new Random(7).nextBytes(garbage);

    assertThatThrownBy(() -> serde.deserialize("anidoc.test", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(event.getClass().getName())
        .hasMessageContaining("anidoc.test");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyTruncationIsReportedNamingTheType(SpecificRecord event) {
    EventSerde<SpecificRecord> serde = serdeFor(event);
    byte[] bytes = serde.serialize("anidoc.test", event);

    // Every proper prefix: inside the header, inside the fingerprint, inside the body.
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> serde.deserialize("anidoc.test", truncated))
          .as("prefix of %d of %d bytes", length, bytes.length)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(event.getClass().getName());
    }
  }

  @Test
  void bytesOfAnotherEventTypeAreRejectedAsUnknownSchema() {
    byte[] status = EventSerdes.of(ShotStatus.class).serialize("anidoc.shots.status", EventSamples.shotStatus());

    assertThatThrownBy(() -> EventSerdes.of(ClipTask.class).deserialize("anidoc.clips", status))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("io.anidoc.schemas.ClipTask")
        .hasMessageContaining("schema this reader does not know");
  }

  @Test
  void plainBinaryWithoutHeaderIsRejected() {
    byte[] notSingleObject = {0x02, 0x0a, 'h', 'e', 'l', 'l', 'o', 0x00, 0x00, 0x00, 0x00};

    assertThatThrownBy(() -> EventSerdes.of(ClipTask.class).deserialize("anidoc.clips", notSingleObject))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("io.anidoc.schemas.ClipTask")
        .hasMessageContaining("not Avro single-object encoded");
  }

  @Test
  void missingRequiredFieldIsReportedWhenSerializing() {
    ShotStatus incomplete = EventSamples.shotStatus();
    incomplete.setStage(null);

    assertThatThrownBy(() -> EventSerdes.of(ShotStatus.class).serialize("anidoc.shots.status", incomplete))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("io.anidoc.schemas.ShotStatus")
        .hasMessageContaining("stage");
  }
}
