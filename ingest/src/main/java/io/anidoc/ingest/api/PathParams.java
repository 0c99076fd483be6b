package io.anidoc.ingest.api;

import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.shot.ShotIds;
import io.anidoc.runtime.service.HttpErrors;
import io.vertx.ext.web.RoutingContext;

/** The path parameters of the API, validated. */
final class PathParams {

    private PathParams() {
    }

    static String shotId(RoutingContext ctx) {
        String shotId = ctx.pathParam("shotId");
        if (!ShotIds.isValid(shotId)) {
            throw ApiError.badRequest("invalid_shot_id", ShotIds.problem(shotId));
        }
        return shotId;
    }

    /** A model sheet's name, {@code refs/NAME}: the name without the {@code .png} a station may append. */
    static String sheetName(RoutingContext ctx) {
        String text = ctx.pathParam("name");
        String name = text != null && text.endsWith(".png") ? text.substring(0, text.length() - 4) : text;
        if (name == null || !ShotFolder.SHEET_NAME.matcher(name).matches()) {
            throw ApiError.badRequest("invalid_sheet_name", "model sheet name '" + HttpErrors.echo(String.valueOf(text))
                    + "' is not valid: letters, digits, '.', '-' and '_', up to 64, not starting with '.'");
        }
        return name;
    }

    static int index(RoutingContext ctx) {
        String text = ctx.pathParam("index");
        if (text == null || !text.matches("\\d{1,9}")) {
            throw ApiError.badRequest("invalid_index", "frame index '" + text + "' is not a whole number >= 0");
        }
        return Integer.parseInt(text);
    }
}
