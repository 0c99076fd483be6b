package io.anidoc.ingest.api;

import io.anidoc.ingest.state.ShotDeclaration;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclarationParserTest {

    private final DeclarationParser parser = new DeclarationParser(1000);

    @Test
    void readsAndNormalizesADeclaration() {
        ShotDeclaration declaration = parse("{\"frameCount\": 48, \"keyframes\": [47, 0], "
                + "\"options\": {\"maxDrawings\": 12, \"engine\": \"cpu\", \"snap\": true, \"threshold\": 0.5}}");
        assertThat(declaration.frameCount()).isEqualTo(48);
        assertThat(declaration.keyframes()).containsExactly(0, 47);
        assertThat(declaration.options()).containsExactly(Map.entry("engine", "cpu"), Map.entry("maxDrawings", "12"),
                Map.entry("snap", "true"), Map.entry("threshold", "0.5"));
        assertThat(declaration).isEqualTo(new ShotDeclaration(48, List.of(0, 47),
                new java.util.TreeMap<>(Map.of("engine", "cpu", "maxDrawings", "12", "snap", "true", "threshold", "0.5"))));
    }

    @Test
    void aShotMayBeColoredFromModelSheetsWithoutKeyframes() {
        ShotDeclaration declaration = parse("{\"frameCount\": 8, \"keyframes\": [], \"sheets\": [\"prop\", \"hero\"]}");
        assertThat(declaration.keyframes()).isEmpty();
        assertThat(declaration.sheets()).containsExactly("hero", "prop");
        assertThat(declaration.sheetIndex("prop")).isEqualTo(1);
        assertThat(parse("{\"frameCount\": 8, \"sheets\": [\"hero\"]}").sheets()).containsExactly("hero");
        assertInvalid("{\"frameCount\": 8, \"sheets\": [\"hero\", \"hero\"]}", "invalid_declaration", "listed twice");
        assertInvalid("{\"frameCount\": 8, \"sheets\": [\"../x\"]}", "invalid_declaration", "is not valid");
        assertInvalid("{\"frameCount\": 8, \"sheets\": []}", "invalid_declaration", "non-empty array");
    }

    @Test
    void refusesWhatCannotBeAShot() {
        assertInvalid("", "invalid_declaration", "the body is empty");
        assertInvalid("[1,2]", "invalid_json", "not a JSON object");
        assertInvalid("{\"keyframes\": [0]}", "invalid_declaration", "frameCount must be a whole number");
        assertInvalid("{\"frameCount\": 2.5, \"keyframes\": [0]}", "invalid_declaration", "frameCount must be a whole number");
        assertInvalid("{\"frameCount\": 1001, \"keyframes\": [0]}", "invalid_declaration", "between 1 and 1000");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": []}", "invalid_declaration", "non-empty array");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": [0, 4]}", "invalid_declaration", "keyframe 4 is outside the shot (frames 0..3)");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": [1, 1]}", "invalid_declaration", "keyframe 1 is listed twice");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": [0], \"fps\": 24}", "invalid_declaration", "unknown field 'fps'");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": [0], \"options\": {\"anidoc.keyframeLines\": \"0\"}}",
                "invalid_declaration", "is reserved");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": [0], \"options\": {\"maxDrawings\": 0}}",
                "invalid_declaration", "maxDrawings must be a whole number between 1 and");
        assertInvalid("{\"frameCount\": 4, \"keyframes\": [0], \"options\": {\"nested\": {\"a\": 1}}}",
                "invalid_declaration", "must be a string, number or boolean");
    }

    @Test
    void strictJsonNamesTheProblemWithoutEchoingTheBody() {
        assertInvalid("{\"frameCount\": 3, \"keyframes\": [0], \"frameCount\": 4}", "duplicate_key", "'frameCount'");
        assertInvalid("{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"a\": 1, \"a\": 1}}", "duplicate_key", "'a'");
        assertInvalid("[".repeat(100) + "]".repeat(100), "invalid_json", "nesting depth");
        String secret = "topsecret" + "x".repeat(5000);
        assertThatThrownBy(() -> parse(secret))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("invalid_json"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("x".repeat(40)));
        assertInvalid("{\"frameCount\": 48.0, \"keyframes\": [0, 47.0]}".replace("48.0", "4.5"), "invalid_declaration",
                "whole number");
        assertThat(parse("{\"frameCount\": 48.0, \"keyframes\": [47.0, 0]}").keyframes()).containsExactly(0, 47);
    }

    @Test
    void theLargestDeclarationIsAccepted() {
        StringBuilder json = new StringBuilder("{\"frameCount\": 1000, \"keyframes\": [");
        for (int k = 999; k >= 0; k--) {
            json.append(k).append(k > 0 ? "," : "]}");
        }
        assertThat(parse(json.toString()).keyframes()).hasSize(1000).startsWith(0, 1, 2).endsWith(999);
        assertInvalid("{\"frameCount\": 2, \"keyframes\": [0, 1, 0]}", "invalid_declaration", "only 2 frames");
    }

    private ShotDeclaration parse(String json) {
        return parser.parse(Buffer.buffer(json));
    }

    private void assertInvalid(String json, String code, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(code);
                })
                .hasMessageContaining(reason);
    }
}
