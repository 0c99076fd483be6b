package io.anidoc.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/** Reads the module's .avsc sources, which may name each other's types. */
final class SchemaFiles {

  static final Path SOURCES = Path.of("src/main/avro");

  private SchemaFiles() {}

  /** All schemas of a folder of .avsc files, parsed together, in file-name order. */
  static List<Schema> parseAll(Path folder) {
    try (Stream<Path> files = java.nio.file.Files.list(folder)) {
      List<Path> sorted = files.filter(f -> f.toString().endsWith(".avsc")).sorted().collect(Collectors.toList());
      SchemaParser parser = new SchemaParser();
      List<SchemaParser.ParseResult> results = new ArrayList<>();
      for (Path file : sorted) {
        results.add(parser.parse(file));
      }
      List<Schema> schemas = new ArrayList<>();
      results.forEach(result -> schemas.add(parser.resolve(result)));
      return schemas;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
