package io.anidoc.sink;

import java.util.regex.Pattern;

/** The shot ids ingest accepts; anything else must not become a folder name under the output root. */
final class SafeShotIds {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private SafeShotIds() {
    }

    static void check(String shotId) {
        if (shotId == null || !PATTERN.matcher(shotId).matches() || shotId.equals(".") || shotId.equals("..")) {
            throw new IllegalArgumentException("shot id '" + shotId + "' is not usable as a folder name: "
                    + "letters, digits, '.', '_' and '-' only, at most 128 characters");
        }
    }
}
