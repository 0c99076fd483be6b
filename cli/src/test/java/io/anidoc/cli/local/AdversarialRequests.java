package io.anidoc.cli.local;

import io.anidoc.runtime.testing.PngBytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one-request cases of the adversarial suite: each a raw HTTP/1.1 request and the answer
 * docs/ingest.md documents for it (status, error code, a part of the reason, whether the
 * connection is closed). Requests that need time or company (slow clients, races) live in the IT.
 */
final class AdversarialRequests {

    /** One request and its documented answer; {@code error} is null for a 2xx. */
    record Case(String category, String name, byte[] request, int status, String error, String reasonPart,
                boolean closes) {
    }

    static final String TOKEN = "adversarial-token";
    static final String SHOT = "adv-shot";
    static final int MAX_BYTES = 1024 * 1024;
    static final int WIDTH = 96;
    static final int HEIGHT = 64;

    private final List<Case> cases = new ArrayList<>();
    private final byte[] png;
    private final byte[] otherPng;
    private final byte[] jpeg;
    private final byte[] tinyPng;
    private final byte[] widePng;
    private final byte[] mismatchedPng;

    /** @param images encoded test drawings: the shot's size twice, a JPEG, 1x1, 1700x40 and another size */
    AdversarialRequests(byte[] png, byte[] otherPng, byte[] jpeg, byte[] tinyPng, byte[] widePng, byte[] mismatchedPng) {
        this.png = png;
        this.otherPng = otherPng;
        this.jpeg = jpeg;
        this.tinyPng = tinyPng;
        this.widePng = widePng;
        this.mismatchedPng = mismatchedPng;
        authentication();
        shotIds();
        declarations();
        images();
        indices();
        methods();
        framing();
    }

    List<Case> cases() {
        return List.copyOf(cases);
    }

    /** Requests that must run first, in order: the shot the image cases upload to. */
    static byte[] declareShot() {
        return request("PUT", "/v1/shots/" + SHOT, "application/json",
                ("{\"frameCount\": 4, \"keyframes\": [0, 3]}").getBytes(StandardCharsets.UTF_8));
    }

    // ---- the classes of cases ------------------------------------------------------------

    private void authentication() {
        String c = "authentication";
        add(c, "no token", raw("GET /v1/shots/" + SHOT + " HTTP/1.1\r\nHost: t\r\n\r\n"), 401, "unauthorized", "missing bearer token");
        add(c, "wrong token", withAuth("Bearer nope"), 401, "unauthorized", "not valid");
        add(c, "basic scheme", withAuth("Basic YWRtaW46YWRtaW4="), 401, "unauthorized", "missing bearer token");
        add(c, "empty bearer", withAuth("Bearer "), 401, "unauthorized", "missing bearer token");
        add(c, "token prefix", withAuth("Bearer " + TOKEN.substring(0, 5)), 401, "unauthorized", "not valid");
        add(c, "token with a suffix", withAuth("Bearer " + TOKEN + "x"), 401, "unauthorized", "not valid");
        add(c, "token in the query", raw("GET /v1/shots/" + SHOT + "?access_token=" + TOKEN + " HTTP/1.1\r\nHost: t\r\n\r\n"),
                401, "unauthorized", "missing bearer token");
        add(c, "lower-case scheme", withAuth("bearer " + TOKEN), 200, null, null);
        add(c, "unauthenticated 64 MiB upload", raw("PUT /v1/shots/" + SHOT + "/line/1 HTTP/1.1\r\nHost: t\r\n"
                + "Content-Length: 67108864\r\n\r\n"), 401, "unauthorized", "missing bearer token");
        add(c, "unauthenticated declaration", raw("PUT /v1/shots/x HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}"),
                401, "unauthorized", "missing bearer token");
        add(c, "health needs no token", raw("GET /health/live HTTP/1.1\r\nHost: t\r\n\r\n"), 200, null, null);
    }

