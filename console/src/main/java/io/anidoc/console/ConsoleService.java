package io.anidoc.console;

import io.anidoc.runtime.service.HttpErrors;
import io.anidoc.runtime.service.ServiceContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Locale;

/**
 * Wires the console: the topic feed into the shot board, the event stream, the API and the
 * pages, all under {@code ANIDOC_CONSOLE_BASE_PATH}.
 */
final class ConsoleService {

    private ConsoleService() {
    }

    static Future<?> setUp(ServiceContext ctx) {
        ConsoleConfig config = ConsoleConfig.from(ctx.source());
        ShotBoard board = new ShotBoard();
        EventStream events = ctx.onClose(new EventStream(ctx.vertx(), board));
        TopicFeed feed = new TopicFeed(ctx.kafka(), ctx.serviceName(), board, events::publish);
        ctx.onClose(feed);
        ctx.liveness("topic-feed", feed::deadReason);
        ctx.readiness("topic-feed", () -> feed.caughtUp() ? Future.succeededFuture("caught up")
                : Future.failedFuture("reading the status, finished, frames and dead-letter topics"));
        KafkaProducer<byte[], byte[]> producer = ctx.onClose(ctx.kafka().producer(new ByteArraySerializer(), new ByteArraySerializer()));
        PipelineView pipeline = new PipelineView(ctx.kafka().admin(), ctx.topics().prefix(), ctx.config().service().readinessTimeout());

        Router api = Router.router(ctx.vertx());
        api.route().handler(new Access(config));
        ShotFiles files = new ShotFiles(config.outputRoot());
        new ShotRoutes(ctx, board, files).mount(api);
        new FixRoutes(ctx, board, files, config.ingestUrl()).mount(api);
        new ApprovalRoutes(ctx, board, files, producer).mount(api);
        new OperatorRoutes(ctx, board, pipeline, producer, ctx.topics().all()).mount(api);
        api.get("/events").handler(events::open);
        api.get("/me").handler(rc -> rc.json(new JsonObject().put("role", rc.get(Access.ROLE_KEY).toString().toLowerCase(Locale.ROOT))));
        api.route().handler(rc -> HttpErrors.send(rc.response(), 404, "not_found",
                "no console API at " + HttpErrors.echo(rc.request().path())));

        Router console = Router.router(ctx.vertx());
        console.route("/api/*").subRouter(api);
        console.route().handler(StaticHandler.create("anidoc-console").setCachingEnabled(false).setIndexPage("index.html"));

        Router root = ctx.router();
        String base = config.basePath();
        if (!base.equals("/")) {
            // the bare prefix without its slash would break the pages' relative links
            String bare = base.substring(0, base.length() - 1);
            root.getWithRegex(java.util.regex.Pattern.quote(bare)).handler(rc -> rc.redirect(base));
        }
        root.route(base + "*").subRouter(console);
        feed.start();
        return Future.succeededFuture();
    }
}
