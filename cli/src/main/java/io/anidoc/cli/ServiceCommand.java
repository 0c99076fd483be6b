package io.anidoc.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.anidoc.cli.local.PipelineService;
import io.anidoc.console.ConsoleMain;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.RunningService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "service", mixinStandardHelpOptions = true,
        header = "Run one service of the pipeline, configured by environment variables (container entrypoint).",
        description = {
            "NAME is one of: ingest, matcher, tracker, colorizer, sink, console. Settings come from the environment "
                + "(docs/configuration.md); the service runs until SIGTERM or Ctrl-C, which stop it gracefully.",
            "Exits with 1 when the service cannot start."})
final class ServiceCommand implements Callable<Integer> {

    static final String CONSOLE = "console";

    @Parameters(index = "0", paramLabel = "NAME", converter = ServiceNameConverter.class,
            description = "ingest, matcher, tracker, colorizer, sink or console.")
    String service;

    @Override
    public Integer call() throws Exception {
        RunningService running;
        try {
            ServiceLauncher launcher = service.equals(CONSOLE) ? ConsoleMain.launcher()
                    : PipelineService.byName(service).orElseThrow().prepare(ConfigSource.env()).launcher();
            running = launcher.start()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + service + ": " + e.getCause().getMessage(), e.getCause());
        }
        running.stopOnShutdownSignal(true);
        // the shutdown hook stops the service; until then this thread only waits
        new CountDownLatch(1).await();
        return Anidoc.OK;
    }

    /** Service names to services; anything else is a usage error naming the choices. */
    static final class ServiceNameConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.toLowerCase(java.util.Locale.ROOT).equals(CONSOLE)) {
                return CONSOLE;
            }
            return PipelineService.byName(value).map(PipelineService::serviceName).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "unknown service '" + value + "': use one of " + String.join(", ", PipelineService.names()) + ", " + CONSOLE));
        }
    }
}
