package io.anidoc.ingest;

import io.anidoc.ingest.image.ImageLimits;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.util.List;

/**
 * Settings of the ingest service and of the assembler it runs.
 *
 * @param tokens          bearer tokens accepted on the API; empty: no authentication
 * @param maxUploadBytes  largest image upload in bytes
 * @param imageLimits     largest image dimensions, checked on the header before decoding
 * @param maxFrames       largest declared frame count of a shot
 * @param runAssembler    run the assembler Streams application in this process
 * @param maxDrawings     default drawings per clip (the shot option {@code maxDrawings} overrides it)
 */
public record IngestConfig(List<String> tokens, long maxUploadBytes, ImageLimits imageLimits, int maxFrames,
                           boolean runAssembler, int maxDrawings) {

    public static final Setting TOKENS = Setting.secret("ANIDOC_INGEST_TOKENS",
            "Comma-separated bearer tokens accepted on /v1; unset: the API needs no token.");
    public static final Setting MAX_BYTES = Setting.of("ANIDOC_INGEST_MAX_BYTES", "67108864",
            "Largest accepted image upload in bytes (64 MiB); larger requests get 413.");
    public static final Setting MAX_DIMENSION = Setting.of("ANIDOC_INGEST_MAX_DIMENSION", "16384",
            "Largest image width or height in pixels, checked on the file header before decoding.");
    public static final Setting MAX_PIXELS = Setting.of("ANIDOC_INGEST_MAX_PIXELS", "67108864",
            "Largest image area (width x height) in pixels, checked on the file header before decoding.");
    public static final Setting MIN_DIMENSION = Setting.of("ANIDOC_INGEST_MIN_DIMENSION",
            String.valueOf(ImageLimits.DEFAULT_MIN_DIMENSION),
            "Smallest image width or height in pixels; smaller images get 422 image_too_small.");
    public static final Setting MAX_ASPECT = Setting.of("ANIDOC_INGEST_MAX_ASPECT", "16",
            "Largest ratio of an image's longer side to its shorter one; beyond it 422 extreme_aspect_ratio.");
    public static final Setting MAX_FRAMES = Setting.of("ANIDOC_INGEST_MAX_FRAMES", "100000",
            "Largest frame count a shot may declare.");
    public static final Setting RUN_ASSEMBLER = Setting.of("ANIDOC_INGEST_ASSEMBLER", "true",
            "Run the assembler (Kafka Streams, frames + shots -> clips) in the ingest process.");
    public static final Setting MAX_DRAWINGS = Setting.of("ANIDOC_ASSEMBLER_MAX_DRAWINGS", "16",
            "Drawings per clip unless a shot's option maxDrawings says otherwise.");

    public static final List<Setting> SETTINGS =
            List.of(TOKENS, MAX_BYTES, MAX_DIMENSION, MAX_PIXELS, MIN_DIMENSION, MAX_ASPECT, MAX_FRAMES, RUN_ASSEMBLER, MAX_DRAWINGS);

    private static ImageLimits imageLimits(ConfigSource source) {
        int maxDimension = source.integer(MAX_DIMENSION, 1, 1 << 20);
        return new ImageLimits(maxDimension, source.longValue(MAX_PIXELS, 1, 1L << 40),
                source.integer(MIN_DIMENSION, 1, maxDimension), source.integer(MAX_ASPECT, 1, 1 << 20));
    }

    public static IngestConfig from(ConfigSource source) {
        return new IngestConfig(
                source.list(TOKENS),
                source.longValue(MAX_BYTES, 1, Integer.MAX_VALUE),
                imageLimits(source),
                source.integer(MAX_FRAMES, 1, 10_000_000),
                source.bool(RUN_ASSEMBLER),
                source.integer(MAX_DRAWINGS, 1, 10_000));
    }
}
