package io.anidoc.colorizer;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.stage.ChosenEngine;
import io.anidoc.runtime.stage.EngineChoice;

import java.util.List;

/**
 * The colorizer's own settings: which engine runs, and how the Triton engine uses its model.
 *
 * @param engine      the CPU engine, or AniDoc on Triton with its model's name
 * @param snap        snap AniDoc's colors per region to the reference palette with the region
 *                    colorizer (its output is one more vote source), or keep them as painted
 * @param modelWeight weight of AniDoc's votes when snapping, relative to a fully confident vote of
 *                    the references through the correspondences
 */
public record ColorizerSettings(ChosenEngine engine, boolean snap, double modelWeight) {

    public static final Setting ENGINE = EngineChoice.setting("colorizer", "anidoc", "region colorizer", "AniDoc");
    public static final Setting ANIDOC_MODEL = EngineChoice.modelSetting("colorizer", "anidoc", "AniDoc");
    public static final Setting SNAP = Setting.of("ANIDOC_COLORIZER_SNAP", "true",
            "Snap AniDoc's colors per region to the reference palette with the region colorizer (false: keep them as painted).");
    public static final Setting MODEL_WEIGHT = Setting.of("ANIDOC_COLORIZER_ANIDOC_WEIGHT", "2",
            "Weight of AniDoc's votes when snapping, relative to a confident vote of the references through the correspondences.");

    public static final List<Setting> SETTINGS = List.of(ENGINE, ANIDOC_MODEL, SNAP, MODEL_WEIGHT);

    public ColorizerSettings {
        if (engine == null) {
            throw new IllegalArgumentException("the engine is required");
        }
        if (!(modelWeight >= 0) || Double.isInfinite(modelWeight)) {
            throw new IllegalArgumentException("modelWeight must be a finite value >= 0, got " + modelWeight);
        }
    }

    public static ColorizerSettings from(ConfigSource source) {
        return new ColorizerSettings(ChosenEngine.read(source, ENGINE, ANIDOC_MODEL), source.bool(SNAP), source.decimal(MODEL_WEIGHT, 0, Double.POSITIVE_INFINITY));
    }
}
