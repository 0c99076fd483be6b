package io.anidoc.ingest.api;

import io.anidoc.core.shot.ShotIds;
import io.anidoc.ingest.image.ImageValidator;
import io.anidoc.ingest.state.IngestLedger;
import io.anidoc.ingest.state.MissingFrames;
import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.ingest.state.ShotSummary;
import io.anidoc.ingest.status.ShotStatusView;
import io.anidoc.runtime.blob.BlobStore;
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

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The station-facing API under {@code /v1/shots}: declare a shot, upload its line art and colored
 * keyframes, seal it, read its progress. A write is answered 2xx only after the image is durable
 * in the blob store and Kafka acknowledged the event; repeating a request is always safe.
 */
public final class ShotRoutes {

    private final Dependencies deps;
    private final DeclarationParser declarations;
    private final Responses responses;
    private final KeyedSequencer sequencer = new KeyedSequencer();
    private final FrameUploads frames;

    /** What the routes work with. */
    public record Dependencies(IngestLedger ledger, ShotStatusView statusView, EventPublisher publisher,
                               BlobStore blobs, ImageValidator validator, WorkerExecutor workers,
                               String shotsTopic, String framesTopic, LongSupplier clock, MeterRegistry meters,
                               List<String> tokens, long maxUploadBytes, int maxFrames) {
    }

    public ShotRoutes(Dependencies deps) {
        this.deps = deps;
        this.declarations = new DeclarationParser(deps.maxFrames());
        this.responses = new Responses();
        this.frames = new FrameUploads(deps, responses, sequencer);
    }

    public void mount(Router router) {
        if (!deps.tokens().isEmpty()) {
            router.route("/v1/*").handler(new BearerAuth(deps.tokens()));
        }
        RequestBody uploads = new RequestBody(deps.maxUploadBytes(), "ANIDOC_INGEST_MAX_BYTES");
        RequestBody json = new RequestBody(DeclarationParser.MAX_BODY_BYTES, "the declaration limit");
        router.put("/v1/shots/:shotId/line/:index").handler(uploads).handler(ctx -> frames.handle(ctx, FrameKind.LINE));
        router.put("/v1/shots/:shotId/keys/:index").handler(uploads).handler(ctx -> frames.handle(ctx, FrameKind.KEY));
        router.put("/v1/shots/:shotId/refs/:name").handler(uploads).handler(ctx -> frames.handle(ctx, FrameKind.SHEET));
        router.post("/v1/shots/:shotId/seal").handler(this::seal);
        router.put("/v1/shots/:shotId").handler(json).handler(this::openShot);
        router.get("/v1/shots/:shotId").handler(this::status);
        router.route("/v1/*").failureHandler(responses::handleFailure);
    }

    // ---- PUT /v1/shots/{shotId} ------------------------------------------------------------

    private void openShot(RoutingContext ctx) {
        String shotId = PathParams.shotId(ctx);
        Buffer body = RequestBody.of(ctx);
        // linear, but up to a MiB of JSON and 100000 keyframes: parsed, turned into the event and the
        // answer on a worker, so the event loop only decides and sends
        deps.workers().executeBlocking(() -> prepare(shotId, declarations.parse(body)), false)
                .compose(prepared -> declare(shotId, prepared))
                .onComplete(responses.to(ctx));
    }

    /** A parsed declaration with its event and its answers, built off the event loop. */
    private record PreparedDeclaration(ShotDeclaration declaration, ShotEvent event, Reply repeated, Reply created) {
    }

    private PreparedDeclaration prepare(String shotId, ShotDeclaration declaration) {
        ShotOpened opened = ShotOpened.newBuilder()
                .setShotId(shotId)
                .setDeclaredFrameCount(declaration.frameCount())
                .setKeyframeIndices(declaration.keyframes())
                .setOptions(declaration.options())
                .setSheetNames(declaration.sheets())
                .setOpenedAtMs(deps.clock().getAsLong())
                .build();
        Buffer answer = declarationJson(shotId, declaration).toBuffer();
        return new PreparedDeclaration(declaration, ShotEvent.newBuilder().setShotId(shotId).setEvent(opened).build(),
                new Reply(200, answer), new Reply(201, answer));
    }

