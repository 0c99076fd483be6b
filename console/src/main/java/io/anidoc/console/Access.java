package io.anidoc.console;

import io.anidoc.runtime.service.HttpErrors;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may do what on the console's API. A request names its token in
 * {@code Authorization: Bearer <token>}; reads may also carry it as the {@code access_token} query
 * parameter, because a browser's {@code EventSource} and {@code <img>} cannot send headers. A
 * mutating request needs the header and a paint/operate token, checked here on the server.
 */
final class Access implements Handler<RoutingContext> {

    enum Role { READ, PAINT }

    static final String ROLE_KEY = "anidoc.role";
    private static final String PREFIX = "Bearer ";

    private final ConsoleConfig config;
    private final List<byte[]> paint;
    private final List<byte[]> read;

    Access(ConsoleConfig config) {
        this.config = config;
        this.paint = bytes(config.paintTokens());
        this.read = bytes(config.readTokens());
    }

    @Override
    public void handle(RoutingContext ctx) {
        boolean mutating = ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD;
        if (config.open()) {
            ctx.put(ROLE_KEY, Role.PAINT);
            ctx.next();
            return;
        }
        String token = null;
        String header = ctx.request().getHeader("authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            token = header.substring(PREFIX.length()).trim();
        } else if (!mutating) {
            token = ctx.request().getParam("access_token");
        }
        if (token == null || token.isEmpty()) {
            refuse(ctx, 401, "unauthorized", mutating
                    ? "missing bearer token: send 'Authorization: Bearer <token>'"
                    : "missing bearer token: send 'Authorization: Bearer <token>' or ?access_token=<token>");
            return;
        }
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        Role role = matches(paint, presented) ? Role.PAINT : matches(read, presented) ? Role.READ : null;
        if (role == null) {
            refuse(ctx, 401, "unauthorized", "the bearer token is not valid");
            return;
        }
        if (mutating && role != Role.PAINT) {
            refuse(ctx, 403, "forbidden", "this token may only read: " + ctx.request().method() + " needs a paint/operate token");
            return;
        }
        ctx.put(ROLE_KEY, role);
        ctx.next();
    }

    private static boolean matches(List<byte[]> tokens, byte[] presented) {
        boolean known = false;
        for (byte[] token : tokens) {
            // constant time per token, and every token is compared, so timing tells nothing
            known |= MessageDigest.isEqual(token, presented);
        }
        return known;
    }

    private static void refuse(RoutingContext ctx, int status, String code, String reason) {
        if (status == 401) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"anidoc-console\"");
        }
        HttpErrors.send(ctx.response(), status, code, reason);
    }

    private static List<byte[]> bytes(List<String> tokens) {
        return tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
