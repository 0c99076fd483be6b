package io.anidoc.console;

import io.anidoc.runtime.retake.RetakeOptions;
import io.anidoc.runtime.service.HttpErrors;
import io.anidoc.runtime.service.ServiceContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Saving a painter's fix: the clicked regions are repainted in the delivered drawing, the drawing
 * becomes an extra keyframe, and the shot is sent again through the ingest API as a retake that
 * the sink delivers as the next version ({@link RetakeOptions}).
 */
final class FixRoutes {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int MAX_FILLS = 1000;

    private final ServiceContext ctx;
    private final ShotBoard board;
    private final ShotFiles files;
    private final URI ingest;

    FixRoutes(ServiceContext ctx, ShotBoard board, ShotFiles files, URI ingest) {
        this.ctx = ctx;
        this.board = board;
        this.files = files;
        this.ingest = ingest;
    }

    void mount(Router api) {
        api.post("/shots/:shotId/fixes").handler(ctx.bodyHandler()).handler(this::fix);
    }

    /** A fix as the page sends it, checked. */
    record Fix(String shotId, int version, int drawing, List<int[]> fills) {
    }

    private void fix(RoutingContext rc) {
        Optional<Fix> fix = parse(rc);
        if (fix.isEmpty()) {
            return;
        }
        Optional<String> authorization = Optional.ofNullable(rc.request().getHeader("authorization"));
        ctx.workers().executeBlocking(() -> retake(fix.get(), authorization), false).onComplete(ar -> {
            if (ar.succeeded()) {
                rc.response().setStatusCode(202);
                rc.json(ar.result());
            } else if (ar.cause() instanceof IngestWriter.Refused refused) {
                int status = refused.status == 409 ? 409 : refused.status >= 500 ? 502 : refused.status;
                HttpErrors.send(rc.response(), status, refused.body.copy()
                        .put("reason", "ingest refused the retake: " + refused.getMessage()));
            } else if (ar.cause() instanceof FixException bad) {
                HttpErrors.send(rc.response(), bad.status, bad.code, bad.getMessage());
            } else {
                HttpErrors.send(rc.response(), 502, "retake_failed", "the retake could not be sent: " + ar.cause());
            }
        });
    }

    private Optional<Fix> parse(RoutingContext rc) {
        String shotId = rc.pathParam("shotId");
        JsonObject shot = board.shot(shotId).orElse(null);
        if (shot == null) {
            HttpErrors.send(rc.response(), 404, "unknown_shot", "no shot " + HttpErrors.echo(shotId) + " on the status or finished topics");
            return Optional.empty();
        }
        JsonObject body;
        try {
            body = rc.body().asJsonObject();
        } catch (RuntimeException e) {
            HttpErrors.send(rc.response(), 400, "invalid_json", "the body must be a JSON object: " + HttpErrors.echo(e.getMessage()));
            return Optional.empty();
        }
        if (body == null) {
            HttpErrors.send(rc.response(), 400, "invalid_fix", "send {\"version\": N, \"drawing\": I, \"fills\": [{\"x\", \"y\", \"color\"}]}");
            return Optional.empty();
        }
        JsonArray versions = shot.getJsonArray("versions");
        if (versions.isEmpty()) {
            HttpErrors.send(rc.response(), 409, "shot_not_finished", "shot " + shotId + " has no delivered version to fix yet (state "
                    + shot.getString("state") + ")");
            return Optional.empty();
        }
        try {
            int version = whole(body, "version");
            JsonObject delivered = versions.stream().map(JsonObject.class::cast)
                    .filter(v -> v.getInteger("version") == version).findFirst()
                    .orElseThrow(() -> new FixException(404, "unknown_version", "shot " + shotId + " has no delivered version " + version));
            int drawing = whole(body, "drawing");
            int frames = delivered.getInteger("frameCount");
            if (drawing < 0 || drawing >= frames) {
                throw new FixException(404, "unknown_drawing", "shot " + shotId + " has drawings 0.." + (frames - 1) + ", not " + drawing);
            }
            JsonArray fills = body.getValue("fills") instanceof JsonArray array ? array : null;
            if (fills == null || fills.isEmpty() || fills.size() > MAX_FILLS) {
                throw new FixException(400, "invalid_fix", "fills must list 1 to " + MAX_FILLS + " clicks {\"x\", \"y\", \"color\"}");
            }
            List<int[]> clicks = new ArrayList<>();
            for (Object entry : fills) {
                if (!(entry instanceof JsonObject click)) {
                    throw new FixException(400, "invalid_fix", "every fill is an object {\"x\", \"y\", \"color\"}");
                }
                int x = whole(click, "x");
                int y = whole(click, "y");
                Object color = click.getValue("color");
                if (!(color instanceof String hex) || !HEX.matcher(hex).matches()) {
                    throw new FixException(400, "invalid_color", "a color is hex #rrggbb, got '" + HttpErrors.echo(String.valueOf(color)) + "'");
                }
                clicks.add(new int[] {x, y, Integer.parseInt(hex.substring(1), 16)});
            }
            return Optional.of(new Fix(shotId, version, drawing, clicks));
        } catch (FixException e) {
            HttpErrors.send(rc.response(), e.status, e.code, e.getMessage());
            return Optional.empty();
        }
    }

