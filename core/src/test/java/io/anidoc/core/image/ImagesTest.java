package io.anidoc.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class ImagesTest {

    @Test
    void pngBytesDependOnlyOnPixels() {
        OpenCv.load();
        Mat a = Drawing.paper(64, 48).circle(30, 20, 12, Drawing.RED, 2).bgr();
        Mat b = Drawing.paper(64, 48).circle(30, 20, 12, Drawing.RED, 2).bgr();
        assertThat(Images.encodePng(a)).isEqualTo(Images.encodePng(b));
        assertThat(Images.encodePng(a)).isNotEqualTo(Images.encodePng(Drawing.paper(64, 48).bgr()));
    }

    @Test
    void roundTripKeepsAlphaAndPixels(@TempDir Path dir) {
        OpenCv.load();
        Mat bgra = new Mat(10, 12, CvType.CV_8UC4, new Scalar(10, 20, 30, 0));
        bgra.put(3, 4, 1, 2, 3, 200);
        Path file = dir.resolve("sub/a.png");
        Images.write(file, bgra);
        Mat back = Images.read(file);
        assertThat(back.type()).isEqualTo(CvType.CV_8UC4);
        assertThat(back.get(3, 4)).containsExactly(1, 2, 3, 200);
        assertThat(back.get(0, 0)).containsExactly(10, 20, 30, 0);
    }

    @Test
    void everyChannelCountDecodesToTheSamePixelsInLibpngAndImageIo() throws Exception {
        OpenCv.load();
        java.util.Random random = new java.util.Random(7);
        for (int channels : new int[] {1, 3, 4}) {
            byte[] pixels = new byte[37 * 23 * channels];
            random.nextBytes(pixels);
            Mat image = Pixels.mat(37, 23, CvType.makeType(CvType.CV_8U, channels), pixels);
            byte[] png = Images.encodePng(image);
            assertThat(Pixels.bytes(Images.decode(png))).as("%d channels", channels).isEqualTo(pixels);
            java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertThat(decoded.getWidth()).isEqualTo(37);
            assertThat(decoded.getHeight()).isEqualTo(23);
            int[] samples = decoded.getRaster().getPixels(0, 0, 37, 23, (int[]) null);
            for (int i = 0; i < 37 * 23; i++) {
                // ImageIO gives red first, OpenCV blue first
                for (int c = 0; c < channels; c++) {
                    int opencv = channels == 1 || c == 3 ? c : 2 - c;
                    assertThat(samples[i * channels + c]).isEqualTo(pixels[i * channels + opencv] & 0xff);
                }
            }
        }
    }

    @Test
    void imagesOfFewColorsAreWrittenIndexedAndDecodeToTheSamePixelsAndChannels() throws Exception {
        OpenCv.load();
        java.util.Random random = new java.util.Random(11);
        for (int channels : new int[] {3, 4}) {
            for (boolean opaque : new boolean[] {true, false}) {
                // 200 colors, in runs as flat fills have them
                int[][] colors = new int[200][channels];
                for (int[] color : colors) {
                    for (int c = 0; c < channels; c++) {
                        color[c] = random.nextInt(256);
                    }
                    if (channels == 4 && opaque) {
                        color[3] = 255;
                    }
                }
                byte[] pixels = new byte[61 * 29 * channels];
                for (int i = 0; i < 61 * 29; i++) {
                    int[] color = colors[(i / 3 + random.nextInt(2)) % colors.length];
                    for (int c = 0; c < channels; c++) {
                        pixels[i * channels + c] = (byte) color[c];
                    }
                }
                Mat image = Pixels.mat(61, 29, CvType.makeType(CvType.CV_8U, channels), pixels);
                byte[] png = Images.encodePng(image);

                assertThat(png[8 + 8 + 9]).as("color type: indexed").isEqualTo((byte) 3);
                Mat back = Images.decode(png);
                assertThat(back.channels()).as("%d channels, opaque %s", channels, opaque).isEqualTo(channels);
                assertThat(Pixels.bytes(back)).isEqualTo(pixels);
                java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
                for (int i = 0; i < 61 * 29; i++) {
                    int argb = decoded.getRGB(i % 61, i / 61);
                    int alpha = channels == 4 ? pixels[i * channels + 3] & 0xff : 255;
                    int expected = alpha << 24 | (pixels[i * channels + 2] & 0xff) << 16
                            | (pixels[i * channels + 1] & 0xff) << 8 | (pixels[i * channels] & 0xff);
                    assertThat(argb).isEqualTo(expected);
                }
            }
        }
        // one color more than a palette holds: written as true color
        byte[] many = new byte[257 * 3];
        for (int i = 0; i < 257; i++) {
            many[3 * i] = (byte) i;
            many[3 * i + 1] = (byte) (i >> 8);
        }
        byte[] png = Images.encodePng(Pixels.mat(257, 1, CvType.CV_8UC3, many));
        assertThat(png[8 + 8 + 9]).as("color type: RGB").isEqualTo((byte) 2);
        assertThat(Pixels.bytes(Images.decode(png))).isEqualTo(many);
    }

    @Test
    void sixteenBitImagesBecomeEightBit() {
        OpenCv.load();
        Mat deep = new Mat(4, 4, CvType.CV_16UC3, new Scalar(65535, 0, 32896));
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", deep, png);
        Mat back = Images.decode(png.toArray());
        assertThat(back.depth()).isEqualTo(CvType.CV_8U);
        assertThat(back.get(1, 1)).containsExactly(255, 0, 128);
    }

    @Test
    void garbageIsRejectedWithTheFileName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.png");
        Files.writeString(file, "not an image");
        assertThatThrownBy(() -> Images.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.png");
        assertThatThrownBy(() -> Images.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
