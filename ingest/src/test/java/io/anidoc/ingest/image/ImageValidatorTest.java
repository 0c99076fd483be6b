package io.anidoc.ingest.image;

import io.anidoc.core.image.Images;
import io.anidoc.ingest.TestImages;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageValidatorTest {

    private final ImageValidator validator = new ImageValidator(new ImageLimits(4096, 4096L * 4096));

    @Test
    void readsTheDimensionsOfEachFormatFromItsHeader() throws Exception {
        assertThat(ImageHeaders.read(TestImages.png(64, 48, 1))).isEqualTo(new ImageHeader(ImageFormat.PNG, 64, 48));
        assertThat(ImageHeaders.read(TestImages.encoded(".jpg", 80, 40, 1))).isEqualTo(new ImageHeader(ImageFormat.JPEG, 80, 40));
        assertThat(ImageHeaders.read(TestImages.encoded(".tiff", 33, 21, 1))).isEqualTo(new ImageHeader(ImageFormat.TIFF, 33, 21));
    }

    @Test
    void aPngIsStoredAsSent() throws Exception {
        byte[] png = TestImages.png(64, 48, 3);
        ValidatedImage image = validator.validate(png);
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.pngBytes()).isSameAs(png);
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
    }

    @Test
    void tiffIsStoredAsALosslessPng() throws Exception {
        byte[] tiff = TestImages.encoded(".tiff", 40, 30, 5);
        ValidatedImage image = validator.validate(tiff);
        assertThat(image.format()).isEqualTo(ImageFormat.TIFF);
        Mat decoded = Images.decode(image.pngBytes());
        Mat original = Images.decode(tiff);
        Mat diff = new Mat();
        Core.absdiff(decoded, original, diff);
        assertThat(Core.sumElems(diff).val).containsOnly(0.0);
        assertThat(ImageHeaders.read(image.pngBytes()).format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void aHugeDeclaredCanvasIsRefusedFromTheHeaderAlone() {
        byte[] bomb = TestImages.declaringSize(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        assertThatThrownBy(() -> validator.validate(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("declared dimensions 100000x100000")
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.TOO_LARGE);
        // within the per-side limit but over the area limit
        assertThatThrownBy(() -> new ImageValidator(new ImageLimits(4096, 1_000_000)).inspect(TestImages.declaringSize(4000, 4000)))
                .hasMessageContaining("16000000 pixels");
    }

    @Test
    void tooSmallOrTooElongatedImagesAreRefusedFromTheHeader() throws Exception {
        ImageValidator pipeline = new ImageValidator(new ImageLimits(16_384, 1L << 26, 32, 16));
        assertThatThrownBy(() -> pipeline.inspect(TestImages.declaringSize(16_384, 1)))
                .hasMessageContaining("16384x1 are below the minimum of 32")
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.TOO_SMALL);
        assertThatThrownBy(() -> pipeline.inspect(TestImages.declaringSize(31, 600)))
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.TOO_SMALL);
        assertThatThrownBy(() -> pipeline.inspect(TestImages.declaringSize(544, 32)))
                .hasMessageContaining("aspect ratio of 17.0:1")
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.EXTREME_ASPECT);
        assertThat(pipeline.inspect(TestImages.declaringSize(512, 32)).width()).isEqualTo(512);
        assertThat(pipeline.inspect(TestImages.declaringSize(32, 32)).height()).isEqualTo(32);
    }

    @Test
    void truncatedAndDamagedFilesAreCorrupt() {
        byte[] png = TestImages.png(64, 48, 2);
        assertCorrupt(Arrays.copyOf(png, png.length / 2), "truncated PNG");
        assertCorrupt(Arrays.copyOf(png, 20), "truncated PNG");
        assertCorrupt(TestImages.withDamagedData(png), "fails its CRC check");
        byte[] jpeg = TestImages.encoded(".jpg", 64, 48, 2);
        assertCorrupt(Arrays.copyOf(jpeg, jpeg.length - 40), "truncated JPEG");
        byte[] tiff = TestImages.encoded(".tiff", 64, 48, 2);
        assertCorrupt(Arrays.copyOf(tiff, 6), "truncated TIFF");
    }

    @Test
    void otherFormatsAreUnsupported() {
        assertThatThrownBy(() -> validator.inspect("GIF89a....".getBytes()))
                .hasMessageContaining("not a PNG, JPEG or TIFF")
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.UNSUPPORTED_FORMAT);
    }

    private void assertCorrupt(byte[] bytes, String message) {
        assertThatThrownBy(() -> validator.validate(bytes))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(ImageRejectedException.Reason.CORRUPT);
    }
}
