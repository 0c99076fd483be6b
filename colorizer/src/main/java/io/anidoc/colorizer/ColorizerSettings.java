package io.anidoc.colorizer;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.util.List;

/**
 * The colorizer's own settings: which engine runs, and how the Triton engine uses its model.
 *
 * @param engine      {@code cpu} (in-process region colorizer) or {@code anidoc} (AniDoc on Triton)
 * @param anidocModel name of the AniDoc model on the inference server
 * @param snap        snap AniDoc's colors per region to the reference palette with the region
 *                    colorizer (its output is one more vote source), or keep them as painted
 * @param modelWeight weight of AniDoc's votes when snapping, relative to a fully confident vote of
 *                    the references through the correspondences
 */
public record ColorizerSettings(Engine engine, String anidocModel, boolean snap, double modelWeight) {

    public enum Engine { CPU, ANIDOC }

    public static final Setting ENGINE = Setting.of("ANIDOC_COLORIZER_ENGINE", "cpu",
            "Colorizer engine: cpu (region colorizer, in-process) or anidoc (AniDoc on Triton).");
    public static final Setting ANIDOC_MODEL = Setting.of("ANIDOC_COLORIZER_ANIDOC_MODEL", "anidoc",
            "Name of the AniDoc model on the inference server.");
    public static final Setting SNAP = Setting.of("ANIDOC_COLORIZER_SNAP", "true",
            "Snap AniDoc's colors per region to the reference palette with the region colorizer (false: keep them as painted).");
    public static final Setting MODEL_WEIGHT = Setting.of("ANIDOC_COLORIZER_ANIDOC_WEIGHT", "2",
            "Weight of AniDoc's votes when snapping, relative to a confident vote of the references through the correspondences.");

    public static final List<Setting> SETTINGS = List.of(ENGINE, ANIDOC_MODEL, SNAP, MODEL_WEIGHT);

    public ColorizerSettings {
        if (engine == null || anidocModel == null || anidocModel.isBlank()) {
            throw new IllegalArgumentException("engine and model name are required");
        }
        if (!(modelWeight >= 0) || Double.isInfinite(modelWeight)) {
            throw new IllegalArgumentException("modelWeight must be a finite value >= 0, got " + modelWeight);
        }
    }

    public static ColorizerSettings from(ConfigSource source) {
        String model = source.string(ANIDOC_MODEL).trim();
        if (model.isEmpty()) {
            throw new ConfigException(ANIDOC_MODEL.name() + " must not be blank");
        }
        String weightText = source.string(MODEL_WEIGHT);
        double weight;
        try {
            weight = Double.parseDouble(weightText);
        } catch (NumberFormatException e) {
            throw new ConfigException(MODEL_WEIGHT.name() + "=" + weightText + ": not a number");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new ConfigException(MODEL_WEIGHT.name() + "=" + weightText + ": must be a finite number >= 0");
        }
        return new ColorizerSettings(source.enumValue(ENGINE, Engine.class), model, source.bool(SNAP), weight);
    }
}
