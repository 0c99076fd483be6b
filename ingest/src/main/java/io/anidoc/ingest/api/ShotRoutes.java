package io.anidoc.ingest.api;

import io.anidoc.ingest.ShotIds;
import io.anidoc.ingest.image.ImageFormat;
import io.anidoc.ingest.image.ImageHeader;
import io.anidoc.ingest.image.ImageRejectedException;
import io.anidoc.ingest.image.ImageValidator;
import io.anidoc.ingest.image.ValidatedImage;
import io.anidoc.ingest.state.FrameSlot;
import io.anidoc.ingest.state.IngestLedger;
import io.anidoc.ingest.state.MissingFrames;
import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.ingest.state.ShotSummary;
import io.anidoc.ingest.state.StoredFrame;
import io.anidoc.ingest.status.ShotStatusView;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The station-facing API under {@code /v1/shots}: declare a shot, upload its line art and colored
 * keyframes, seal it, read its progress. A write is answered 2xx only after the image is durable
 * in the blob store and Kafka acknowledged the event; repeating a request is always safe.
 */
public final class ShotRoutes {

    private static final long DECLARATION_BODY_LIMIT = 1024 * 1024;

    private final Dependencies deps;
    private final DeclarationParser declarations;
    private final Responses responses;
    private final KeyedSequencer sequencer = new KeyedSequencer();

    /** What the routes work with. */
    public record Dependencies(IngestLedger ledger, ShotStatusView statusView, EventPublisher publisher,
                               BlobStore blobs, ImageValidator validator, WorkerExecutor workers,
                               String shotsTopic, String framesTopic, LongSupplier clock, MeterRegistry meters,
                               List<String> tokens, long maxUploadBytes, int maxFrames) {
    }

    public ShotRoutes(Dependencies deps) {
        this.deps = deps;
        this.declarations = new DeclarationParser(deps.maxFrames());
        this.responses = new Responses(deps.maxUploadBytes());
    }

    public void mount(Router router) {
        if (!deps.tokens().isEmpty()) {
            router.route("/v1/*").handler(new BearerAuth(deps.tokens()));
        }
        BodyHandler uploads = BodyHandler.create(false).setBodyLimit(deps.maxUploadBytes());
        BodyHandler json = BodyHandler.create(false).setBodyLimit(DECLARATION_BODY_LIMIT);
        router.put("/v1/shots/:shotId/line/:index").handler(uploads).handler(ctx -> putFrame(ctx, FrameKind.LINE));
        router.put("/v1/shots/:shotId/keys/:index").handler(uploads).handler(ctx -> putFrame(ctx, FrameKind.KEY));
        router.post("/v1/shots/:shotId/seal").handler(this::seal);
        router.put("/v1/shots/:shotId").handler(json).handler(this::openShot);
        router.get("/v1/shots/:shotId").handler(this::status);
        router.route("/v1/*").failureHandler(responses::handleFailure);
    }

    // ---- PUT /v1/shots/{shotId} ------------------------------------------------------------

    private void openShot(RoutingContext ctx) {
        String shotId = shotId(ctx);
        ShotDeclaration declaration = declarations.parse(ctx.body().buffer());
        sequencer.run(shotId, () -> {
            Optional<ShotDeclaration> existing = deps.ledger().declaration(shotId);
            if (existing.isPresent()) {
                if (existing.get().equals(declaration)) {
                    return Future.succeededFuture(new Reply(200, declarationJson(shotId, declaration)));
                }
                throw ApiError.conflict("declaration_conflict", "shot '" + shotId + "' is already declared differently: "
                        + declaration.differenceFrom(existing.get()) + "; a declaration cannot change",
                        new JsonObject().put("declared", declarationJson(shotId, existing.get())));
            }
            ShotOpened opened = ShotOpened.newBuilder()
                    .setShotId(shotId)
                    .setDeclaredFrameCount(declaration.frameCount())
                    .setKeyframeIndices(declaration.keyframes())
                    .setOptions(declaration.options())
                    .setOpenedAtMs(deps.clock().getAsLong())
                    .build();
            ShotEvent event = ShotEvent.newBuilder().setShotId(shotId).setEvent(opened).build();
            return deps.publisher().publish(deps.shotsTopic(), shotId, event).map(ack -> {
                // the topic follower may have recorded this very event already; first record wins either way
                deps.ledger().applyOpened(shotId, declaration);
                ShotDeclaration winner = deps.ledger().declaration(shotId).orElse(declaration);
                if (!winner.equals(declaration)) {
                    throw ApiError.conflict("declaration_conflict", "shot '" + shotId + "' was declared differently at the "
                            + "same time: " + declaration.differenceFrom(winner), new JsonObject()
                            .put("declared", declarationJson(shotId, winner)));
                }
                return new Reply(201, declarationJson(shotId, declaration));
            });
        }).onComplete(responses.to(ctx));
    }

