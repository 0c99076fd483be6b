package io.anidoc.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML files (one or many documents, separated by {@code ---}) as Jackson trees. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    /** Every non-empty document of the file. */
    static List<JsonNode> documents(Path file) {
        // from a parser that has read nothing yet: a document that is a list stays one list
        try (InputStream in = Files.newInputStream(file);
             MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(MAPPER.getFactory().createParser(in))) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's only document, which must be a mapping. */
    static ObjectNode object(Path file) {
        List<JsonNode> docs = documents(file);
        if (docs.size() != 1 || !docs.get(0).isObject()) {
            throw new IllegalArgumentException(file + ": expected one YAML mapping, found " + docs.size() + " documents");
        }
        return (ObjectNode) docs.get(0);
    }
}
