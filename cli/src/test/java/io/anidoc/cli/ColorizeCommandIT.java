package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anidoc colorize} through the local pipeline writes the frames {@code colorize --direct} writes. */
class ColorizeCommandIT {

    @Test
    void colorizeThroughThePipelineEqualsTheDirectRun(@TempDir Path dir) throws IOException {
        Path shot = dir.resolve("shot");
        Path viaKafka = dir.resolve("out");
        Path direct = dir.resolve("direct");
        assertThat(CliRun.of("synth", "--out", shot.toString(), "--width", "320", "--height", "180", "--frames", "5",
                "--seed", "4").exitCode()).isZero();

        CliRun colorize = CliRun.of("colorize", shot.toString(), "--out", viaKafka.toString(), "--timeout", "3m");
        assertThat(colorize.exitCode()).as(colorize.err()).isZero();
        assertThat(colorize.out()).contains("colorized shot synth-4: 5 frames 320x180 from keyframes [0, 4]")
                .contains("through the pipeline").contains("stage times (ms): {matcher=");
        assertThat(colorize.err()).contains("starting the local pipeline").contains("100% synth-4 finished");

        CliRun directRun = CliRun.of("colorize", "--direct", shot.toString(), "--out", direct.toString());
        assertThat(directRun.exitCode()).as(directRun.err()).isZero();
        assertThat(directRun.out()).contains("colorized shot synth-4: 5 frames 320x180").doesNotContain("pipeline");

        Map<String, byte[]> expected = pngs(direct);
        assertThat(expected).hasSize(15);
        Map<String, byte[]> actual = pngs(viaKafka);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
        JsonNode manifest = new ObjectMapper().readTree(viaKafka.resolve("manifest.json").toFile());
        assertThat(manifest.get("shotId").asText()).isEqualTo("synth-4");
        assertThat(manifest.get("frames")).hasSize(5);
        // one manifest shape for both paths: the same fields, frames described alike, the same clips
        JsonNode directManifest = new ObjectMapper().readTree(direct.resolve("manifest.json").toFile());
        assertThat(fieldNames(manifest)).isEqualTo(fieldNames(directManifest)).containsExactly("shotId", "width", "height",
                "frameCount", "keyframes", "sheets", "engine", "settings", "frames", "clips", "warnings", "stageMillis");
        for (int i = 0; i < 5; i++) {
            assertThat(manifest.get("frames").get(i)).as("frame %d", i).isEqualTo(directManifest.get("frames").get(i));
        }
        assertThat(manifest.get("clips")).hasSameSizeAs(directManifest.get("clips"));
        for (int i = 0; i < manifest.get("clips").size(); i++) {
            JsonNode clip = manifest.get("clips").get(i);
            JsonNode directClip = directManifest.get("clips").get(i);
            assertThat(fieldNames(clip)).isEqualTo(fieldNames(directClip));
            for (String field : List.of("clipId", "index", "first", "last", "references", "frames", "warnings")) {
                assertThat(clip.get(field)).as("clip %d %s", i, field).isEqualTo(directClip.get(field));
            }
        }
        assertThat(manifest.get("stageMillis").has("colorizer")).isTrue();
        assertThat(manifest.get("engine").asText()).isEqualTo("cpu-regions");

        CliRun eval = CliRun.of("eval", "--pred", viaKafka.toString(), "--gt", shot.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        Matcher accuracy = Pattern.compile("non-line pixel accuracy: (\\d\\.\\d+)").matcher(eval.out());
        assertThat(accuracy.find()).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.99);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

        private static Map<String, byte[]> pngs(Path out) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String layer : new String[] {"color", "lines", "fill"}) {
            try (Stream<Path> list = Files.list(out.resolve(layer))) {
                for (Path file : list.toList()) {
                    files.put(layer + "/" + file.getFileName(), Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
