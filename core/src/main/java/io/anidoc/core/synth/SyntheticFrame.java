package io.anidoc.core.synth;

/** One rendered drawing: its line art and its ground-truth colored frame, both 8-bit BGR, row-major. */
public record SyntheticFrame(int index, int width, int height, byte[] lineArtBgr, byte[] groundTruthBgr) {
}
