package io.anidoc.cli;

import java.util.Locale;

import picocli.CommandLine;

/** Motion as a name (still, slow, moderate, fast) or pixels per frame. */
final class MotionConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "still" -> 0.0;
            case "slow" -> 2.0;
            case "moderate" -> 5.0;
            case "fast" -> 12.0;
            default -> {
                try {
                    double v = Double.parseDouble(value);
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new CommandLine.TypeConversionException("motion must be >= 0, got " + value);
                    }
                    yield v;
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a motion: use still, slow, moderate, fast or pixels per frame");
                }
            }
        };
    }
}
