package io.anidoc.runtime.service;

import io.anidoc.runtime.config.ConfigSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service process for {@link ShutdownSignalIT}: writes {@code started} when it is up; its
 * verticle's stop takes a moment (work in flight) and then writes {@code stopped}.
 */
public final class SignalledServiceMain {

    public static void main(String[] args) throws Exception {
        Path markers = Path.of(args[0]);
        RunningService service = ServiceLauncher.create("signalled", ConfigSource.of(
                        "ANIDOC_HTTP_HOST", "127.0.0.1",
                        "ANIDOC_HTTP_PORT", "0",
                        "ANIDOC_SHUTDOWN_TIMEOUT", "10s").withFallback(ConfigSource.env()))
                .withoutKafka()
                .setup(ctx -> ctx.deploy(new VerticleBase() {
                    @Override
                    public Future<?> stop() {
                        Promise<Void> done = Promise.promise();
                        vertx.setTimer(500, id -> {
                            try {
                                Files.writeString(markers.resolve("stopped"), "in-flight work finished");
                                done.complete();
                            } catch (Exception e) {
                                done.fail(e);
                            }
                        });
                        return done.future();
                    }
                }))
                .run();
        Files.writeString(markers.resolve("started"), Integer.toString(service.httpPort()));
    }
}
