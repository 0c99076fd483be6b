package io.anidoc.cli.local;

import java.util.List;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what a topic holds now (committed records only), from the beginning. */
final class TopicRecords {

    private TopicRecords() {
    }

    static <T> List<T> read(ConfigSource settings, Topic topic, Deserializer<T> deserializer) {
        return TopicContents.read(settings, topic, deserializer);
    }

    static List<ConsumerRecord<byte[], byte[]>> raw(ConfigSource settings, Topic topic) {
        return TopicContents.raw(settings, topic);
    }
}
