package io.anidoc.ingest.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Lets a request through only with {@code Authorization: Bearer <one of the configured tokens>}. */
final class BearerAuth implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> tokens;

    BearerAuth(List<String> tokens) {
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            refuse(ctx, "missing bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        byte[] presented = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] token : tokens) {
            // constant time per token, and every token is compared, so timing tells nothing
            known |= MessageDigest.isEqual(token, presented);
        }
        if (!known) {
            refuse(ctx, "the bearer token is not valid");
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, String reason) {
        ctx.response().putHeader("www-authenticate", "Bearer realm=\"anidoc-ingest\"");
        Responses.json(ctx, 401, new ApiError(401, "unauthorized", reason).body());
    }
}
