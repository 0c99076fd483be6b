package io.anidoc.core.shot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.anidoc.core.image.Drawing;
import io.anidoc.core.image.Images;

class ShotFolderTest {

    private static void png(Path file, int w, int h) {
        Images.write(file, Drawing.paper(w, h).bgr());
    }

    private static Path shot(Path dir) {
        png(dir.resolve("line/0000.png"), 64, 48);
        png(dir.resolve("line/0001.png"), 64, 48);
        png(dir.resolve("line/00002.png"), 64, 48);
        png(dir.resolve("keys/0000.png"), 64, 48);
        png(dir.resolve("keys/0003.png"), 64, 48);
        return dir;
    }

    @Test
    void readsLinesKeysSizeAndOptions(@TempDir Path dir) throws Exception {
        Files.writeString(shot(dir).resolve("shot.json"), "{\"shotId\":\"sq010-sh020\",\"fps\":12,\"director\":\"x\"}");
        Shot shot = ShotFolder.read(dir);
        assertThat(shot.shotId()).isEqualTo("sq010-sh020");
        assertThat(shot.fps()).isEqualTo(12.0);
        assertThat(shot.options()).containsEntry("director", "x").doesNotContainKey("shotId");
        assertThat(shot.frameCount()).isEqualTo(4);
        assertThat(shot.width()).isEqualTo(64);
        assertThat(shot.height()).isEqualTo(48);
        assertThat(shot.lines().keySet()).containsExactly(0, 1, 2);
        assertThat(shot.keyframes()).containsExactly(0, 3);
    }

    @Test
    void modelSheetsOfAnySizeStandInForKeyframes(@TempDir Path dir) {
        png(dir.resolve("line/0000.png"), 64, 48);
        png(dir.resolve("line/0001.png"), 64, 48);
        png(dir.resolve("refs/hero.png"), 30, 90);
        png(dir.resolve("refs/hero_prop-2.png"), 200, 20);
        Shot shot = ShotFolder.read(dir);
        assertThat(shot.keyframes()).isEmpty();
        assertThat(shot.sheets()).containsOnlyKeys("hero", "hero_prop-2");
        assertThat(shot.width()).isEqualTo(64);
        assertThat(shot.frameCount()).isEqualTo(2);
    }

    @Test
    void badModelSheetsAreNamed(@TempDir Path dir) throws Exception {
        png(dir.resolve("line/0000.png"), 64, 48);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("no keys/ folder and no model sheet");
        png(dir.resolve("refs/hero sheet.png"), 30, 30);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("refs/hero sheet.png");
        Files.delete(dir.resolve("refs/hero sheet.png"));
        Files.writeString(dir.resolve("refs/hero.png"), "not a png");
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("not a PNG");
    }

    @Test
    void shotIdDefaultsToTheFolderName(@TempDir Path dir) {
        Path folder = shot(dir.resolve("my-shot"));
        Shot shot = ShotFolder.read(folder);
        assertThat(shot.shotId()).isEqualTo("my-shot");
        assertThat(shot.fps()).isEqualTo(24.0);
    }

    @Test
    void missingFolderOrKeysAreErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> ShotFolder.read(dir.resolve("nope"))).hasMessageContaining("does not exist");
        png(dir.resolve("line/0000.png"), 64, 48);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("keys/");
    }

    @Test
    void badFileNamesAreErrors(@TempDir Path dir) {
        png(shot(dir).resolve("line/frame7.png"), 64, 48);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("line/frame7.png");
    }

    @Test
    void theSameFrameTwiceIsAnError(@TempDir Path dir) {
        png(shot(dir).resolve("line/001.png"), 64, 48);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("appears twice");
    }

    @Test
    void mixedSizesAreErrors(@TempDir Path dir) {
        png(shot(dir).resolve("keys/0002.png"), 80, 48);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("mixed frame sizes")
                .hasMessageContaining("80x48");
    }

    @Test
    void framesWithNeitherLineNorKeyAreErrors(@TempDir Path dir) {
        png(shot(dir).resolve("line/0006.png"), 64, 48);
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("frame 0004 has neither");
    }

    @Test
    void nonPngFilesAndBadJsonAreErrors(@TempDir Path dir) throws Exception {
        Files.writeString(shot(dir).resolve("line/00002.png"), "text");
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("not a PNG");
        png(dir.resolve("line/00002.png"), 64, 48);
        Files.writeString(dir.resolve("shot.json"), "[1, 2");
        assertThatThrownBy(() -> ShotFolder.read(dir)).hasMessageContaining("shot.json");
    }
}
