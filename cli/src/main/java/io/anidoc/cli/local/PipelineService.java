package io.anidoc.cli.local;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.anidoc.colorizer.ColorizerMain;
import io.anidoc.ingest.IngestMain;
import io.anidoc.matcher.MatcherMain;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.stage.StageModule;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.sink.SinkMain;
import io.anidoc.tracker.TrackerMain;
import org.apache.avro.specific.SpecificRecord;

/** The services of the pipeline, in start order, and how to launch each one. */
public enum PipelineService {
    INGEST("ingest", false),
    MATCHER("matcher", true),
    TRACKER("tracker", true),
    COLORIZER("colorizer", true),
    SINK("sink", false);

    private final String serviceName;
    private final boolean stage;

    PipelineService(String serviceName, boolean stage) {
        this.serviceName = serviceName;
        this.stage = stage;
    }

    /** The service's default name, e.g. {@code matcher}. */
    public String serviceName() {
        return serviceName;
    }

    /** True for the stage services built on a {@link StageWorker}. */
    public boolean stage() {
        return stage;
    }

    /** Every service name in start order: ingest, matcher, tracker, colorizer, sink. */
    public static List<String> names() {
        return Arrays.stream(values()).map(PipelineService::serviceName).toList();
    }

    public static Optional<PipelineService> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.serviceName.equals(wanted)).findFirst();
    }

    /** A launcher of this service reading {@code source}, not started yet. */
    public Prepared prepare(ConfigSource source) {
        ServiceLauncher launcher = ServiceLauncher.create(serviceName, source);
        return switch (this) {
            case INGEST -> new Prepared(IngestMain.configure(launcher), Optional::empty);
            case SINK -> new Prepared(SinkMain.configure(launcher), Optional::empty);
            case MATCHER -> stage(launcher, MatcherMain.MODULE);
            case TRACKER -> stage(launcher, TrackerMain.MODULE);
            case COLORIZER -> stage(launcher, ColorizerMain.MODULE);
        };
    }

    private static <I extends SpecificRecord, O extends SpecificRecord> Prepared stage(ServiceLauncher launcher,
                                                                                    StageModule<I, O> module) {
        StageService<I, O> service = new StageService<>(module);
        return new Prepared(launcher.settings(StageService.settings(module)).setup(service),
                () -> service.worker().map(w -> w));
    }

    /**
     * A configured launcher.
     *
     * @param worker the stage worker once started; empty for ingest and the sink
     */
    public record Prepared(ServiceLauncher launcher, Supplier<Optional<StageWorker<?, ?>>> worker) {
    }
}