    // ---- PUT /v1/shots/{shotId}/line|keys/{index} -------------------------------------------

    private void putFrame(RoutingContext ctx, FrameKind kind) {
        String shotId = shotId(ctx);
        FrameSlot slot = new FrameSlot(kind, index(ctx));
        ShotDeclaration declaration = deps.ledger().declaration(shotId).orElseThrow(() -> ApiError.notFound(shotId));
        checkSlot(shotId, declaration, slot);
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            throw ApiError.badRequest("empty_body", "the request body is empty; send the image bytes (PNG, JPEG or TIFF)");
        }
        byte[] body = buffer.getBytes();
        String sentSha = sha256(body);
        // an exact repeat is answered from the ledger without decoding again
        Optional<StoredFrame> taken = deps.ledger().frame(shotId, slot);
        if (taken.isPresent() && taken.get().sha256().equals(sentSha)) {
            count(kind, "repeated");
            Responses.json(ctx, 200, frameJson(shotId, slot, taken.get(), false));
            return;
        }
        ImageHeader header;
        try {
            header = deps.validator().inspect(body);
        } catch (ImageRejectedException e) {
            throw rejected(shotId, slot, e);
        }
        if (taken.isPresent() && header.format() == ImageFormat.PNG) {
            // PNGs are stored as sent: a different hash is a different image, no need to decode it
            throw taken(shotId, slot, taken.get(), sentSha);
        }
        checkDimensions(shotId, slot, header.width(), header.height());
        deps.workers().executeBlocking(() -> deps.validator().validate(body), false)
                .recover(error -> Future.failedFuture(error instanceof ImageRejectedException rejected
                        ? rejected(shotId, slot, rejected) : error))
                .compose(image -> sequencer.run(shotId, () -> store(shotId, slot, image)))
                .onComplete(result -> {
                    count(kind, result.succeeded() ? String.valueOf(result.result().status())
                            : result.cause() instanceof ApiError api ? String.valueOf(api.status()) : "error");
                    responses.to(ctx).handle(result);
                });
    }

    /** The serialized part: re-check against the ledger, store the blob, publish, record. */
    private Future<Reply> store(String shotId, FrameSlot slot, ValidatedImage image) {
        String sha = sha256(image.pngBytes());
        Optional<StoredFrame> taken = deps.ledger().frame(shotId, slot);
        if (taken.isPresent()) {
            if (taken.get().sha256().equals(sha)) {
                return Future.succeededFuture(new Reply(200, frameJson(shotId, slot, taken.get(), false)));
            }
            throw taken(shotId, slot, taken.get(), sha);
        }
        ShotSummary summary = deps.ledger().summary(shotId).orElseThrow(() -> ApiError.notFound(shotId));
        if (summary.sealed()) {
            throw ApiError.conflict("shot_sealed", "shot '" + shotId + "' is sealed and " + slot.describe()
                    + " was not part of it; a sealed shot takes no new images", new JsonObject());
        }
        checkDimensions(shotId, slot, image.width(), image.height());
        return deps.workers().executeBlocking(() -> deps.blobs().put(image.pngBytes(), "image/png"), false)
                .compose(ref -> deps.publisher().publish(deps.framesTopic(), shotId, frameEvent(shotId, slot, image, ref))
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

    private FrameIngested frameEvent(String shotId, FrameSlot slot, ValidatedImage image, BlobRef ref) {
        return FrameIngested.newBuilder()
                .setShotId(shotId)
                .setIndex(slot.index())
                .setKind(slot.kind())
                .setImage(ref)
                .setWidth(image.width())
                .setHeight(image.height())
                .setIngestedAtMs(deps.clock().getAsLong())
                .build();
    }

    private static void checkSlot(String shotId, ShotDeclaration declaration, FrameSlot slot) {
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
        deps.ledger().summary(shotId).filter(ShotSummary::hasDimensions).ifPresent(shot -> {
            if (shot.width() != width || shot.height() != height) {
                throw ApiError.unprocessable("size_mismatch", slot.describe() + " is " + width + "x" + height
                        + " but the frames of shot '" + shotId + "' are " + shot.width() + "x" + shot.height());
            }
        });
    }

    private static ApiError rejected(String shotId, FrameSlot slot, ImageRejectedException e) {
        String where = slot.describe() + " of shot '" + shotId + "': ";
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_format", where + e.getMessage());
            case TOO_LARGE -> new ApiError(413, "image_too_large", where + e.getMessage());
            case CORRUPT -> new ApiError(422, "corrupt_image", where + e.getMessage());
        };
    }

    // ---- POST /v1/shots/{shotId}/seal -------------------------------------------------------

    private void seal(RoutingContext ctx) {
        String shotId = shotId(ctx);
        sequencer.run(shotId, () -> {
            ShotSummary shot = deps.ledger().summary(shotId).orElseThrow(() -> ApiError.notFound(shotId));
            if (shot.sealed()) {
                return Future.succeededFuture(new Reply(202, sealJson(shot)));
            }
            MissingFrames missing = shot.missing();
            if (!missing.isEmpty()) {
                throw ApiError.conflict("frames_missing", "shot '" + shotId + "' cannot be sealed: " + missing.count()
                                + " required images are missing: " + missing.describe(),
                        new JsonObject().put("missingLines", new JsonArray(missing.lines()))
                                .put("missingKeys", new JsonArray(missing.keys())));
            }
            ShotDeclaration declaration = shot.declaration();
            ShotDeclaration sealedAs = declaration.withOption(ShotDeclaration.KEYFRAME_LINES_OPTION,
                    shot.keyframeLines().stream().map(String::valueOf).collect(Collectors.joining(",")));
            ShotSealed sealed = ShotSealed.newBuilder()
                    .setShotId(shotId)
                    .setDeclaredFrameCount(sealedAs.frameCount())
                    .setKeyframeIndices(sealedAs.keyframes())
                    .setOptions(sealedAs.options())
                    .setSealedAtMs(deps.clock().getAsLong())
                    .build();
            ShotEvent event = ShotEvent.newBuilder().setShotId(shotId).setEvent(sealed).build();
            return deps.publisher().publish(deps.shotsTopic(), shotId, event).map(ack -> {
                deps.ledger().applySealed(shotId, declaration);
                return new Reply(202, sealJson(deps.ledger().summary(shotId).orElseThrow()));
            });
        }).onComplete(responses.to(ctx));
    }

    // ---- GET /v1/shots/{shotId} ------------------------------------------------------------

    private void status(RoutingContext ctx) {
        String shotId = shotId(ctx);
        Optional<ShotSummary> shot = deps.ledger().summary(shotId);
        var progress = deps.statusView().progress(shotId);
        if (shot.isEmpty() && progress.isEmpty()) {
            throw ApiError.notFound(shotId);
        }
        Responses.json(ctx, 200, StatusJson.of(shotId, shot, progress));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static String shotId(RoutingContext ctx) {
        String shotId = ctx.pathParam("shotId");
        if (!ShotIds.isValid(shotId)) {
            throw ApiError.badRequest("invalid_shot_id", ShotIds.problem(shotId));
        }
        return shotId;
    }

    private static int index(RoutingContext ctx) {
        String text = ctx.pathParam("index");
        if (text == null || !text.matches("\\d{1,9}")) {
            throw ApiError.badRequest("invalid_index", "frame index '" + text + "' is not a whole number >= 0");
        }
        return Integer.parseInt(text);
    }

    private void count(FrameKind kind, String outcome) {
        deps.meters().counter("anidoc.ingest.uploads", "kind", kind.name().toLowerCase(Locale.ROOT),
                "outcome", outcome).increment();
    }

    private static JsonObject declarationJson(String shotId, ShotDeclaration declaration) {
        return new JsonObject()
                .put("shotId", shotId)
                .put("frameCount", declaration.frameCount())
                .put("keyframes", new JsonArray(declaration.keyframes()))
                .put("options", new JsonObject(new java.util.LinkedHashMap<>(declaration.options())));
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

    private static JsonObject sealJson(ShotSummary shot) {
        return new JsonObject()
                .put("shotId", shot.shotId())
                .put("sealed", true)
                .put("frameCount", shot.declaration().frameCount())
                .put("keyframes", new JsonArray(shot.declaration().keyframes()))
                .put("keyframeLines", new JsonArray(shot.keyframeLines()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
