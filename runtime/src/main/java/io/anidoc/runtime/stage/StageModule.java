package io.anidoc.runtime.stage;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipTask;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a stage module gives the generic {@link StageService}: its name, the topics and events it
 * reads and writes, its own settings and how they choose its engine.
 *
 * @param task          the clip task an input carries
 * @param earlierMillis the earlier stages' times an input carries; this stage's is added after them
 * @param lineArt       the normalized line art an earlier stage handed on with the input, one blob per
 *                      frame of the task in its order; empty when the stage prepares the frames itself
 * @param stage      the stage's name: default service name, status reports, dead letters, metrics
 * @param settings   the module's own settings (engine choice, model names and options)
 * @param engines    reads those settings and says which engine runs; a bad value fails with a
 *                   {@link io.anidoc.runtime.config.ConfigException} naming the variable
 */
public record StageModule<I extends SpecificRecord, O extends SpecificRecord>(
        String stage, Topic input, Class<I> inputType, Topic output, Class<O> outputType,
        Function<I, ClipTask> task, Function<I, Map<String, Long>> earlierMillis, Function<I, List<BlobRef>> lineArt,
        List<Setting> settings, Function<ConfigSource, EngineChoice<I, O>> engines) {

    public StageModule {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputType, "outputType");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(earlierMillis, "earlierMillis");
        Objects.requireNonNull(lineArt, "lineArt");
        settings = List.copyOf(settings);
        Objects.requireNonNull(engines, "engines");
    }
}
