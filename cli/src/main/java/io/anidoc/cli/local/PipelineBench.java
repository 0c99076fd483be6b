package io.anidoc.cli.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ProgressBar;
import io.anidoc.cli.station.ShotFailedException;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.shot.Shot;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Times shots through the local pipeline against the direct engine on the same machine: first
 * every shot alone (seal-to-finished over the direct run's time), then all shots at once
 * (throughput, shot latency percentiles, per-stage busy share, the deepest queue of every stage).
 */
public final class PipelineBench {

    /** The stages whose queues are watched, by consumer group of the local stack's default topic prefix. */
    static final List<String> STAGES = List.of("matcher", "tracker", "colorizer");
    private static final String GROUP_PREFIX = "anidoc.";
    private static final Duration LAG_SAMPLE = Duration.ofMillis(250);

    /** One shot alone: the direct engine's wall time and the pipeline's seal-to-finished. */
    public record Alone(String shotId, int drawings, long directMillis, long pipelineMillis) {
        public double ratio() {
            return (double) pipelineMillis / Math.max(1, directMillis);
        }
    }

    /** All shots submitted at once. */
    public record Together(int shots, int drawings, long wallMillis, List<Long> latencyMillis,
                           Map<String, Long> stageBusyMillis, Map<String, Long> maxLag) {
        public double drawingsPerSecond() {
            return drawings * 1000.0 / Math.max(1, wallMillis);
        }

        /** Share of the wall time each stage spent working on clips (above 1 when it ran clips side by side). */
        public Map<String, Double> utilisation() {
            Map<String, Double> shares = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(STAGES);
            stageBusyMillis.keySet().stream().filter(stage -> !order.contains(stage)).sorted().forEach(order::add);
            for (String stage : order) {
                if (stageBusyMillis.containsKey(stage)) {
                    shares.put(stage, (double) stageBusyMillis.get(stage) / Math.max(1, wallMillis));
                }
            }
            return shares;
        }

        public long percentile(int p) {
            List<Long> sorted = latencyMillis.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private final LocalStack stack;
    private final Duration timeout;
    private final ProgressBar bar;

    public PipelineBench(LocalStack stack, Duration timeout, ProgressBar bar) {
        this.stack = stack;
        this.timeout = timeout;
        this.bar = bar;
    }

    /** The direct engine's wall time for a shot, writing into {@code out}. */
    public static long directMillis(Shot shot, Path out) {
        long start = System.nanoTime();
        new ShotColorizer(EngineSettings.defaults()).colorize(shot, out);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Submits the shot alone and waits for it; {@code directMillis} is the direct run's time of the same shot. */
    public Alone alone(Shot shot, long directMillis, Path out) {
        LocalColorizer.Result result = new LocalColorizer(stack, bar).colorize(shot, out, timeout);
        return new Alone(shot.shotId(), shot.frameCount(), directMillis, result.pipelineMillis());
    }

    /** Submits every shot at once (one uploading thread each) and waits for all of them. */
    public Together together(List<Shot> shots) throws Exception {
        Map<String, Long> maxLag = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-lag"));
        ExecutorService uploads = Executors.newFixedThreadPool(shots.size(), r -> new Thread(r, "bench-upload"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
             ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            sampler.scheduleWithFixedDelay(() -> sampleLag(admin, maxLag), 0, LAG_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            List<Future<Long>> latencies = new ArrayList<>();
            for (Shot shot : shots) {
                latencies.add(uploads.submit(() -> submitAndAwait(shot, outcomes)));
            }
            List<Long> latencyMillis = new ArrayList<>();
            for (Future<Long> latency : latencies) {
                latencyMillis.add(latency.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> busy = new LinkedHashMap<>();
            for (Shot shot : shots) {
                outcomes.finished(shot.shotId()).orElseThrow().getStageMillis().forEach((stage, ms) -> busy.merge(stage, ms, Long::sum));
            }
            int drawings = shots.stream().mapToInt(Shot::frameCount).sum();
            return new Together(shots.size(), drawings, wall, latencyMillis, busy, new LinkedHashMap<>(maxLag));
        } finally {
            sampler.shutdownNow();
            uploads.shutdownNow();
        }
    }

    private long submitAndAwait(Shot shot, ShotOutcomes outcomes) throws InterruptedException {
        new ShotUploader(new IngestClient(stack.ingestUri(), Optional.empty())).submit(shot, (done, total) -> { });
        long sealed = System.nanoTime();
        long deadline = sealed + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ShotFinished> finished = outcomes.finished(shot.shotId());
            if (finished.isPresent()) {
                return (System.nanoTime() - sealed) / 1_000_000;
            }
            List<DeadLetter> letters = outcomes.deadLetters(shot.shotId());
            if (!letters.isEmpty()) {
                throw new ShotFailedException("shot " + shot.shotId() + " failed in " + letters.get(0).getStage() + ": "
                        + letters.get(0).getCause());
            }
            Thread.sleep(20);
        }
        throw new ShotFailedException("shot " + shot.shotId() + " did not finish within " + timeout);
    }

    /** Records, per stage, the largest number of records its group had not yet committed. */
    private static void sampleLag(Admin admin, Map<String, Long> maxLag) {
        for (String stage : STAGES) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP_PREFIX + stage)
                        .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                long lag = 0;
                var ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    long end = ends.get(entry.getKey()).offset();
                    lag += Math.max(0, end - (entry.getValue() == null ? 0 : entry.getValue().offset()));
                }
                maxLag.merge(stage, lag, Math::max);
            } catch (Exception e) {
                // a sample missed while the broker is busy is no result; the next one counts
            }
        }
    }

    /** Median of the alone ratios. */
    public static double medianRatio(Collection<Alone> alone) {
        List<Double> ratios = alone.stream().map(Alone::ratio).sorted().toList();
        if (ratios.isEmpty()) {
            return Double.NaN;
        }
        int mid = ratios.size() / 2;
        return ratios.size() % 2 == 1 ? ratios.get(mid) : (ratios.get(mid - 1) + ratios.get(mid)) / 2;
    }
}
