package io.anidoc.core.synth;

import java.nio.file.Path;
import java.util.List;

/** A generated shot folder and the palette (0xRRGGBB) its fills use. */
public record SyntheticShot(Path dir, SynthOptions options, List<Integer> palette) {
}
