package io.anidoc.core.lineart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.Scalar;

import io.anidoc.core.image.Drawing;
import io.anidoc.core.regions.RegionSegmenter;
import io.anidoc.core.regions.RegionSettings;
import io.anidoc.core.regions.Regions;

class LineArtExtractorTest {

    @Test
    void colorBordersBecomeTraceLinesAndDarkStrokesMainLines() {
        // two flat colors meeting without a line, a black outline around both, white outside
        Drawing frame = Drawing.paper(240, 160)
                .fillRect(40, 30, 119, 129, new Scalar(120, 180, 240))
                .fillRect(120, 30, 199, 129, new Scalar(200, 120, 90))
                .rect(40, 30, 199, 129, Drawing.BLACK, 2);
        LineArt art = LineArtExtractor.defaults().fromColor(frame.bgr());
        assertThat(LineArtNormalizerTest.inkAt(art, 100, 30)).isEqualTo(InkClass.MAIN);
        assertThat(LineArtNormalizerTest.alphaAt(art, 100, 30)).isGreaterThanOrEqualTo(200);
        assertThat(LineArtNormalizerTest.inkAt(art, 119, 80)).isEqualTo(InkClass.TRACE);
        assertThat(LineArtNormalizerTest.inkAt(art, 80, 80)).isEqualTo(InkClass.PAPER);
        assertThat(LineArtNormalizerTest.inkAt(art, 10, 10)).isEqualTo(InkClass.PAPER);

        Regions regions = new RegionSegmenter(RegionSettings.defaults()).segment(art);
        assertThat(regions.count()).isEqualTo(3);
        assertThat(regions.labelAt(80, 80)).isNotEqualTo(regions.labelAt(160, 80));
    }

    @Test
    void wideDarkAreasStayFillNotLine() {
        Drawing frame = Drawing.paper(240, 160).fillRect(60, 40, 180, 120, new Scalar(20, 20, 20))
                .line(10, 150, 230, 150, Drawing.BLACK, 2);
        LineArt art = LineArtExtractor.defaults().fromColor(frame.bgr());
        assertThat(LineArtNormalizerTest.inkAt(art, 120, 80)).isEqualTo(InkClass.PAPER);
        assertThat(LineArtNormalizerTest.inkAt(art, 120, 150)).isEqualTo(InkClass.MAIN);
    }
}
