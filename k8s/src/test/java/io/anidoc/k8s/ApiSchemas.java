package io.anidoc.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The API schemas the manifests must satisfy: Kubernetes' OpenAPI definitions
 * ({@code schemas/kubernetes-VERSION/swagger.json.gz}) and the CustomResourceDefinitions of the
 * pinned operators ({@code schemas/<operator>-VERSION/*.yaml}). Validation is strict as
 * {@code kubectl apply --validate=strict} is: a field no schema declares is an error, so a typo
 * or a field of another API version fails instead of being dropped by the API server.
 */
final class ApiSchemas {

    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final ObjectNode kubernetesDefinitions;
    /** "apiVersion kind" to the definition name (built-in kinds) */
    private final Map<String, String> builtIn = new HashMap<>();
    /** "apiVersion kind" to the CRD's openAPIV3Schema (custom resources) */
    private final Map<String, JsonNode> custom = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    private ApiSchemas(ObjectNode kubernetesDefinitions) {
        this.kubernetesDefinitions = kubernetesDefinitions;
    }

    /** Loads every schema under {@code folder}. */
    static ApiSchemas load(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            Path swagger = all.stream().filter(p -> p.getFileName().toString().equals("swagger.json.gz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Kubernetes swagger.json.gz under " + folder));
            ObjectNode definitions = (ObjectNode) readGzipJson(swagger).get("definitions");
            ApiSchemas schemas = new ApiSchemas(definitions);
            schemas.indexKubernetes();
            for (Path crd : all) {
                if (crd.toString().endsWith(".yaml")) {
                    schemas.indexCrd(crd);
                }
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema violation of the object, each naming the object and the field; empty when valid. */
    List<String> validate(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        List<String> errors = new ArrayList<>();
        JsonSchema schema = schemaFor(key);
        if (schema == null) {
            errors.add(Kustomize.id(object) + ": no schema for apiVersion/kind " + key);
            return errors;
        }
        for (ValidationMessage message : schema.validate(object)) {
            errors.add(Kustomize.id(object) + ": " + message.getMessage());
        }
        if (custom.containsKey(key)) {
            // a CRD declares metadata as a bare object: hold it to ObjectMeta like a built-in kind
            for (ValidationMessage message : definition(OBJECT_META).validate(object.path("metadata"))) {
                errors.add(Kustomize.id(object) + ": metadata: " + message.getMessage());
            }
        }
        return errors;
    }

    /** Whether a schema exists for the kind, e.g. {@code ("kafka.strimzi.io/v1", "KafkaUser")}. */
    boolean knows(String apiVersion, String kind) {
        String key = apiVersion + " " + kind;
        return builtIn.containsKey(key) || custom.containsKey(key);
    }

    private JsonSchema schemaFor(String key) {
        if (compiled.containsKey(key)) {
            return compiled.get(key);
        }
        JsonSchema schema = null;
        if (builtIn.containsKey(key)) {
            schema = definition(builtIn.get(key));
        } else if (custom.containsKey(key)) {
            schema = factory.getSchema(custom.get(key));
        }
        compiled.put(key, schema);
        return schema;
    }

    private JsonSchema definition(String name) {
        return compiled.computeIfAbsent("#" + name, any -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("definitions", kubernetesDefinitions);
            root.putArray("allOf").addObject().put("$ref", "#/definitions/" + name);
            return factory.getSchema(root);
        });
    }

    private void indexKubernetes() {
        // the wire forms of these accept numbers and strings; OpenAPI v2 can only say "string"
        kubernetesDefinitions.set(INT_OR_STRING, oneOf("string", "integer"));
        kubernetesDefinitions.set(QUANTITY, oneOf("string", "number"));
        kubernetesDefinitions.fields().forEachRemaining(entry -> {
            strict(entry.getValue());
            for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                builtIn.put(apiVersion + " " + gvk.path("kind").asText(), entry.getKey());
            }
        });
    }

    private void indexCrd(Path file) {
        for (JsonNode crd : Yaml.documents(file)) {
            if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
                continue;
            }
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("served").asBoolean()) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    custom.put(group + "/" + version.path("name").asText() + " " + kind, schema);
                }
            }
        }
    }

    /** Unknown fields become errors: every object schema that lists its properties allows no others. */
    private static void strict(JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        ObjectNode node = (ObjectNode) schema;
        boolean preservesUnknown = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (node.has("properties") && !node.has("additionalProperties") && !preservesUnknown) {
            node.put("additionalProperties", false);
        }
        node.path("properties").elements().forEachRemaining(ApiSchemas::strict);
        strict(node.path("items"));
        strict(node.path("additionalProperties"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            node.path(combinator).elements().forEachRemaining(ApiSchemas::strict);
        }
    }

    private static ObjectNode oneOf(String... types) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String type : types) {
            node.withArray("oneOf").addObject().put("type", type);
        }
        return node;
    }

    private static JsonNode readGzipJson(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
