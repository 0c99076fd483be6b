package io.anidoc.cli.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * Seeds of the shots a drain pre-fills, chosen so that every partition of the stage's input holds
 * the same number of clips. Kafka hands partitions, not clips, to instances: with keys hashed at
 * random, 16 clips over 6 partitions can split 9/7 between two instances at best, which caps the
 * measured speed-up at 1.78x whatever the instances do. The drain measures the instances, so the
 * bench removes the luck of the hash.
 */
public final class BalancedDrainShots {

    /** Seeds tried before giving up: far more than any partition count needs. */
    private static final int MAX_CANDIDATES = 100_000;

    private BalancedDrainShots() {
    }

    /** {@code count} rounded up to a whole number of shots per partition. */
    public static int roundedCount(int count, int partitions) {
        return (count + partitions - 1) / partitions * partitions;
    }

    /**
     * The first seeds from {@code firstSeed} on whose shots fill every partition to the same number
     * of clips; {@code clipKeys} gives the record keys of a seed's clips (their partition is Kafka's
     * default for a keyed record). A seed whose clips would overfill a partition is skipped.
     */
    public static List<Long> seeds(long firstSeed, int count, int partitions, LongFunction<List<String>> clipKeys) {
        int shots = roundedCount(count, partitions);
        List<Long> chosen = new ArrayList<>();
        int[] held = new int[partitions];
        int perPartition = -1;
        for (long seed = firstSeed; chosen.size() < shots; seed++) {
            if (seed - firstSeed > MAX_CANDIDATES) {
                throw new IllegalStateException("no " + shots + " shots from seed " + firstSeed + " fill "
                        + partitions + " partitions evenly");
            }
            List<String> keys = clipKeys.apply(seed);
            if (perPartition < 0) {
                perPartition = keys.size() * shots / partitions;
            }
            int[] after = held.clone();
            keys.forEach(key -> after[partition(key, partitions)]++);
            boolean fits = true;
            for (int filled : after) {
                fits &= filled <= perPartition;
            }
            if (fits) {
                System.arraycopy(after, 0, held, 0, partitions);
                chosen.add(seed);
            }
        }
        return chosen;
    }

    /** The partition Kafka's producer picks for a record with this key. */
    public static int partition(String key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
    }
}