    /** Repaints, then declares, uploads and seals the retake; answers what was sent. */
    private JsonObject retake(Fix fix, Optional<String> authorization) throws Exception {
        JsonObject manifest = files.manifest(fix.shotId(), fix.version()).orElseThrow(
                () -> new FixException(404, "unknown_version", "version " + fix.version() + " of " + fix.shotId() + " has no manifest"));
        int width = manifest.getInteger("width");
        int height = manifest.getInteger("height");
        for (int[] click : fix.fills()) {
            if (click[0] < 0 || click[1] < 0 || click[0] >= width || click[1] >= height) {
                throw new FixException(422, "region_outside_image", "the click " + click[0] + "," + click[1] + " is outside the "
                        + width + "x" + height + " drawing");
            }
        }
        TreeSet<Integer> keyframes = new TreeSet<>();
        manifest.getJsonArray("keyframes").forEach(k -> keyframes.add((Integer) k));
        if (keyframes.contains(fix.drawing())) {
            throw new FixException(422, "drawing_is_keyframe", "drawing " + fix.drawing() + " is a keyframe of version "
                    + fix.version() + ": fix a colorized drawing");
        }
        BufferedImage color = read(fix, "color");
        BufferedImage fill = read(fix, "fill");
        BufferedImage lines = read(fix, "lines");
        BufferedImage corrected = new BufferedImage(color.getWidth(), color.getHeight(), BufferedImage.TYPE_INT_RGB);
        corrected.getGraphics().drawImage(color, 0, 0, null);
        for (int[] click : fix.fills()) {
            RegionFill.fill(corrected, fill, lines, click[0], click[1], click[2]);
        }

        int next = board.latestVersion(fix.shotId()) + 1;
        RetakeOptions retake = new RetakeOptions(fix.shotId(), next);
        String from = fix.version() == 1 ? fix.shotId() : new RetakeOptions(fix.shotId(), fix.version()).pipelineShotId();
        String to = retake.pipelineShotId();
        int frameCount = manifest.getInteger("frameCount");
        keyframes.add(fix.drawing());

        JsonObject options = new JsonObject();
        JsonObject settings = manifest.getJsonObject("settings", new JsonObject());
        settings.forEach(e -> {
            // reserved and retake options are the pipeline's own; the retake sets its own
            if (!e.getKey().startsWith("anidoc.") && !e.getKey().startsWith("retake.")) {
                options.put(e.getKey(), e.getValue());
            }
        });
        retake.options().forEach(options::put);
        IngestWriter writer = new IngestWriter(ingest, authorization);
        writer.declare(to, new JsonObject().put("frameCount", frameCount)
                .put("keyframes", new JsonArray(new ArrayList<>(keyframes))).put("options", options));
        for (int i = 0; i < frameCount; i++) {
            Optional<String> line = board.lineArtOnly(from, i);
            if (line.isPresent()) {
                writer.image(to, "line", i, ctx.blobStore().get(line.get()));
            }
        }
        for (int key : keyframes) {
            byte[] image = key == fix.drawing() ? png(corrected)
                    : ctx.blobStore().get(board.keyBlob(from, key).orElseThrow(() -> new FixException(409, "keyframe_unknown",
                    "the image of keyframe " + key + " of " + from + " is not on the frames topic")));
            writer.image(to, "keys", key, image);
        }
        writer.seal(to);
        return new JsonObject().put("shotId", fix.shotId()).put("version", next).put("pipelineShotId", to)
                .put("keyframes", new JsonArray(new ArrayList<>(keyframes))).put("fixedDrawing", fix.drawing());
    }

    private BufferedImage read(Fix fix, String layer) throws IOException, FixException {
        Path file = files.layer(fix.shotId(), fix.version(), layer, fix.drawing()).orElseThrow(() -> new FixException(404,
                "unknown_drawing", "version " + fix.version() + " has no " + layer + " layer for drawing " + fix.drawing()));
        return ImageIO.read(file.toFile());
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int whole(JsonObject json, String name) throws FixException {
        Object value = json.getValue(name);
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw new FixException(400, "invalid_fix", name + " must be a whole number, got '" + HttpErrors.echo(String.valueOf(value)) + "'");
    }

    /** A fix the console refuses: its status, code and reason. */
    static final class FixException extends Exception {
        final int status;
        final String code;

        FixException(int status, String code, String reason) {
            super(reason);
            this.status = status;
            this.code = code;
        }
    }
}
