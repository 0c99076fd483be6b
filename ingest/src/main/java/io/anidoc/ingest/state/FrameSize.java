package io.anidoc.ingest.state;

/** Width and height of a shot's frames, set by its first accepted image. */
public record FrameSize(int width, int height) {
}
