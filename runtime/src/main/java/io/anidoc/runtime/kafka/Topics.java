package io.anidoc.runtime.kafka;

import io.anidoc.runtime.config.KafkaConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Real topic names: the configured prefix plus the logical name ({@code anidoc.} + {@code frames}). */
public final class Topics {

    private final String prefix;

    public Topics(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public static Topics from(KafkaConfig config) {
        return new Topics(config.topicPrefix());
    }

    public String prefix() {
        return prefix;
    }

    /** The real name of a topic, e.g. {@code anidoc.clips.matched}. */
    public String name(Topic topic) {
        return prefix + topic.logicalName();
    }

    /** Real names of all pipeline topics, in data-flow order. */
    public List<String> all() {
        return Arrays.stream(Topic.values()).map(this::name).toList();
    }

    /** The logical topic a real name stands for, if it is one of the pipeline's. */
    public Optional<Topic> topicOf(String realName) {
        return Arrays.stream(Topic.values()).filter(t -> name(t).equals(realName)).findFirst();
    }

    @Override
    public String toString() {
        return "Topics[prefix=" + prefix + "]";
    }
}
