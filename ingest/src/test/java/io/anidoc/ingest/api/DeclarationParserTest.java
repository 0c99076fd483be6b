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
