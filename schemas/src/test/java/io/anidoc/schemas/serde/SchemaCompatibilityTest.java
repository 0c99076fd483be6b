package io.anidoc.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaParser;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** New readers must read what every released writer wrote: the rule that lets consumers upgrade first. */
class SchemaCompatibilityTest {

  private static final Path RELEASED_FOLDER = Path.of("src/main/resources/io/anidoc/schemas/released");
  /**
   * Types added since the last release. Nothing in production wrote them before, so there is
   * nothing older to read; the next release copies them into the released folder and empties
   * this list (a released type listed here fails the test).
   */
  static final Set<String> NOT_RELEASED_YET = Set.of("io.anidoc.schemas.ShotApproved");

  /** The schemas compiled into the generated classes, one per .avsc source. */
  static Stream<Schema> currentSchemas() {
    return SchemaFiles.parseAll(SchemaFiles.SOURCES).stream()
        .map(source -> SpecificData.get().getSchema(classOf(source.getFullName())));
  }

  static Stream<Named<Schema>> namedCurrentSchemas() {
    return currentSchemas().map(schema -> Named.of(schema.getName(), schema));
  }

  private static Class<?> classOf(String fullName) {
    try {
      return Class.forName(fullName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no generated class for schema " + fullName, e);
    }
  }

  private static Schema resource(String name) throws IOException {
    try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new SchemaParser().parse(in).mainSchema();
    }
  }

  private static SchemaPairCompatibility readerReadsWriter(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
  }

  private static String describe(SchemaPairCompatibility result) {
    return result.getResult().getIncompatibilities().stream()
        .map(p -> p.getType() + " at " + p.getLocation() + " (" + p.getMessage() + ")")
        .collect(Collectors.joining("; "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedCurrentSchemas")
  void currentSchemaReadsEveryReleasedVersion(Schema current) {
    List<Schema> released = ReleasedSchemas.of(current.getFullName());

    if (NOT_RELEASED_YET.contains(current.getFullName())) {
      assertThat(released).as("%s is released: take it off NOT_RELEASED_YET", current.getFullName()).isEmpty();
      return;
    }
    assertThat(released).as("released versions of %s", current.getFullName()).isNotEmpty();
    for (Schema writer : released) {
      SchemaPairCompatibility result = readerReadsWriter(current, writer);
      assertThat(result.getType())
          .as("%s reading data of a released version: %s", current.getFullName(), describe(result))
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void everySourceSchemaIsReleasedAndNothingReleasedWasDropped() {
    List<String> current = currentSchemas().map(Schema::getFullName).sorted().collect(Collectors.toList());

    assertThat(current).hasSize(21).containsAll(NOT_RELEASED_YET);
    assertThat(ReleasedSchemas.names()).containsExactlyElementsOf(
        current.stream().filter(name -> !NOT_RELEASED_YET.contains(name)).collect(Collectors.toList()));
  }

  @Test
  void releaseIndexListsExactlyTheReleasedFiles() throws IOException {
    List<String> onDisk = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RELEASED_FOLDER)) {
      files.filter(f -> f.toString().endsWith(".avsc"))
          .map(f -> RELEASED_FOLDER.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .forEach(onDisk::add);
    }

    assertThat(onDisk).isNotEmpty();
    assertThat(ReleasedSchemas.indexedFiles()).containsExactlyInAnyOrderElementsOf(onDisk);
  }

  @Test
  void newFieldWithoutDefaultIsCaughtAsIncompatible() throws IOException {
    Schema wrongNext = resource("/evolution/ShotStatus-new-field-without-default.avsc");

    SchemaPairCompatibility result = readerReadsWriter(wrongNext, ShotStatus.getClassSchema());

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(result.getResult().getIncompatibilities())
        .anySatisfy(problem -> {
          assertThat(problem.getType())
              .isEqualTo(SchemaCompatibility.SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
          assertThat(problem.getMessage()).isEqualTo("priority");
        });
  }

  @Test
  void removedEnumSymbolIsCaughtAsIncompatible() {
    Schema current = ShotState.getClassSchema();
    List<String> fewer = new ArrayList<>(current.getEnumSymbols());
    fewer.remove("WARNING");
    Schema wrongNext = Schema.createEnum(current.getName(), current.getDoc(), current.getNamespace(), fewer);

    SchemaPairCompatibility result = readerReadsWriter(wrongNext, current);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(result.getResult().getIncompatibilities())
        .anySatisfy(problem -> assertThat(problem.getType())
            .isEqualTo(SchemaCompatibility.SchemaIncompatibilityType.MISSING_ENUM_SYMBOLS));
  }

  @Test
  void newFieldWithDefaultReadsTodaysBytes() throws IOException {
    Schema goodNext = resource("/evolution/ShotStatus-new-field-with-default.avsc");
    assertThat(readerReadsWriter(goodNext, ShotStatus.getClassSchema()).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    byte[] today = EventSerdes.of(ShotStatus.class).serialize("anidoc.shots.status", EventSamples.shotStatus());

    BinaryMessageDecoder<GenericRecord> nextReader = new BinaryMessageDecoder<>(GenericData.get(), goodNext);
    nextReader.addSchema(ShotStatus.getClassSchema());
    GenericRecord read = nextReader.decode(today);

    assertThat(read.get("priority")).isEqualTo(0);
    assertThat(read.get("schemaVersion")).as("written by a v1 producer").isEqualTo(1);
    assertThat(read.get("message").toString()).isEqualTo(EventSamples.shotStatus().getMessage());
  }

  @Test
  void serdeReadsDataOfAnOlderWriterItKnows() throws IOException {
    Schema current = ClipTask.getClassSchema();
    List<Schema.Field> olderFields = current.getFields().stream()
        .filter(f -> !f.name().equals("warnings"))
        .map(f -> new Schema.Field(f, f.schema()))
        .collect(Collectors.toList());
    Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, olderFields);
    GenericRecord oldTask = new GenericData.Record(older);
    ClipTask sample = EventSamples.clipTask();
    for (Schema.Field field : olderFields) {
      oldTask.put(field.name(), sample.get(field.name()));
    }
    byte[] oldBytes = new BinaryMessageEncoder<GenericRecord>(SpecificData.get(), older).encode(oldTask).array();

    ClipTask read = new EventSerde<>(ClipTask.class, List.of(older)).deserialize("anidoc.clips", oldBytes);

    assertThat(read.getWarnings()).isEmpty();
    assertThat(read.getFrames()).isEqualTo(sample.getFrames());
    assertThat(read.getOptions()).isEqualTo(sample.getOptions());
    assertThatThrownBy(() -> new EventSerde<>(ClipTask.class, List.of()).deserialize("anidoc.clips", oldBytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema this reader does not know");
  }
}
