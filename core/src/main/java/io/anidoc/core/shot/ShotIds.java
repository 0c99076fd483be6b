package io.anidoc.core.shot;

import java.util.regex.Pattern;

/**
 * Shot ids are chosen by the stations and end up in topic keys, clip ids and output folder names,
 * so they are restricted to a portable file-name alphabet: ingest refuses others, the assembler
 * and the sink dead-letter them.
 */
public final class ShotIds {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

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
