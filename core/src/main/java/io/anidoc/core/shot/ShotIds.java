package io.anidoc.core.shot;

import java.util.regex.Pattern;

/**
 * Shot ids are chosen by the stations and end up in topic keys, clip ids and output folder names,
 * so they are restricted to a portable file-name alphabet: ingest refuses others, the assembler
 * and the sink dead-letter them.
 */
public final class ShotIds {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * Why a sealed shot takes nothing more, in the words ingest and the assembler both use: a shot
     * id names one shot, once, also after the topics' retention.
     */
    public static final String USED_ONCE = "is sealed: it is in the pipeline or was delivered, and a shot id is used "
            + "once; send the shot again under a new shot id";

    private ShotIds() {
    }

    public static boolean isValid(String shotId) {
        return shotId != null && PATTERN.matcher(shotId).matches() && !shotId.equals(".") && !shotId.equals("..");
    }

    /** Why the id is refused, for an error message; only call when {@link #isValid} is false. */
    public static String problem(String shotId) {
        if (shotId == null || shotId.isEmpty()) {
            return "the shot id is empty";
        }
        if (shotId.length() > 128) {
            return "the shot id has " + shotId.length() + " characters; at most 128 are allowed";
        }
        if (shotId.equals(".") || shotId.equals("..")) {
            return "'" + shotId + "' is not a usable shot id";
        }
        return "shot id '" + shotId + "' may only contain letters, digits, '.', '_' and '-'";
    }
}
