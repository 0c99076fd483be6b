package io.anidoc.cli.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.anidoc.cli.local.DeliveredFrames;
import io.anidoc.cli.local.TopicContents;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;

/**
 * What must hold after any number of crashes, read from the topics to their ends (committed
 * records only): every submitted shot announced finished exactly once and reported delivered by
 * the sink exactly once, nothing announced that was not submitted, no dead letter at all, and
 * every delivered frame byte for byte what the direct run ({@link ShotColorizer}) writes.
 */
final class DeliveryCheck {

    private static final String SINK_STAGE = "sink";

    private final ConfigSource settings;
    private final Path directRoot;

    DeliveryCheck(ConfigSource settings, Path directRoot) {
        this.settings = settings;
        this.directRoot = directRoot;
    }

    /** The failures, each naming the shot and what is wrong; empty when everything holds. */
    List<String> check(List<Shot> shots, Path outputRoot) {
        List<String> failures = new ArrayList<>();
        Set<String> submitted = shots.stream().map(Shot::shotId).collect(Collectors.toSet());
        Map<String, Long> announced = count(TopicContents.read(settings, Topic.SHOTS_FINISHED,
                EventSerdes.of(ShotFinished.class).deserializer()), ShotFinished::getShotId);
        Map<String, Long> delivered = count(TopicContents.read(settings, Topic.SHOTS_STATUS,
                        EventSerdes.of(ShotStatus.class).deserializer()).stream()
                .filter(s -> s.getState() == ShotState.FINISHED && s.getStage().equals(SINK_STAGE)).toList(), ShotStatus::getShotId);
        for (String shotId : new TreeSet<>(submitted)) {
            expectOnce(failures, shotId, "announced finished", announced.getOrDefault(shotId, 0L));
            expectOnce(failures, shotId, "reported delivered by the sink", delivered.getOrDefault(shotId, 0L));
        }
        announced.keySet().stream().filter(id -> !submitted.contains(id))
                .forEach(id -> failures.add("shot " + id + " was announced but never submitted"));
        for (DeadLetter letter : TopicContents.read(settings, Topic.DEADLETTER, EventSerdes.of(DeadLetter.class).deserializer())) {
            failures.add("dead letter from " + letter.getStage() + " for shot " + letter.getShotId() + ": " + letter.getCause());
        }
        for (Shot shot : shots) {
            Path direct = directRoot.resolve(shot.shotId());
            new ShotColorizer(EngineSettings.defaults()).colorize(shot, direct);
            Map<String, String> expected = DeliveredFrames.hashes(direct);
            Map<String, String> actual = DeliveredFrames.hashes(outputRoot.resolve(shot.shotId()));
            if (expected.isEmpty() || !expected.equals(actual)) {
                failures.add("shot " + shot.shotId() + ": delivered frames differ from the direct run's: "
                        + difference(expected, actual));
            }
        }
        return failures;
    }

    private static void expectOnce(List<String> failures, String shotId, String what, long times) {
        if (times != 1) {
            failures.add("shot " + shotId + " " + what + " " + times + " times, not once");
        }
    }

    private static <T> Map<String, Long> count(List<T> records, Function<T, String> shotId) {
        return records.stream().collect(Collectors.groupingBy(shotId, TreeMap::new, Collectors.counting()));
    }

    private static String difference(Map<String, String> expected, Map<String, String> actual) {
        List<String> names = new ArrayList<>();
        expected.forEach((name, hash) -> {
            if (!hash.equals(actual.get(name))) {
                names.add(name + (actual.containsKey(name) ? " differs" : " missing"));
            }
        });
        actual.keySet().stream().filter(name -> !expected.containsKey(name)).forEach(name -> names.add(name + " extra"));
        return names.isEmpty() ? "the direct run wrote nothing" : String.join(", ", names.subList(0, Math.min(10, names.size())));
    }
}