    private void shotIds() {
        String c = "shot ids";
        add(c, "dollar sign", get("/v1/shots/no$pe"), 400, "invalid_shot_id", "letters, digits");
        add(c, "129 characters", get("/v1/shots/" + "a".repeat(129)), 400, "invalid_shot_id", "128");
        add(c, "encoded space", get("/v1/shots/a%20b"), 400, "invalid_shot_id", "letters, digits");
        add(c, "encoded non-ASCII", get("/v1/shots/%C3%A9t%C3%A9"), 400, "invalid_shot_id", "letters, digits");
        add(c, "encoded NUL", get("/v1/shots/a%00b"), 400, "invalid_shot_id", "letters, digits");
        add(c, "encoded slash", get("/v1/shots/a%2Fb"), 400, "invalid_shot_id", "letters, digits");
        add(c, "empty id", get("/v1/shots/"), 404, "not_found", "GET /v1/shots/");
        add(c, "dot", get("/v1/shots/."), 404, "not_found", "GET");
        add(c, "dot dot", get("/v1/shots/.."), 404, "not_found", "GET");
        add(c, "encoded dot dot", get("/v1/shots/%2e%2e"), 404, "not_found", "GET");
        add(c, "traversal", get("/v1/shots/../../etc/passwd"), 404, "not_found", "GET");
        add(c, "invalid percent-escape", get("/v1/shots/%zz"), 400, "bad_request", "could not be read");
        add(c, "truncated percent-escape", get("/v1/shots/abc%"), 400, "bad_request", "could not be read");
        add(c, "unknown shot", get("/v1/shots/never-declared"), 404, "unknown_shot", "never-declared");
        add(c, "declare an invalid id", put("/v1/shots/bad$id", json("{\"frameCount\": 2, \"keyframes\": [0]}")),
                400, "invalid_shot_id", "letters, digits");
    }

