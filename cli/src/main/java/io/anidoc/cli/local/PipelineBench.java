package io.anidoc.cli.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.schemas.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    /** The clip stages in pipeline order, by consumer group of the local stack's default topic prefix. */
    static final List<String> STAGES = List.of("matcher", "tracker", "colorizer");
    /**
     * The stages whose queues are counted: their inputs are written without transactions, so
     * offsets count records (the matcher's input comes from the assembler's transactions, whose
     * markers take offsets too).
     */
    public static final List<String> QUEUED_STAGES = List.of("tracker", "colorizer");
    private static final String GROUP_PREFIX = "anidoc.";
    /** What each stage reads, under the local stack's default topic prefix. */
    private static final Map<String, String> INPUT_TOPICS = Map.of(
            "tracker", GROUP_PREFIX + "clips.matched", "colorizer", GROUP_PREFIX + "clips.tracked");
    private static final Duration LAG_SAMPLE = Duration.ofMillis(250);
    /** How often a drain asks its instances how far they are: in this JVM, a look at their meters. */
    private static final Duration IN_PROCESS_POLL = Duration.ofMillis(50);
    /** The same for instances of their own, over HTTP. */
    private static final Duration PROCESS_POLL = Duration.ofMillis(250);
    /** How often a drain asks the broker as well while its instances work. */
    private static final Duration LAG_CHECK_WHILE_WORKING = Duration.ofSeconds(2);

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

    /**
     * A pre-filled input topic of one stage drained by one instance, then (refilled) by two, each
     * instance with one worker thread while the other stages have nothing to do; {@code partitionsOne}
     * and {@code partitionsTwo} are the records each fill added to each partition of the input.
     */
    public record Drain(String stage, int clipsOne, long oneMillis, int clipsTwo, long twoMillis, List<Instance> one,
                        List<Instance> two, List<Long> partitionsOne, List<Long> partitionsTwo) {
        /** Clips per second with two instances over clips per second with one. */
        public double speedup() {
            double rateOne = (double) clipsOne / Math.max(1, oneMillis);
            double rateTwo = (double) clipsTwo / Math.max(1, twoMillis);
            return rateTwo / rateOne;
        }

        /**
         * The speed-up two instances could reach at most with the clips their partitions held: all
         * clips over the larger instance's share (Kafka hands partitions, not clips, to instances).
         */
        public double balanceBound() {
            int larger = two.stream().mapToInt(Instance::clips).max().orElse(0);
            return larger == 0 ? 0 : (double) two.stream().mapToInt(Instance::clips).sum() / larger;
        }

        /** Mean work time of a clip with two instances over that with one: above 1 where they slow each other down. */
        public double slowdown() {
            return Instance.meanClipMillis(two) / Math.max(1e-9, Instance.meanClipMillis(one));
        }
    }

    /**
     * What one instance did while draining, from its own stage metrics.
     *
     * @param clips      records whose output it delivered
     * @param workMillis time its worker thread spent on them (start of work to acknowledged output)
     */
    public record Instance(int clips, long workMillis) {
        public static int clips(List<Instance> instances) {
            return instances.stream().mapToInt(Instance::clips).sum();
        }

        public static double meanClipMillis(List<Instance> instances) {
            int clips = clips(instances);
            return clips == 0 ? 0 : (double) instances.stream().mapToLong(Instance::workMillis).sum() / clips;
        }
    }

    /** Timing of one drain: wall time from starting the instances to their group having committed everything. */
    private record DrainRun(long millis, List<Instance> instances) {
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

    /** Passes a shot through the pipeline untimed, as the direct engine's warm-up shot passes through the engine. */
    public void warmUp(Shot shot, Path out) {
        new LocalColorizer(stack, bar).colorize(shot, out, timeout);
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
            Optional<Long> arrived = outcomes.finishedArrivalNanos(shot.shotId());
            if (arrived.isPresent()) {
                return (arrived.get() - sealed) / 1_000_000;
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

    /**
     * Stops {@code service}, lets {@code first} pile up in its input topic and times one instance
     * draining it; then the same with {@code second} and two instances. The stack's own instance
     * of the service stays stopped afterwards.
     */
    public Drain drain(PipelineService service, List<Shot> first, List<Shot> second, DrainInstances mode) throws Exception {
        String stage = service.serviceName();
        if (!QUEUED_STAGES.contains(stage)) {
            throw new IllegalArgumentException("can drain " + QUEUED_STAGES + ", not " + stage);
        }
        stack.stop(service);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            String input = INPUT_TOPICS.get(stage);
            List<Long> before = endOffsets(admin, input);
            int clipsOne = fill(first, STAGES.get(STAGES.indexOf(stage) - 1));
            List<Long> partitionsOne = added(before, endOffsets(admin, input));
            DrainRun one = drainWith(admin, service, 1, clipsOne, mode);
            before = endOffsets(admin, input);
            int clipsTwo = fill(second, STAGES.get(STAGES.indexOf(stage) - 1));
            List<Long> partitionsTwo = added(before, endOffsets(admin, input));
            DrainRun two = drainWith(admin, service, 2, clipsTwo, mode);
            return new Drain(stage, clipsOne, one.millis(), clipsTwo, two.millis(), one.instances(), two.instances(),
                    partitionsOne, partitionsTwo);
        }
    }

    /** Submits the shots and waits until the stage before the measured one has done all their clips; returns the clips. */
    private int fill(List<Shot> shots, String stageBefore) throws InterruptedException {
        IngestClient client = new IngestClient(stack.ingestUri(), Optional.empty());
        for (Shot shot : shots) {
            new ShotUploader(client).submit(shot, (done, total) -> { });
        }
        int clips = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Shot shot : shots) {
            while (true) {
                var progress = client.status(shot.shotId());
                if (progress.isPresent() && progress.get().totalClips() > 0
                        && progress.get().completed().getOrDefault(stageBefore, 0) >= progress.get().totalClips()) {
                    clips += progress.get().totalClips();
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new ShotFailedException("shot " + shot.shotId() + " did not pass " + stageBefore + " within " + timeout);
                }
                Thread.sleep(50);
            }
        }
        return clips;
    }

    /** Where the drain's instances run. */
    public enum DrainInstances {
        /** JVMs of their own, as pods run them, each warmed up before it joins the group; timed from the first one ready. */
        PROCESSES("each a JVM of its own, warmed up, timed from the first one ready"),
        /** Threads of this (warm) JVM, sharing its heap and collector; timed from their start. */
        IN_PROCESS("threads of this JVM");

        private final String description;

        DrainInstances(String description) {
            this.description = description;
        }

        /** How the bench's report names them. */
        public String description() {
            return description;
        }
    }

    private DrainRun drainWith(Admin admin, PipelineService service, int instances, int clips, DrainInstances mode)
            throws Exception {
        return mode == DrainInstances.PROCESSES ? drainWithProcesses(admin, service, instances, clips)
                : drainInProcess(admin, service, instances, clips);
    }

    /** Starts {@code instances} processes of the service and times them from the first one ready until its group has read everything. */
    private DrainRun drainWithProcesses(Admin admin, PipelineService service, int instances, int clips) throws Exception {
        try (StageProcesses started = StageProcesses.start(service, stack.settings(service), instances,
                stack.workDir().resolve("drain-" + instances))) {
            long start = started.awaitFirstReady(timeout);
            // an HTTP scrape of each instance costs it a little: four a second
            awaitDrained(admin, service, start, clips, () -> Instance.clips(started.instances()), PROCESS_POLL);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new DrainRun(millis, started.instances());
        }
    }

    /** What the instances have delivered so far. */
    private interface Delivered {
        int clips() throws Exception;
    }

    /**
     * Waits until the instances have delivered {@code clips} records, asking them (no broker traffic
     * while they work: the bench's JVM shares the machine's cores with them), then until their group
     * has committed everything, asking the broker.
     */
    private void awaitDrained(Admin admin, PipelineService service, long start, int clips, Delivered delivered,
                              Duration poll) throws Exception {
        long deadline = start + timeout.toNanos();
        long nextLagCheck = System.nanoTime() + LAG_CHECK_WHILE_WORKING.toNanos();
        while (delivered.clips() < clips) {
            failPast(deadline, service);
            // a clip dead-lettered is not delivered but is drained: the broker is asked now and then too
            if (System.nanoTime() > nextLagCheck) {
                if (lag(admin, service.serviceName()) == 0) {
                    return;
                }
                nextLagCheck = System.nanoTime() + LAG_CHECK_WHILE_WORKING.toNanos();
            }
            Thread.sleep(poll.toMillis());
        }
        while (lag(admin, service.serviceName()) > 0) {
            failPast(deadline, service);
            Thread.sleep(50);
        }
    }

    private void failPast(long deadline, PipelineService service) {
        if (System.nanoTime() > deadline) {
            throw new ShotFailedException(service.serviceName() + " did not drain its input within " + timeout);
        }
    }

    /** Starts {@code instances} instances of the service in this JVM, one worker thread each, and times them until its group has read everything. */
    private DrainRun drainInProcess(Admin admin, PipelineService service, int instances, int clips) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(stack.settings(service));
        settings.put("ANIDOC_STAGE_CONCURRENCY", "1");
        long start = System.nanoTime();
        List<RunningService> started = new ArrayList<>();
        try {
            List<CompletableFuture<RunningService>> starting = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                starting.add(service.prepare(ConfigSource.of(settings)).launcher().start()
                        .toCompletionStage().toCompletableFuture());
            }
            for (var future : starting) {
                started.add(future.get(2, TimeUnit.MINUTES));
            }
            awaitDrained(admin, service, start, clips, () -> Instance.clips(instances(started)), IN_PROCESS_POLL);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new DrainRun(millis, instances(started));
        } finally {
            for (var running : started) {
                running.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            }
        }
    }

    /** What each instance running in this JVM has done, from its stage meters. */
    private static List<Instance> instances(List<RunningService> started) {
        List<Instance> done = new ArrayList<>();
        for (RunningService running : started) {
            MeterRegistry registry = running.context().meterRegistry();
            Counter processed = registry.find("anidoc.stage.records.processed").counter();
            Timer work = registry.find("anidoc.stage.record.latency").timer();
            done.add(new Instance(processed == null ? 0 : (int) processed.count(),
                    work == null ? 0 : (long) work.totalTime(TimeUnit.MILLISECONDS)));
        }
        return done;
    }

    /**
     * Records of the stage's input topic its group has not committed yet (a partition without a
     * commit counts from its start). The stages read topics no transaction writes to, so offsets
     * count records.
     */
    private static long lag(Admin admin, String stage) throws Exception {
        String topic = INPUT_TOPICS.get(stage);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP_PREFIX + stage)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        List<Long> ends = endOffsets(admin, topic);
        long lag = 0;
        for (int partition = 0; partition < ends.size(); partition++) {
            OffsetAndMetadata done = committed.get(new TopicPartition(topic, partition));
            lag += Math.max(0, ends.get(partition) - (done == null ? 0 : done.offset()));
        }
        return lag;
    }

    /** The end offset of every partition of the topic, by partition number. */
    private static List<Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        List<Long> offsets = new ArrayList<>();
        for (int partition = 0; partition < latest.size(); partition++) {
            offsets.add(ends.get(new TopicPartition(topic, partition)).offset());
        }
        return offsets;
    }

    private static List<Long> added(List<Long> before, List<Long> after) {
        List<Long> added = new ArrayList<>();
        for (int partition = 0; partition < after.size(); partition++) {
            added.add(after.get(partition) - before.get(partition));
        }
        return added;
    }

    /** Records, per stage, the largest number of records its group had not yet committed. */
    private static void sampleLag(Admin admin, Map<String, Long> maxLag) {
        for (String stage : QUEUED_STAGES) {
            try {
                maxLag.merge(stage, lag(admin, stage), Math::max);
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
