package io.anidoc.runtime.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void defaultPrefixGivesTheDesignNames() {
        Topics topics = new Topics("anidoc.");
        assertThat(topics.all()).containsExactly(
                "anidoc.frames", "anidoc.shots", "anidoc.clips", "anidoc.clips.matched", "anidoc.clips.tracked",
                "anidoc.clips.colorized", "anidoc.shots.finished", "anidoc.shots.approved", "anidoc.shots.status", "anidoc.deadletter");
        assertThat(topics.name(Topic.CLIPS_MATCHED)).isEqualTo("anidoc.clips.matched");
    }

    @Test
    void customPrefixAndReverseLookup() {
        Topics topics = new Topics("studio-a.");
        assertThat(topics.name(Topic.FRAMES)).isEqualTo("studio-a.frames");
        assertThat(topics.topicOf("studio-a.shots.status")).contains(Topic.SHOTS_STATUS);
        assertThat(topics.topicOf("anidoc.shots.status")).isEmpty();
    }
}
