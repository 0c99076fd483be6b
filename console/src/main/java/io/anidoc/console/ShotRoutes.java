package io.anidoc.console;

import io.anidoc.runtime.blob.BlobNotFoundException;
import io.anidoc.runtime.service.HttpErrors;
import io.anidoc.runtime.service.ServiceContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.Optional;

/** Read-only routes of the review pages: shots, their delivered versions and their images. */
final class ShotRoutes {

    private final ServiceContext ctx;
    private final ShotBoard board;
    private final ShotFiles files;

    ShotRoutes(ServiceContext ctx, ShotBoard board, ShotFiles files) {
        this.ctx = ctx;
        this.board = board;
        this.files = files;
    }

    void mount(Router api) {
        api.get("/shots").handler(rc -> rc.json(new JsonObject().put("shots", board.shots())));
        api.get("/shots/:shotId").handler(this::shot);
        api.get("/shots/:shotId/versions/:version/manifest").handler(this::manifest);
        api.get("/shots/:shotId/versions/:version/:layer/:index").handler(this::layer);
        api.get("/shots/:shotId/lineart/:index").handler(rc -> blob(rc, true));
        api.get("/shots/:shotId/keys/:index").handler(rc -> blob(rc, false));
    }

    private void shot(RoutingContext rc) {
        knownShot(rc).ifPresent(shot -> rc.json(shot));
    }

    private void manifest(RoutingContext rc) {
        Optional<JsonObject> shot = knownShot(rc);
        Optional<Integer> version = shot.flatMap(s -> number(rc, "version", 1, Integer.MAX_VALUE));
        if (version.isEmpty()) {
            return;
        }
        String shotId = rc.pathParam("shotId");
        ctx.workers().executeBlocking(() -> files.manifest(shotId, version.get()), false).onComplete(ar -> {
            if (ar.failed()) {
                HttpErrors.send(rc.response(), 500, "unreadable_manifest", "cannot read the manifest of " + shotId + ": " + ar.cause().getMessage());
            } else if (ar.result().isEmpty()) {
                HttpErrors.send(rc.response(), 404, "unknown_version", "shot " + shotId + " has no delivered version " + version.get());
            } else {
                rc.json(ar.result().get());
            }
        });
    }

    private void layer(RoutingContext rc) {
        Optional<JsonObject> shot = knownShot(rc);
        if (shot.isEmpty()) {
            return;
        }
        String layer = rc.pathParam("layer");
        if (!ShotFiles.LAYERS.contains(layer)) {
            HttpErrors.send(rc.response(), 400, "invalid_layer", "layer must be one of " + ShotFiles.LAYERS + ", got '" + HttpErrors.echo(layer) + "'");
            return;
        }
        Optional<Integer> version = number(rc, "version", 1, Integer.MAX_VALUE);
        Optional<Integer> index = version.flatMap(v -> drawingIndex(rc, shot.get()));
        if (index.isEmpty()) {
            return;
        }
        String shotId = rc.pathParam("shotId");
        ctx.workers().executeBlocking(() -> files.layer(shotId, version.get(), layer, index.get()), false).onComplete(ar -> {
            if (ar.failed()) {
                HttpErrors.send(rc.response(), 500, "unreadable_file", "cannot read " + layer + " of drawing " + index.get() + ": " + ar.cause().getMessage());
            } else if (ar.result().isEmpty()) {
                HttpErrors.send(rc.response(), 404, "unknown_drawing",
                        "shot " + shotId + " version " + version.get() + " has no " + layer + " layer for drawing " + index.get());
            } else {
                Path file = ar.result().get();
                rc.response().putHeader("content-type", "image/png").putHeader("cache-control", "private, max-age=3600")
                        .sendFile(file.toString());
            }
        });
    }

    private void blob(RoutingContext rc, boolean lineArt) {
        Optional<JsonObject> shot = knownShot(rc);
        Optional<Integer> index = shot.flatMap(s -> drawingIndex(rc, s));
        if (index.isEmpty()) {
            return;
        }
        String shotId = rc.pathParam("shotId");
        Optional<String> uri = lineArt ? board.lineArtBlob(shotId, index.get()) : board.keyBlob(shotId, index.get());
        if (uri.isEmpty()) {
            HttpErrors.send(rc.response(), 404, "unknown_drawing",
                    "shot " + shotId + " has no " + (lineArt ? "line art" : "keyframe") + " for drawing " + index.get());
            return;
        }
        ctx.workers().executeBlocking(() -> ctx.blobStore().get(uri.get()), false).onComplete(ar -> {
            if (ar.failed()) {
                int status = ar.cause() instanceof BlobNotFoundException ? 410 : 500;
                HttpErrors.send(rc.response(), status, status == 410 ? "blob_gone" : "unreadable_blob",
                        "the image of drawing " + index.get() + " is not available: " + ar.cause().getMessage());
            } else {
                rc.response().putHeader("content-type", "image/png").putHeader("cache-control", "private, max-age=3600")
                        .end(io.vertx.core.buffer.Buffer.buffer(ar.result()));
            }
        });
    }

    /** The shot named by the path, or a 400/404 already sent. */
    private Optional<JsonObject> knownShot(RoutingContext rc) {
        String shotId = rc.pathParam("shotId");
        if (!ShotFiles.validShotId(shotId)) {
            HttpErrors.send(rc.response(), 400, "invalid_shot_id", "a shot id has 1 to 128 letters, digits, '.', '_' or '-', got '" + HttpErrors.echo(shotId) + "'");
            return Optional.empty();
        }
        Optional<JsonObject> shot = board.shot(shotId);
        if (shot.isEmpty()) {
            HttpErrors.send(rc.response(), 404, "unknown_shot", "no shot " + shotId + " on the status or finished topics");
        }
        return shot;
    }

    private static Optional<Integer> drawingIndex(RoutingContext rc, JsonObject shot) {
        int frames = shot.getJsonArray("versions").stream().mapToInt(v -> ((JsonObject) v).getInteger("frameCount")).max()
                .orElse(Integer.MAX_VALUE);
        Optional<Integer> index = number(rc, "index", 0, Integer.MAX_VALUE);
        if (index.isPresent() && index.get() >= frames) {
            HttpErrors.send(rc.response(), 404, "unknown_drawing",
                    "shot " + shot.getString("shotId") + " has drawings 0.." + (frames - 1) + ", not " + index.get());
            return Optional.empty();
        }
        return index;
    }

    /** A whole number path parameter within bounds, or a 400 already sent. */
    static Optional<Integer> number(RoutingContext rc, String name, int min, int max) {
        String raw = rc.pathParam(name);
        try {
            int value = Integer.parseInt(raw.endsWith(".png") ? raw.substring(0, raw.length() - 4) : raw);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        HttpErrors.send(rc.response(), 400, "invalid_" + name, name + " must be a whole number from " + min + ", got '" + HttpErrors.echo(raw) + "'");
        return Optional.empty();
    }
}
