package io.anidoc.ingest.api;

import io.anidoc.core.shot.ShotIds;
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

    static int index(RoutingContext ctx) {
        String text = ctx.pathParam("index");
        if (text == null || !text.matches("\\d{1,9}")) {
            throw ApiError.badRequest("invalid_index", "frame index '" + text + "' is not a whole number >= 0");
        }
        return Integer.parseInt(text);
    }
}
