package io.anidoc.runtime.retake;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a retake travels through the pipeline: it is declared as a shot of its own,
 * {@code <shotId>.v<version>}, whose options name the shot and the version it delivers. The
 * console declares it through the ingest API; the sink delivers it as that version of that shot.
 *
 * @param shotId  the shot the retake delivers a new version of
 * @param version the version it delivers, at least 2
 */
public record RetakeOptions(String shotId, int version) {

    public static final String SHOT = "retake.shot";
    public static final String VERSION = "retake.version";
    private static final Pattern SUFFIX = Pattern.compile("\\.v[0-9]+$");

    public RetakeOptions {
        if (version < 2) {
            throw new IllegalArgumentException("a retake delivers version 2 or later, got " + version);
        }
    }

    /** The id the pipeline runs this retake under. */
    public String pipelineShotId() {
        return shotId + ".v" + version;
    }

    /** The options that mark a retake. */
    public Map<String, String> options() {
        return Map.of(SHOT, shotId, VERSION, Integer.toString(version));
    }

    /**
     * The retake a shot's options declare; empty for an ordinary shot. Only a shot that runs
     * under the retake's own id ({@link #pipelineShotId()}) counts, so no station can deliver
     * into another shot's folder by naming it.
     */
    public static Optional<RetakeOptions> of(String pipelineShotId, Map<String, String> options) {
        String shot = options.get(SHOT);
        String version = options.get(VERSION);
        if (shot == null || version == null || !version.matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        int number = Integer.parseInt(version);
        if (number < 2) {
            return Optional.empty();
        }
        RetakeOptions retake = new RetakeOptions(shot, number);
        return retake.pipelineShotId().equals(pipelineShotId) ? Optional.of(retake) : Optional.empty();
    }

    /** The shot a pipeline shot id delivers: the id itself, or the shot of a retake's id. */
    public static String baseShotId(String pipelineShotId) {
        return SUFFIX.matcher(pipelineShotId).replaceFirst("");
    }
}
