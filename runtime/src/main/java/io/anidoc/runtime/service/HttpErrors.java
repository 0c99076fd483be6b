package io.anidoc.runtime.service;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one shape of every refusal a service answers: {@code {"error": code, "reason": text}} as
 * JSON, for the service's own routes, the router's 404/405 (with {@code Allow}) and failures, and
 * the HTTP codec's refusals (see {@link HttpEdge}). A reason never echoes a request body.
 */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    private static final int MAX_ECHO = 200;
    private static final Pattern PATH_PARAM = Pattern.compile(":[A-Za-z][A-Za-z0-9_]*");

    private HttpErrors() {
    }

    public static JsonObject body(String code, String reason) {
        return new JsonObject().put("error", code).put("reason", reason);
    }

    /** Writes the error body with the status, unless an answer was already sent; completes once written. */
    public static Future<Void> send(HttpServerResponse response, int status, JsonObject body) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body.encode());
    }

    public static Future<Void> send(HttpServerResponse response, int status, String code, String reason) {
        return send(response, status, body(code, reason));
    }

    /** At most {@value #MAX_ECHO} characters of a client-supplied text, for a reason. */
    public static String echo(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "...";
    }

    /** Answers every router-level error (no route, wrong method, unhandled failure) in the one shape. */
    static void install(Router router) {
        for (int status = 400; status < 600; status++) {
            int code = status;
            router.errorHandler(status, ctx -> routerError(router, ctx, code));
        }
        // the body handler fails a request whose body stopped arriving (connection lost) with 200
        router.errorHandler(200, ctx -> routerError(router, ctx, 400));
    }

    /** The code of a status without a more precise one, e.g. 413 {@code payload_too_large}. */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 500 -> "internal_error";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        };
    }

    private static void routerError(Router router, RoutingContext ctx, int status) {
        String where = ctx.request().method().name() + " " + echo(ctx.request().path());
        switch (status) {
            case 404 -> send(ctx.response(), 404, "not_found", "nothing is served at " + where);
            case 405 -> {
                Set<String> allowed = allowedMethods(router, ctx.normalizedPath());
                ctx.response().putHeader("allow", String.join(", ", allowed));
                send(ctx.response(), 405, "method_not_allowed", "method " + ctx.request().method().name()
                        + " is not allowed on " + echo(ctx.request().path()) + "; allowed: " + String.join(", ", allowed));
            }
            case 400 -> send(ctx.response(), 400, "bad_request", "the request could not be read"
                    + (ctx.failure() != null ? ": " + echo(ctx.failure().getMessage()) : ""));
            case 500 -> {
                LOG.error("{} failed", where, ctx.failure());
                send(ctx.response(), 500, "internal_error", "an unexpected error occurred while answering " + where
                        + "; it was logged");
            }
            default -> send(ctx.response(), status, codeOf(status), "the request to " + where + " was refused (HTTP "
                    + status + ")" + (ctx.failure() != null ? ": " + echo(ctx.failure().getMessage()) : ""));
        }
    }

    /** The methods of the routes whose path matches, for the {@code Allow} header of a 405. */
    static Set<String> allowedMethods(Router router, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            Set<HttpMethod> methods = route.methods();
            if (methods == null || methods.isEmpty() || route.getPath() == null || route.isRegexPath() && !hasParams(route)) {
                continue;
            }
            if (matches(route.getPath(), route.isExactPath(), path)) {
                methods.forEach(m -> allowed.add(m.name()));
            }
        }
        return allowed;
    }

    private static boolean hasParams(Route route) {
        return PATH_PARAM.matcher(route.getPath()).find();
    }

    static boolean matches(String routePath, boolean exact, String path) {
        if (path == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        var params = PATH_PARAM.matcher(routePath);
        int last = 0;
        while (params.find()) {
            regex.append(Pattern.quote(routePath.substring(last, params.start()))).append("[^/]+");
            last = params.end();
        }
        regex.append(Pattern.quote(routePath.substring(last)));
        String trimmed = path.length() > 1 && path.endsWith("/") && !routePath.endsWith("/")
                ? path.substring(0, path.length() - 1) : path;
        return exact ? trimmed.matches(regex.toString()) : trimmed.matches(regex + ".*");
    }
}
