package io.anidoc.ingest.api;

import io.anidoc.core.pipeline.Sha256;
import io.anidoc.core.shot.ShotIds;
import io.anidoc.ingest.image.ImageFormat;
import io.anidoc.ingest.image.ImageHeader;
import io.anidoc.ingest.image.ImageRejectedException;
import io.anidoc.ingest.image.ValidatedImage;
import io.anidoc.ingest.state.FrameSlot;
import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.ingest.state.StoredFrame;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code PUT /v1/shots/{shotId}/line|keys/{index}} and {@code PUT /v1/shots/{shotId}/refs/{name}}
 * (a model sheet, any size): validates an image (cheap header checks on the
 * event loop, the full decode on a worker), then, one request per shot at a time, stores the
 * blob, publishes {@code FrameIngested} and records the image in the ledger.
 */
final class FrameUploads {

    private final ShotRoutes.Dependencies deps;
    private final Responses responses;
    private final KeyedSequencer sequencer;

    FrameUploads(ShotRoutes.Dependencies deps, Responses responses, KeyedSequencer sequencer) {
        this.deps = deps;
        this.responses = responses;
        this.sequencer = sequencer;
    }

    void handle(RoutingContext ctx, FrameKind kind) {
        String shotId = PathParams.shotId(ctx);
        String sheetName = kind == FrameKind.SHEET ? PathParams.sheetName(ctx) : null;
        ShotDeclaration declaration = deps.ledger().declaration(shotId).orElseThrow(() -> ApiError.notFound(shotId));
        FrameSlot slot = kind == FrameKind.SHEET ? sheetSlot(shotId, declaration, sheetName)
                : new FrameSlot(kind, PathParams.index(ctx));
        checkSlot(shotId, declaration, slot);
        Buffer buffer = RequestBody.of(ctx);
        if (buffer.length() == 0) {
            throw ApiError.badRequest("empty_body", "the request body is empty; send the image bytes (PNG, JPEG or TIFF)");
        }
        String contentType = ctx.request().getHeader("content-type");
        // copying and hashing up to ANIDOC_INGEST_MAX_BYTES is work for a worker, not the event loop
        deps.workers().executeBlocking(() -> {
                    byte[] body = buffer.getBytes();
                    return new Upload(body, Sha256.hex(body));
                }, false)
                .compose(upload -> check(shotId, slot, sheetName, upload, contentType))
                .onComplete(result -> {
                    count(kind, result.succeeded() ? String.valueOf(result.result().status())
                            : result.cause() instanceof ApiError api ? String.valueOf(api.status()) : "error");
                    responses.to(ctx).handle(result);
                });
    }

    private record Upload(byte[] body, String sha256) {
    }

    private Future<Reply> check(String shotId, FrameSlot slot, String sheetName, Upload upload, String contentType) {
        // an exact repeat is answered from the ledger without decoding again
        Optional<StoredFrame> taken = deps.ledger().frame(shotId, slot);
        if (taken.isPresent() && taken.get().sha256().equals(upload.sha256())) {
            return Future.succeededFuture(new Reply(200, frameJson(shotId, slot, taken.get(), false)));
        }
        ImageHeader header;
        try {
            header = deps.validator().inspect(upload.body());
        } catch (ImageRejectedException e) {
            throw rejected(shotId, slot, e, contentType);
        }
        if (taken.isPresent() && header.format() == ImageFormat.PNG) {
            // PNGs are stored as sent: a different hash is a different image, no need to decode it
            throw taken(shotId, slot, taken.get(), upload.sha256());
        }
        checkDimensions(shotId, slot, header.width(), header.height());
        return deps.workers().executeBlocking(() -> deps.validator().validate(upload.body()), false)
                .recover(error -> Future.failedFuture(error instanceof ImageRejectedException rejected
                        ? rejected(shotId, slot, rejected, contentType) : error))
                .compose(image -> sequencer.run(shotId, () -> store(shotId, slot, sheetName, image)));
    }

    /** The serialized part: re-check against the ledger, store the blob, publish, record. */
    private Future<Reply> store(String shotId, FrameSlot slot, String sheetName, ValidatedImage image) {
        String sha = Sha256.hex(image.pngBytes());
        Optional<StoredFrame> taken = deps.ledger().frame(shotId, slot);
        if (taken.isPresent()) {
            if (taken.get().sha256().equals(sha)) {
                return Future.succeededFuture(new Reply(200, frameJson(shotId, slot, taken.get(), false)));
            }
            throw taken(shotId, slot, taken.get(), sha);
        }
        // per upload only constant-time ledger reads: a shot of 100000 frames must not cost O(frames) each
        if (deps.ledger().sealed(shotId).orElseThrow(() -> ApiError.notFound(shotId))) {
            throw ApiError.conflict("shot_sealed", "shot '" + shotId + "' " + ShotIds.USED_ONCE + " (" + slot.describe()
                    + " was not part of it)", new JsonObject());
        }
        checkDimensions(shotId, slot, image.width(), image.height());
        return deps.workers().executeBlocking(() -> deps.blobs().put(image.pngBytes(), "image/png"), false)
                .compose(ref -> deps.publisher().publish(deps.framesTopic(), shotId, frameEvent(shotId, slot, sheetName, image, ref))
                        .map(ack -> {
                            StoredFrame stored = new StoredFrame(ref.getSha256(), ref.getSize(), image.width(), image.height());
                            // the topic follower may have recorded this very event already; first record wins either way
                            deps.ledger().applyFrame(shotId, slot, stored);
                            StoredFrame winner = deps.ledger().frame(shotId, slot).orElse(stored);
                            if (!winner.sha256().equals(stored.sha256())) {
                                throw taken(shotId, slot, winner, stored.sha256());
                            }
                            return new Reply(201, frameJson(shotId, slot, stored, true)
                                    .put("uri", ref.getUri()).put("format", image.format().name().toLowerCase(Locale.ROOT)));
                        }));
    }

