package io.anidoc.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization folder the way {@code kubectl kustomize} does, for the fields the
 * manifests use: {@code resources} (files and folders), {@code patches} (JSON 6902 with a
 * {@code target} by group, version, kind, name regex and label selector), {@code namespace},
 * {@code labels} (metadata only) and {@code images}. Transformers run in Kustomize's order:
 * patches, namespace, labels, images. Any other field is an error rather than silently ignored,
 * so what this renders is what {@code kubectl apply -k} applies.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches", "namespace", "labels", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ClusterTriggerAuthentication");

    private Kustomize() {
    }

    /** The objects of the kustomization in {@code dir}, in resource order. */
    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        ObjectNode kustomization = Yaml.object(file);
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(file + ": field '" + name + "' is not supported by this renderer");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(render(resource));
            } else {
                for (JsonNode doc : Yaml.documents(resource)) {
                    if (!doc.isObject() || !doc.hasNonNull("kind") || !doc.path("metadata").hasNonNull("name")) {
                        throw new IllegalArgumentException(resource + ": every document needs kind and metadata.name");
                    }
                    objects.add((ObjectNode) doc);
                }
            }
        }
        requireUniqueIds(objects, dir);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, patch, objects);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED.contains(object.get("kind").asText())) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (JsonNode label : kustomization.path("labels")) {
            if (label.path("includeSelectors").asBoolean(false) || label.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels with includeSelectors or includeTemplates are not supported");
            }
            for (ObjectNode object : objects) {
                ObjectNode labels = metadata(object).with("labels");
                label.path("pairs").fields().forEachRemaining(pair -> labels.set(pair.getKey(), pair.getValue()));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> setImages(object, image));
        }
        return objects;
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> objects) {
        JsonNode operations;
        if (patch.hasNonNull("path")) {
            List<JsonNode> docs = Yaml.documents(dir.resolve(patch.get("path").asText()));
            operations = docs.isEmpty() ? null : docs.get(0);
        } else if (patch.hasNonNull("patch")) {
            List<JsonNode> parsed = new ArrayList<>();
            try {
                parsed.add(Yaml.MAPPER.readTree(patch.get("patch").asText()));
            } catch (Exception e) {
                throw new IllegalArgumentException(dir + ": unreadable inline patch: " + e.getMessage(), e);
            }
            operations = parsed.get(0);
        } else {
            throw new IllegalArgumentException(dir + ": a patch needs path or patch");
        }
        if (operations == null || !operations.isArray()) {
            throw new IllegalArgumentException(dir + ": only JSON 6902 patches (a list of operations) are supported: " + patch);
        }
        JsonNode target = patch.path("target");
        if (target.isMissingNode()) {
            throw new IllegalArgumentException(dir + ": a JSON 6902 patch needs a target: " + patch);
        }
        int matched = 0;
        for (ObjectNode object : objects) {
            if (matches(target, object)) {
                try {
                    JsonPatch.apply(operations, object);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(dir + ": patch " + patch.path("path").asText("(inline)") + " on "
                            + id(object) + ": " + e.getMessage(), e);
                }
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": patch " + patch.path("path").asText("(inline)") + " matches no object: " + target);
        }
    }

    private static boolean matches(JsonNode target, ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version))
                && (!target.has("kind") || target.get("kind").asText().equals(object.path("kind").asText()))
                && (!target.has("name") || Pattern.matches(target.get("name").asText(), object.path("metadata").path("name").asText()))
                && (!target.has("labelSelector") || selects(target.get("labelSelector").asText(), object.path("metadata").path("labels")));
    }

    /** Equality-based selectors ({@code a=b,c=d}), the form the manifests use. */
    private static boolean selects(String selector, JsonNode labels) {
        for (String term : selector.split(",")) {
            String[] pair = term.trim().split("==?", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("only key=value label selectors are supported: " + selector);
            }
            if (!pair[1].trim().equals(labels.path(pair[0].trim()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (String field : List.of("containers", "initContainers")) {
                for (JsonNode container : node.path(field)) {
                    String current = container.path("image").asText(null);
                    if (current != null && imageName(current).equals(image.get("name").asText())) {
                        String name = image.path("newName").asText(imageName(current));
                        String tag = image.hasNonNull("newTag") ? image.get("newTag").asText() : imageTag(current);
                        ((ObjectNode) container).put("image", tag == null ? name : name + ":" + tag);
                    }
                }
            }
            node.elements().forEachRemaining(child -> setImages(child, image));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> setImages(child, image));
        }
    }

    private static String imageName(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    private static String imageTag(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
    }

    private static void requireUniqueIds(List<ObjectNode> objects, Path dir) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode object : objects) {
            if (!seen.add(id(object) + "@" + object.path("metadata").path("namespace").asText(""))) {
                throw new IllegalArgumentException(dir + ": " + id(object) + " is defined twice");
            }
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.with("metadata");
    }

    /** {@code Kind/name}, as error messages name an object. */
    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    /** The rendered objects by id, for tests that look one up. */
    static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        objects.forEach(object -> out.put(id(object), object));
        return out;
    }
}