    private Future<Reply> declare(String shotId, PreparedDeclaration prepared) {
        ShotDeclaration declaration = prepared.declaration();
        return sequencer.run(shotId, () -> {
            Optional<ShotDeclaration> existing = deps.ledger().declaration(shotId);
            if (deps.ledger().sealed(shotId).orElse(false)) {
                throw ApiError.conflict("shot_sealed", "shot '" + shotId + "' " + ShotIds.USED_ONCE,
                        new JsonObject().put("declared", declarationJson(shotId, existing.orElseThrow())));
            }
            if (existing.isPresent()) {
                if (existing.get().equals(declaration)) {
                    return Future.succeededFuture(prepared.repeated());
                }
                throw ApiError.conflict("declaration_conflict", "shot '" + shotId + "' is already declared differently: "
                        + declaration.differenceFrom(existing.get()) + "; a declaration cannot change",
                        new JsonObject().put("declared", declarationJson(shotId, existing.get())));
            }
            return deps.publisher().publish(deps.shotsTopic(), shotId, prepared.event()).map(ack -> {
                // the topic follower may have recorded this very event already; first record wins either way
                deps.ledger().applyOpened(shotId, declaration);
                ShotDeclaration winner = deps.ledger().declaration(shotId).orElse(declaration);
                if (!winner.equals(declaration)) {
                    throw ApiError.conflict("declaration_conflict", "shot '" + shotId + "' was declared differently at the "
                            + "same time: " + declaration.differenceFrom(winner), new JsonObject()
                            .put("declared", declarationJson(shotId, winner)));
                }
                return prepared.created();
            });
        });
    }

    // ---- POST /v1/shots/{shotId}/seal -------------------------------------------------------

    private void seal(RoutingContext ctx) {
        String shotId = PathParams.shotId(ctx);
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
                                .put("missingKeys", new JsonArray(missing.keys()))
                                .put("missingSheets", new JsonArray(missing.sheets())));
            }
            ShotDeclaration declaration = shot.declaration();
            ShotDeclaration sealedAs = declaration.withOption(ShotDeclaration.KEYFRAME_LINES_OPTION,
                    shot.keyframeLines().stream().map(String::valueOf).collect(Collectors.joining(",")));
            ShotSealed sealed = ShotSealed.newBuilder()
                    .setShotId(shotId)
                    .setDeclaredFrameCount(sealedAs.frameCount())
                    .setKeyframeIndices(sealedAs.keyframes())
                    .setOptions(sealedAs.options())
                    .setSheetNames(sealedAs.sheets())
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
        String shotId = PathParams.shotId(ctx);
        // a shot of 100000 frames lists as many images: the view is built on a worker
        deps.workers().executeBlocking(() -> {
            Optional<ShotSummary> shot = deps.ledger().summary(shotId);
            var progress = deps.statusView().progress(shotId);
            if (shot.isEmpty() && progress.isEmpty()) {
                throw ApiError.notFound(shotId);
            }
            return new Reply(200, StatusJson.of(shotId, shot, progress));
        }, false).onComplete(responses.to(ctx));
    }

    // ---- helpers ---------------------------------------------------------------------------




    private static JsonObject declarationJson(String shotId, ShotDeclaration declaration) {
        return new JsonObject()
                .put("shotId", shotId)
                .put("frameCount", declaration.frameCount())
                .put("keyframes", new JsonArray(declaration.keyframes()))
                .put("sheets", new JsonArray(declaration.sheets()))
                .put("options", new JsonObject(new java.util.LinkedHashMap<>(declaration.options())));
    }


    private static JsonObject sealJson(ShotSummary shot) {
        return new JsonObject()
                .put("shotId", shot.shotId())
                .put("sealed", true)
                .put("frameCount", shot.declaration().frameCount())
                .put("keyframes", new JsonArray(shot.declaration().keyframes()))
                .put("keyframeLines", new JsonArray(shot.keyframeLines()));
    }

}
