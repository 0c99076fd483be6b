package io.anidoc.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patches as Kustomize applies them ({@code patches:} entries whose file is a list
 * of operations): {@code add}, {@code replace}, {@code remove} and {@code test}. A path that does
 * not exist where the operation needs it is an error naming the path, as in Kustomize.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(JsonNode operations, ObjectNode target) {
        if (!operations.isArray()) {
            throw new IllegalArgumentException("a JSON patch is a list of operations");
        }
        for (JsonNode op : operations) {
            String kind = op.path("op").asText();
            String path = op.path("path").asText();
            List<String> tokens = tokens(path);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("patching the whole document is not supported: " + op);
            }
            JsonNode parent = resolve(target, tokens.subList(0, tokens.size() - 1), path);
            String last = tokens.get(tokens.size() - 1);
            switch (kind) {
                case "add" -> add(parent, last, value(op), path);
                case "replace" -> {
                    requireChild(parent, last, path);
                    set(parent, last, value(op));
                }
                case "remove" -> {
                    requireChild(parent, last, path);
                    if (parent.isObject()) {
                        ((ObjectNode) parent).remove(last);
                    } else {
                        ((ArrayNode) parent).remove(index(last, path));
                    }
                }
                case "test" -> {
                    requireChild(parent, last, path);
                    JsonNode actual = parent.isObject() ? parent.get(last) : parent.get(index(last, path));
                    if (!actual.equals(value(op))) {
                        throw new IllegalArgumentException("test failed at " + path + ": " + actual);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported JSON patch operation '" + kind + "' at " + path);
            }
        }
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw new IllegalArgumentException("operation without a value: " + op);
        }
        return op.get("value").deepCopy();
    }

    private static void add(JsonNode parent, String last, JsonNode value, String path) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (last.equals("-")) {
                array.add(value);
            } else {
                int index = index(last, path);
                if (index > array.size()) {
                    throw new IllegalArgumentException("index out of range at " + path);
                }
                array.insert(index, value);
            }
        } else {
            throw new IllegalArgumentException("cannot add under a scalar at " + path);
        }
    }

    private static void set(JsonNode parent, String last, JsonNode value) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    private static void requireChild(JsonNode parent, String last, String path) {
        boolean present = parent.isObject() ? parent.has(last)
                : parent.isArray() && last.matches("\\d+") && Integer.parseInt(last) < parent.size();
        if (!present) {
            throw new IllegalArgumentException("no value at " + path);
        }
    }

    private static JsonNode resolve(JsonNode root, List<String> tokens, String path) {
        JsonNode node = root;
        for (String token : tokens) {
            node = node.isArray() ? node.path(index(token, path)) : node.path(token);
            if (node.isMissingNode() || !(node.isObject() || node.isArray())) {
                throw new IllegalArgumentException("no object or list at " + path + " (missing '" + token + "')");
            }
        }
        return node;
    }

    private static int index(String token, String path) {
        if (!token.matches("\\d+")) {
            throw new IllegalArgumentException("'" + token + "' is not a list index in " + path);
        }
        return Integer.parseInt(token);
    }

    private static List<String> tokens(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with '/': '" + pointer + "'");
        }
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }
}
