package io.anidoc.runtime.stage;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.EngineWarmUp;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.inference.InferenceClientConfig;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.triton.TritonModel;
import io.anidoc.runtime.triton.TritonSettings;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Future;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every stage service (matcher, tracker, colorizer): one {@link StageWorker} from the module's
 * input topic to its output topic over a {@link ClipStageProcessor}, with the engine the module's
 * settings choose. A CPU engine starts at once; a Triton engine starts once its model on the
 * inference server matches its contract ({@link TritonModel#whenVerified}). The service owns the
 * worker's life: it starts it, stops it first at shutdown (also when the model was verified while
 * the service was already stopping) and tells the model to stop holding records once it stops.
 */
public final class StageService<I extends SpecificRecord, O extends SpecificRecord> implements ServiceSetup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageService.class);

    private final StageModule<I, O> module;
    private StageWorker<I, O> worker;
    private boolean closed;

    public StageService(StageModule<I, O> module) {
        this.module = Objects.requireNonNull(module, "module");
    }

    /** Runs the module's service in this process, configured by environment variables; for a module's {@code main}. */
    public static <I extends SpecificRecord, O extends SpecificRecord> void launch(StageModule<I, O> module) {
        ServiceLauncher.create(module.stage())
                .settings(settings(module))
                .setup(new StageService<>(module))
                .run();
    }

    /** Every setting a stage service reads besides the runtime's, for the start-up log line. */
    public static List<Setting> settings(StageModule<?, ?> module) {
        List<Setting> all = new ArrayList<>(StageSettings.SETTINGS);
        all.addAll(module.settings());
        all.addAll(InferenceClientConfig.SETTINGS);
        all.addAll(TritonSettings.SETTINGS);
        return List.copyOf(all);
    }

    public StageModule<I, O> module() {
        return module;
    }

    @Override
    public Future<?> setUp(ServiceContext context) {
        EngineChoice<I, O> choice = module.engines().apply(context.source());
        int warmUpFrames = StageSettings.warmUpFrames(context.source());
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            ClipEngine engine = new ClipEngine(EngineSettings.defaults());
            if (choice instanceof EngineChoice.Cpu<I, O> cpu) {
                context.onClose(this);
                if (warmUpFrames > 0) {
                    warmUp(context, engine, warmUpFrames);
                }
                start(context, engine, cpu.step().apply(engine));
                return null;
            }
            EngineChoice.Triton<I, O> triton = (EngineChoice.Triton<I, O>) choice;
            TritonModel model = TritonModel.open(context, triton.model(), triton.contract());
            // registered after the model, so closed before it: the worker stops before its model
            context.onClose(this);
            model.whenVerified(config -> {
                StageWorker<I, O> started = start(context, engine, triton.step().create(engine, model, config));
                if (started != null) {
                    model.holdOnlyWhile(started::running);
                }
            });
            return null;
        });
    }

    /** Colors a generated clip before the worker joins its group, so that the first real clips run compiled code. */
    private void warmUp(ServiceContext context, ClipEngine engine, int frames) {
        context.starting("warming up the engine on a generated clip of " + frames + " frames");
        EngineWarmUp.Result result = EngineWarmUp.run(engine, frames);
        LOG.info("{}: engine warmed up on {} generated drawings in {} ms", module.stage(), result.drawings(), result.millis());
    }

    /** Starts the worker unless the service is stopping already; returns it, or null. */
    private synchronized StageWorker<I, O> start(ServiceContext context, ClipEngine engine, ClipStep<I, O> step) {
        if (closed) {
            return null;
        }
        worker = StageWorker.builder(module.stage(),
                        new ClipStageProcessor<>(module, engine, context.blobStore(), step),
                        EventSerdes.of(module.inputType()), EventSerdes.of(module.outputType()))
                .input(module.input())
                .output(module.output())
                .startIn(context);
        return worker;
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public synchronized Optional<StageWorker<I, O>> worker() {
        return Optional.ofNullable(worker);
    }

    /** Stops the worker gracefully (within its share of the shutdown budget), or keeps it from starting. */
    @Override
    public void close() {
        StageWorker<I, O> running;
        synchronized (this) {
            closed = true;
            running = worker;
        }
        if (running != null) {
            running.close();
        }
    }
}