    private static ApiError taken(String shotId, FrameSlot slot, StoredFrame stored, String sentSha) {
        return ApiError.conflict("frame_taken", slot.describe() + " of shot '" + shotId
                        + "' already holds a different image (sha256 " + stored.sha256() + "); the image sent has sha256 "
                        + sentSha + "; an accepted frame cannot be replaced",
                new JsonObject().put("storedSha256", stored.sha256()).put("sentSha256", sentSha));
    }

    private FrameIngested frameEvent(String shotId, FrameSlot slot, String sheetName, ValidatedImage image, BlobRef ref) {
        return FrameIngested.newBuilder()
                .setShotId(shotId)
                .setIndex(slot.index())
                .setKind(slot.kind())
                .setImage(ref)
                .setWidth(image.width())
                .setHeight(image.height())
                .setIngestedAtMs(deps.clock().getAsLong())
                .setSheetName(sheetName)
                .build();
    }

    private static FrameSlot sheetSlot(String shotId, ShotDeclaration declaration, String name) {
        int index = declaration.sheetIndex(name);
        if (index < 0) {
            throw ApiError.unprocessable("not_a_declared_sheet", "model sheet '" + name + "' is not declared for shot '"
                    + shotId + "'; the declared sheets are " + declaration.sheets());
        }
        return FrameSlot.sheet(index);
    }

    private static void checkSlot(String shotId, ShotDeclaration declaration, FrameSlot slot) {
        if (slot.kind() == FrameKind.SHEET) {
            return; // named, checked against the declaration when its slot was found
        }
        int last = declaration.frameCount() - 1;
        if (slot.index() > last) {
            throw ApiError.unprocessable("index_out_of_range", "frame index " + slot.index() + " is outside shot '" + shotId
                    + "', which declares frames 0.." + last);
        }
        if (slot.kind() == FrameKind.KEY && !declaration.isKeyframe(slot.index())) {
            throw ApiError.unprocessable("not_a_keyframe", "frame " + slot.index() + " of shot '" + shotId
                    + "' is not a declared keyframe; the keyframes are " + declaration.keyframes());
        }
    }

    private void checkDimensions(String shotId, FrameSlot slot, int width, int height) {
        if (slot.kind() == FrameKind.SHEET) {
            return; // a model sheet has any size
        }
        deps.ledger().frameSize(shotId).ifPresent(size -> {
            if (size.width() != width || size.height() != height) {
                throw ApiError.unprocessable("size_mismatch", slot.describe() + " is " + width + "x" + height
                        + " but the frames of shot '" + shotId + "' are " + size.width() + "x" + size.height());
            }
        });
    }

    private static ApiError rejected(String shotId, FrameSlot slot, ImageRejectedException e, String contentType) {
        String where = slot.describe() + " of shot '" + shotId + "': ";
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_format", where + e.getMessage() + formHint(contentType));
            case TOO_LARGE -> new ApiError(413, "image_too_large", where + e.getMessage());
            case TOO_SMALL -> new ApiError(422, "image_too_small", where + e.getMessage());
            case EXTREME_ASPECT -> new ApiError(422, "extreme_aspect_ratio", where + e.getMessage());
            case CORRUPT -> new ApiError(422, "corrupt_image", where + e.getMessage());
        };
    }

    /** The body is never decoded as a form: say so when a form wrapper is the likely mistake. */
    private static String formHint(String contentType) {
        if (contentType == null) {
            return "";
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")
                ? "; the body is read as the image file itself whatever the Content-Type, so send the file's bytes, "
                        + "not a form" : "";
    }

    private void count(FrameKind kind, String outcome) {
        deps.meters().counter("anidoc.ingest.uploads", "kind", kind.name().toLowerCase(Locale.ROOT),
                "outcome", outcome).increment();
    }

    private static JsonObject frameJson(String shotId, FrameSlot slot, StoredFrame frame, boolean created) {
        return new JsonObject()
                .put("shotId", shotId)
                .put("kind", slot.kind().name().toLowerCase(Locale.ROOT))
                .put("index", slot.index())
                .put("sha256", frame.sha256())
                .put("size", frame.size())
                .put("width", frame.width())
                .put("height", frame.height())
                .put("created", created);
    }
}
