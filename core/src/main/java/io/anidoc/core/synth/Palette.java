package io.anidoc.core.synth;

import java.util.List;

/** The fixed colors (packed 0xRRGGBB) a synthetic shot is painted with: exact values, no shading gradients. */
final class Palette {
    static final int TRACE_RED = 0xE0202A;
    static final int TRACE_BLUE = 0x2040E0;
    static final int TRACE_GREEN = 0x20A040;
    static final int INK = 0x000000;
    static final int PAPER = 0xFFFFFF;

    /** A character's model-sheet colors. */
    record Character(int skin, int skinShadow, int hair, int hairHighlight, int cloth, int clothShadow,
                     int emblem, int eyeWhite, int iris, int ball, int ballShadow) {
        List<Integer> all() {
            return List.of(skin, skinShadow, hair, hairHighlight, cloth, clothShadow, emblem, eyeWhite, iris, ball, ballShadow);
        }
    }

    /** Background areas: the upper area, a distant shape and the floor. */
    record Background(int sky, int hill, int floor) {
        List<Integer> all() {
            return List.of(sky, hill, floor);
        }
    }

    static final List<Character> CHARACTERS = List.of(
            new Character(0xFFE0C8, 0xE8B49A, 0x5B4A8C, 0x8C7BC0, 0xD94F5C, 0xA83A4A,
                    0xF2C94C, 0xF8F8F6, 0x3C6E9E, 0x4FA3D9, 0x2F77A8),
            new Character(0xF6D5B8, 0xD9A98C, 0xC0603A, 0xE89A6A, 0x3F8F6B, 0x2C6A4F,
                    0xF5F0DC, 0xFAFAF8, 0x6B3E26, 0xE0B030, 0xB08420),
            new Character(0xFCE3D0, 0xE4BBA3, 0x2E3440, 0x596377, 0x5D6FD3, 0x4252A6,
                    0xE86A92, 0xF7F7F7, 0x7A4FA0, 0xF08A3C, 0xC0652A));

    static final List<Background> BACKGROUNDS = List.of(
            new Background(0xBFE3F2, 0x9CCB8F, 0xD8C8A4),
            new Background(0xF1E6CF, 0xA9C4E0, 0xB98E6A),
            new Background(0xCDE7D8, 0xE8D7A8, 0x8FAF9A));

    private Palette() {
    }
}
