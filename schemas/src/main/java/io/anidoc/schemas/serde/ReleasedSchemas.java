package io.anidoc.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * Every released version of every event schema, read from the classpath.
 *
 * <p>Single-object encoding names the writer schema only by its fingerprint, so a reader must
 * already know every schema an older producer may have written with. Released versions live in
 * {@value #ROOT}: one folder per release (v1, v2, ...) holding a verbatim copy of the .avsc files
 * of that release, and {@value #INDEX} listing those files.
 */
public final class ReleasedSchemas {

  public static final String ROOT = "/io/anidoc/schemas/released/";
  public static final String INDEX = "index.txt";

  private static final Map<String, List<Schema>> BY_FULL_NAME = load();

  private ReleasedSchemas() {}

  /** Released versions of the named type, oldest release first; empty for a type never released. */
  public static List<Schema> of(String fullName) {
    return BY_FULL_NAME.getOrDefault(fullName, List.of());
  }

  /** Full names of every released type. */
  public static List<String> names() {
    return List.copyOf(BY_FULL_NAME.keySet());
  }

  /** The files listed in the index, relative to {@value #ROOT}, e.g. {@code v1/BlobRef.avsc}. */
  public static List<String> indexedFiles() {
    List<String> files = new ArrayList<>();
    try (InputStream in = open(INDEX);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        String file = line.strip();
        if (!file.isEmpty() && !file.startsWith("#")) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ROOT + INDEX, e);
    }
    return files;
  }

  private static Map<String, List<Schema>> load() {
    Map<String, List<String>> filesByRelease = new LinkedHashMap<>();
    for (String file : indexedFiles()) {
      int slash = file.indexOf('/');
      if (slash <= 0) {
        throw new IllegalStateException(ROOT + INDEX + ": '" + file + "' is not of the form v<N>/<Type>.avsc");
      }
      filesByRelease.computeIfAbsent(file.substring(0, slash), r -> new ArrayList<>()).add(file);
    }
    Map<String, List<Schema>> byName = new LinkedHashMap<>();
    filesByRelease.values().forEach(files -> parseRelease(files)
        .forEach(schema -> byName.computeIfAbsent(schema.getFullName(), n -> new ArrayList<>()).add(schema)));
    byName.replaceAll((name, schemas) -> List.copyOf(schemas));
    return Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** Parses the files of one release together, so they may name each other's types in any order. */
  private static List<Schema> parseRelease(List<String> files) {
    SchemaParser parser = new SchemaParser();
    List<SchemaParser.ParseResult> results = new ArrayList<>();
    for (String file : files) {
      try (InputStream in = open(file)) {
        results.add(parser.parse(in));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("Cannot parse released schema " + ROOT + file + ": " + e.getMessage(), e);
      }
    }
    List<Schema> schemas = new ArrayList<>();
    for (SchemaParser.ParseResult result : results) {
      schemas.add(parser.resolve(result));
    }
    return schemas;
  }

  private static InputStream open(String relative) throws IOException {
    InputStream in = ReleasedSchemas.class.getResourceAsStream(ROOT + relative);
    if (in == null) {
      throw new IOException("missing classpath resource " + ROOT + relative);
    }
    return in;
  }
}
