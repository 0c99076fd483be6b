package io.anidoc.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.anidoc.cli.station.ShotFailedException;

/**
 * Instances of one stage as JVMs of their own, the way pods run them: {@code anidoc service STAGE}
 * children of this JVM on the local stack's broker and blob store, each with one worker thread and
 * its engine warmed up before it joins the group ({@code ANIDOC_STAGE_WARMUP_FRAMES}). What each did
 * is read from its own {@code /metrics}.
 */
final class StageProcesses implements AutoCloseable {

    /** Frames of each instance's warm-up clip. */
    static final int WARMUP_FRAMES = 6;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Pattern PROCESSED = Pattern.compile("^anidoc_stage_records_processed_total\\{[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    static final Pattern WORK_SECONDS = Pattern.compile("^anidoc_stage_record_latency_seconds_sum\\{[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private StageProcesses() {
    }

    /**
     * Starts {@code instances} processes of {@code service} with the stack's settings for it.
     *
     * @param settings the settings the stack gives the service (broker, blob store, topics)
     * @param workDir  where the processes' logs and native scratch go
     */
    static StageProcesses start(PipelineService service, Map<String, String> settings, int instances, Path workDir) {
        StageProcesses started = new StageProcesses();
        try {
            for (int i = 1; i <= instances; i++) {
                int port = ChildProcess.freeLoopbackPort();
                Map<String, String> env = new LinkedHashMap<>(settings);
                env.put("ANIDOC_HTTP_PORT", Integer.toString(port));
                env.put("ANIDOC_HTTP_HOST", "127.0.0.1");
                env.put("ANIDOC_STAGE_CONCURRENCY", "1");
                env.put("ANIDOC_STAGE_WARMUP_FRAMES", Integer.toString(WARMUP_FRAMES));
                // an empty value unsets it: the instances are told apart by their client ids, not a pod name
                env.put("POD_NAME", "");
                // one core's worth each, as a pod asking for one CPU gets: OpenCV's own threads and the JVM's
                // collector and compiler threads sized for one core, not for the machine's
                env.put("OPENCV_FOR_THREADS_NUM", "1");
                ChildProcess process = new ChildProcess(service.serviceName() + "-" + i,
                        List.of("service", service.serviceName()), env, List.of("-XX:ActiveProcessorCount=1"), workDir);
                process.start();
                started.processes.add(process);
                started.ports.add(port);
            }
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Waits until one of the instances answers ready (warmed up, in its group); returns {@link System#nanoTime()} then. */
    long awaitFirstReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int k = 0; k < ports.size(); k++) {
                if (ReadyProbe.isReady(ports.get(k))) {
                    return System.nanoTime();
                }
                Optional<String> exited = processes.get(k).exitedBefore("it was ready");
                if (exited.isPresent()) {
                    throw new ShotFailedException(exited.get());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ShotFailedException("no instance was ready within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Records each instance delivered and the time its worker spent on them, from its {@code /metrics}. */
    List<PipelineBench.Instance> instances() throws InterruptedException {
        List<PipelineBench.Instance> done = new ArrayList<>();
        for (int port : ports) {
            String metrics = metrics(port);
            done.add(new PipelineBench.Instance((int) value(PROCESSED, metrics), Math.round(value(WORK_SECONDS, metrics) * 1000)));
        }
        return done;
    }

    /** Stops every instance gracefully (SIGTERM). */
    @Override
    public void close() {
        processes.forEach(ChildProcess::stop);
    }

    private static String metrics(int port) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    /** The sample's value; 0 where the instance has not registered it (it did no work). */
    static double value(Pattern sample, String metrics) {
        Matcher m = sample.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