    private void declarations() {
        String c = "declarations";
        String keyframes = IntStream.range(0, 100_000).mapToObj(Integer::toString).collect(Collectors.joining(","));
        declaration(c, "empty body", "", 400, "invalid_declaration", "the body is empty");
        declaration(c, "null", "null", 400, "invalid_json", "not a JSON object");
        declaration(c, "array", "[1, 2]", 400, "invalid_json", "not a JSON object");
        declaration(c, "string", "\"shot\"", 400, "invalid_json", "not a JSON object");
        declaration(c, "unclosed", "{\"frameCount\": 3", 400, "invalid_json", "not valid JSON");
        declaration(c, "trailing comma", "{\"frameCount\": 3, \"keyframes\": [0],}", 400, "invalid_json", "not valid JSON");
        declaration(c, "single quotes", "{'frameCount': 3}", 400, "invalid_json", "not valid JSON");
        declaration(c, "no keyframes", "{\"frameCount\": 3}", 400, "invalid_declaration", "keyframes must be");
        declaration(c, "zero frames", "{\"frameCount\": 0, \"keyframes\": [0]}", 400, "invalid_declaration", "between 1 and");
        declaration(c, "negative frames", "{\"frameCount\": -1, \"keyframes\": [0]}", 400, "invalid_declaration", "between 1 and");
        declaration(c, "fractional frames", "{\"frameCount\": 2.5, \"keyframes\": [0]}", 400, "invalid_declaration", "whole number");
        declaration(c, "frames as a string", "{\"frameCount\": \"3\", \"keyframes\": [0]}", 400, "invalid_declaration", "whole number");
        declaration(c, "frames 1e30", "{\"frameCount\": 1e30, \"keyframes\": [0]}", 400, "invalid_declaration", "between 1 and");
        declaration(c, "too many frames", "{\"frameCount\": 100001, \"keyframes\": [0]}", 400, "invalid_declaration",
                "ANIDOC_INGEST_MAX_FRAMES");
        declaration(c, "a 40-digit number", "{\"frameCount\": " + "9".repeat(40) + ", \"keyframes\": [0]}", 400,
                "invalid_json", "not valid JSON");
        declaration(c, "empty keyframes", "{\"frameCount\": 3, \"keyframes\": []}", 400, "invalid_declaration", "non-empty");
        declaration(c, "keyframe outside", "{\"frameCount\": 3, \"keyframes\": [3]}", 400, "invalid_declaration", "outside the shot");
        declaration(c, "negative keyframe", "{\"frameCount\": 3, \"keyframes\": [-1]}", 400, "invalid_declaration", "outside the shot");
        declaration(c, "repeated keyframe", "{\"frameCount\": 3, \"keyframes\": [1, 1]}", 400, "invalid_declaration", "listed twice");
        declaration(c, "keyframe as a string", "{\"frameCount\": 3, \"keyframes\": [\"0\"]}", 400, "invalid_declaration", "not a whole number");
        declaration(c, "fractional keyframe", "{\"frameCount\": 3, \"keyframes\": [0.5]}", 400, "invalid_declaration", "not a whole number");
        declaration(c, "keyframes as an object", "{\"frameCount\": 3, \"keyframes\": {}}", 400, "invalid_declaration", "keyframes must be");
        declaration(c, "more keyframes than frames", "{\"frameCount\": 2, \"keyframes\": [0, 1, 0]}", 400, "invalid_declaration",
                "only 2 frames");
        declaration(c, "unknown field", "{\"frameCount\": 3, \"keyframes\": [0], \"fps\": 24}", 400, "invalid_declaration", "unknown field 'fps'");
        declaration(c, "duplicated key", "{\"frameCount\": 3, \"keyframes\": [0], \"frameCount\": 5}", 400, "duplicate_key", "'frameCount'");
        declaration(c, "duplicated option", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"a\": 1, \"a\": 2}}", 400,
                "duplicate_key", "'a'");
        declaration(c, "options as an array", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": []}", 400, "invalid_declaration",
                "options must be");
        declaration(c, "nested option", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"a\": {\"b\": 1}}}", 400,
                "invalid_declaration", "string, number or boolean");
        declaration(c, "65 options", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {" + IntStream.range(0, 65)
                .mapToObj(i -> "\"o" + i + "\": " + i).collect(Collectors.joining(",")) + "}}", 400, "invalid_declaration", "at most 64");
        declaration(c, "reserved option", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"anidoc.keyframeLines\": \"0\"}}",
                400, "invalid_declaration", "reserved");
        declaration(c, "long option value", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"a\": \"" + "v".repeat(5000)
                + "\"}}", 400, "invalid_declaration", "longer than 4096");
        declaration(c, "long option name", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"" + "n".repeat(200)
                + "\": 1}}", 400, "invalid_declaration", "1 to 128 characters");
        declaration(c, "maxDrawings zero", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"maxDrawings\": 0}}", 400,
                "invalid_declaration", "maxDrawings");
        declaration(c, "maxDrawings text", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"maxDrawings\": \"many\"}}", 400,
                "invalid_declaration", "maxDrawings");
        declaration(c, "deep nesting", "[".repeat(5000) + "]".repeat(5000), 400, "invalid_json", "not valid JSON");
        declaration(c, "invalid UTF-8", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"a\": \"\u00ff\u00fe\"}}", 400,
                "invalid_json", "not valid JSON");
        add(c, "over a MiB", raw(head("PUT", "/v1/shots/adv-big") + "Content-Length: " + (1024 * 1024 + 1) + "\r\n\r\n"),
                413, "too_large", "declaration limit", true);
        add(c, "largest allowed", put("/v1/shots/adv-largest", json("{\"frameCount\": 100000, \"keyframes\": [" + keyframes + "]}")),
                201, null, null);
        add(c, "form content type", request("PUT", "/v1/shots/adv-form", "application/x-www-form-urlencoded",
                json("{\"frameCount\": 2, \"keyframes\": [0]}")), 201, null, null);
        add(c, "form-encoded body", request("PUT", "/v1/shots/adv-form2", "application/x-www-form-urlencoded",
                "frameCount=2&keyframes=0&secret=hunter2".getBytes(StandardCharsets.UTF_8)), 400, "invalid_json", "not valid JSON");
        add(c, "multipart body", request("PUT", "/v1/shots/adv-multi", "multipart/form-data; boundary=B",
                multipart("B", json("{\"frameCount\": 2, \"keyframes\": [0]}"))), 400, "invalid_json", "not valid JSON");
        add(c, "same declaration again", put("/v1/shots/" + SHOT, json("{\"frameCount\": 4, \"keyframes\": [3, 0]}")), 200, null, null);
        add(c, "different declaration", put("/v1/shots/" + SHOT, json("{\"frameCount\": 5, \"keyframes\": [0, 3]}")), 409,
                "declaration_conflict", "frameCount 5 instead of 4");
    }

    private void images() {
        String c = "images";
        String line = "/v1/shots/" + SHOT + "/line/";
        add(c, "GIF", put(line + "1", "GIF89a....".getBytes(StandardCharsets.US_ASCII)), 415, "unsupported_format", "PNG, JPEG or TIFF");
        add(c, "text", put(line + "1", "hello".getBytes(StandardCharsets.US_ASCII)), 415, "unsupported_format", "PNG, JPEG or TIFF");
        add(c, "empty body", put(line + "1", new byte[0]), 400, "empty_body", "empty");
        add(c, "empty chunked body", raw(head("PUT", line + "1") + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400, "empty_body", "empty");
        add(c, "truncated PNG", put(line + "1", Arrays.copyOf(png, png.length / 2)), 422, "corrupt_image", "truncated");
        add(c, "PNG with a bad CRC", put(line + "1", PngBytes.withDamagedData(png)), 422, "corrupt_image", "CRC");
        add(c, "PNG signature only", put(line + "1", Arrays.copyOf(png, 8)), 422, "corrupt_image", "");
        add(c, "decompression bomb header", put(line + "1", PngBytes.declaringSize(100_000, 100_000)), 413, "image_too_large", "100000x100000");
        add(c, "16384x1 header", put(line + "1", PngBytes.declaringSize(16_384, 1)), 422, "image_too_small", "16384x1");
        add(c, "1x1 image", put(line + "1", tinyPng), 422, "image_too_small", "1x1");
        add(c, "1700x40 image", put(line + "1", widePng), 422, "extreme_aspect_ratio", "42.5:1");
        add(c, "truncated JPEG", put(line + "1", Arrays.copyOf(jpeg, jpeg.length / 2)), 422, "corrupt_image", "");
        add(c, "TIFF header only", put(line + "1", new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}), 422, "corrupt_image", "");
        add(c, "PNG in a multipart form", request("PUT", line + "1", "multipart/form-data; boundary=B", multipart("B", png)),
                415, "unsupported_format", "not a form");
        add(c, "over the byte limit", raw(head("PUT", line + "1") + "Content-Length: " + (MAX_BYTES + 1) + "\r\n\r\n"),
                413, "too_large", "ANIDOC_INGEST_MAX_BYTES", true);
        add(c, "PNG sent as a form", request("PUT", line + "1", "application/x-www-form-urlencoded", png), 201, null, null);
        add(c, "the same PNG again", put(line + "1", png), 200, null, null);
        add(c, "another PNG for a taken slot", put(line + "1", otherPng), 409, "frame_taken", "already holds a different image");
        add(c, "another size", put(line + "2", mismatchedPng), 422, "size_mismatch", WIDTH + "x" + HEIGHT);
        add(c, "seal with images missing", post("/v1/shots/" + SHOT + "/seal"), 409, "frames_missing", "line art 2");
    }

    private void indices() {
        String c = "indices";
        String shot = "/v1/shots/" + SHOT;
        add(c, "letters", put(shot + "/line/abc", png), 400, "invalid_index", "'abc'");
        add(c, "negative", put(shot + "/line/-1", png), 400, "invalid_index", "'-1'");
        add(c, "fraction", put(shot + "/line/1.5", png), 400, "invalid_index", "'1.5'");
        add(c, "ten digits", put(shot + "/line/9999999999", png), 400, "invalid_index", "9999999999");
        add(c, "encoded NUL", put(shot + "/line/1%00", png), 400, "invalid_index", "");
        add(c, "out of range", put(shot + "/line/4", png), 422, "index_out_of_range", "frames 0..3");
        add(c, "far out of range", put(shot + "/line/999999999", png), 422, "index_out_of_range", "999999999");
        add(c, "key at a drawing", put(shot + "/keys/1", png), 422, "not_a_keyframe", "keyframes are [0, 3]");
        add(c, "empty index", put(shot + "/line/", png), 404, "not_found", "PUT");
        add(c, "unknown image kind", put(shot + "/paint/0", png), 404, "not_found", "/paint/0");
        add(c, "extra segment", put(shot + "/line/0/extra", png), 404, "not_found", "extra");
        add(c, "unknown shot", put("/v1/shots/never-declared/line/0", png), 404, "unknown_shot", "never-declared");
        add(c, "seal an unknown shot", post("/v1/shots/never-declared/seal"), 404, "unknown_shot", "never-declared");
    }

    private void methods() {
        String c = "methods";
        method(c, "DELETE", "/v1/shots/" + SHOT, "GET, PUT");
        method(c, "POST", "/v1/shots/" + SHOT, "GET, PUT");
        method(c, "PATCH", "/v1/shots/" + SHOT, "GET, PUT");
        method(c, "TRACE", "/v1/shots/" + SHOT, "GET, PUT");
        method(c, "GET", "/v1/shots/" + SHOT + "/seal", "POST");
        method(c, "PUT", "/v1/shots/" + SHOT + "/seal", "POST");
        method(c, "GET", "/v1/shots/" + SHOT + "/line/0", "PUT");
        method(c, "POST", "/v1/shots/" + SHOT + "/keys/0", "PUT");
        method(c, "DELETE", "/v1/shots/" + SHOT + "/keys/0", "PUT");
        method(c, "POST", "/health/live", "GET");
        method(c, "DELETE", "/health/ready", "GET");
        method(c, "PUT", "/metrics", "GET");
        add(c, "root", get("/"), 404, "not_found", "GET /");
        add(c, "another version", get("/v2/shots/" + SHOT), 404, "not_found", "/v2/shots");
        add(c, "collection", get("/v1/shots"), 404, "not_found", "/v1/shots");
    }

    private void framing() {
        String c = "framing";
        String body = "{\"frameCount\": 2, \"keyframes\": [0]}";
        String smuggled = "PUT /v1/shots/adv-smuggled HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        add(c, "Content-Length and chunked", raw(head("PUT", "/v1/shots/adv-cl-te") + "Content-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled), 400, "ambiguous_framing", "both", true);
        add(c, "chunked and Content-Length", raw(head("PUT", "/v1/shots/adv-te-cl") + "Transfer-Encoding: chunked\r\n"
                + "Content-Length: 5\r\n\r\n0\r\n\r\n" + smuggled), 400, "ambiguous_framing", "both", true);
        add(c, "HTTP/1.0 with both", raw(head("PUT", "/v1/shots/adv-10").replace("HTTP/1.1", "HTTP/1.0")
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled), 400, "ambiguous_framing", "both", true);
        add(c, "two different lengths", raw(head("PUT", "/v1/shots/adv-2cl") + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n"
                + body), 400, "ambiguous_framing", "several Content-Length", true);
        add(c, "two equal lengths", raw(head("PUT", "/v1/shots/adv-2cl") + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n"
                + body), 400, "ambiguous_framing", "several Content-Length", true);
        add(c, "a length list", raw(head("PUT", "/v1/shots/adv-2cl") + "Content-Length: 5, 5\r\n\r\n" + body), 400,
                "ambiguous_framing", "several Content-Length", true);
        add(c, "negative length", raw(head("PUT", "/v1/shots/adv-neg") + "Content-Length: -5\r\n\r\n"), 400,
                "invalid_content_length", "whole number", true);
        add(c, "length with letters", raw(head("PUT", "/v1/shots/adv-neg") + "Content-Length: 12abc\r\n\r\n"), 400,
                "invalid_content_length", "whole number", true);
        add(c, "gzip transfer coding", raw(head("PUT", "/v1/shots/adv-gzip") + "Transfer-Encoding: gzip\r\n\r\n" + smuggled),
                400, "ambiguous_framing", "not supported", true);
        add(c, "chunked twice", raw(head("PUT", "/v1/shots/adv-cc") + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n0\r\n\r\n"), 400, "ambiguous_framing", "'chunked, chunked' is not supported", true);
        add(c, "request line of 10 KB", get("/v1/shots/" + "a".repeat(10_000)), 414, "uri_too_long", "request line", true);
        add(c, "header of 20 KB", raw(head("GET", "/v1/shots/" + SHOT) + "X-Big: " + "b".repeat(20_000) + "\r\n\r\n"), 431,
                "headers_too_large", "headers", true);
        add(c, "not HTTP", raw("HELLO THERE\r\n\r\n"), 400, "malformed_request", "not valid HTTP", true);
        add(c, "header without a colon", raw("GET /health/live HTTP/1.1\r\nHost: t\r\nNoColonHere\r\n\r\n"), 400,
                "malformed_request", "not valid HTTP", true);
        add(c, "space before the colon", raw("GET /health/live HTTP/1.1\r\nHost : t\r\n\r\n"), 400,
                "malformed_request", "not valid HTTP", true);
        add(c, "plain chunked works", raw(head("PUT", "/v1/shots/adv-chunked") + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n"), 201, null, null);
    }

    // ---- building requests ---------------------------------------------------------------

    private void add(String category, String name, byte[] request, int status, String error, String reasonPart) {
        add(category, name, request, status, error, reasonPart, false);
    }

    private void add(String category, String name, byte[] request, int status, String error, String reasonPart, boolean closes) {
        cases.add(new Case(category, name, request, status, error, reasonPart, closes));
    }

    private void declaration(String category, String name, String body, int status, String error, String reasonPart) {
        byte[] bytes = body.getBytes(name.equals("invalid UTF-8") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        add(category, name, put("/v1/shots/adv-decl", bytes), status, error, reasonPart);
    }

    private void method(String category, String method, String path, String allow) {
        add(category, method + " " + path, raw(head(method, path) + "\r\n"), 405, "method_not_allowed", "allowed: " + allow);
    }

    private static byte[] withAuth(String authorization) {
        return raw("GET /v1/shots/" + SHOT + " HTTP/1.1\r\nHost: t\r\nAuthorization: " + authorization + "\r\n\r\n");
    }

    static String head(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + TOKEN + "\r\n";
    }

    static byte[] get(String path) {
        return raw(head("GET", path) + "\r\n");
    }

    static byte[] post(String path) {
        return raw(head("POST", path) + "Content-Length: 0\r\n\r\n");
    }

    static byte[] put(String path, byte[] body) {
        return request("PUT", path, "application/octet-stream", body);
    }

    static byte[] request(String method, String path, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((head(method, path) + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipart(String boundary, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
