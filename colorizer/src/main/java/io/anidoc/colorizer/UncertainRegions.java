package io.anidoc.colorizer;

import java.util.List;

import io.anidoc.core.colorize.UncertainRegion;

/** The engine's uncertain regions as event records (colors as {@code #rrggbb}). */
final class UncertainRegions {
    private UncertainRegions() {
    }

    static List<io.anidoc.schemas.UncertainRegion> toEvents(List<UncertainRegion> regions) {
        return regions.stream().map(r -> io.anidoc.schemas.UncertainRegion.newBuilder()
                .setX(r.x())
                .setY(r.y())
                .setWidth(r.width())
                .setHeight(r.height())
                .setArea(r.area())
                .setConfidence(r.confidence())
                .setColor(UncertainRegion.hex(r.color()))
                .setCandidates(r.candidates().stream().map(UncertainRegion::hex).toList())
                .build()).toList();
    }
}
