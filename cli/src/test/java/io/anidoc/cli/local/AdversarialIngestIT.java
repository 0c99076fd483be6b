package io.anidoc.cli.local;

import static io.anidoc.cli.local.AdversarialRequests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

import io.anidoc.cli.CliRun;
import io.anidoc.cli.local.AdversarialRequests.Case;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.testing.HealthProbe;
import io.anidoc.runtime.testing.RawHttp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adversarial run against the whole local pipeline: every request of {@link AdversarialRequests}
 * plus slow clients and races, each answered with its documented status and reason, never a 5xx,
 * while {@code /health/live} keeps answering within a second and a good shot sent during the run
 * finishes with the same frames as the direct run.
 */
class AdversarialIngestIT {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private int cases;

    @Test
    void everyRequestGetsItsDocumentedAnswerWhileAGoodShotFinishes() throws Exception {
        Shot good = TestShots.generate(dir.resolve("good"), 41, 256, 144, 7, List.of(0, 3, 6));
        Path direct = TestShots.direct(good, dir.resolve("direct"));
        try (LocalStack stack = LocalStack.builder(dir.resolve("work"))
                .setting(PipelineService.INGEST, "ANIDOC_INGEST_TOKENS", TOKEN)
                .setting(PipelineService.INGEST, "ANIDOC_INGEST_MAX_BYTES", String.valueOf(AdversarialRequests.MAX_BYTES))
                .setting(PipelineService.INGEST, "ANIDOC_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT.toMillis() + "ms")
                .setting(PipelineService.INGEST, "ANIDOC_HTTP_BODY_TIMEOUT", BODY_TIMEOUT.toMillis() + "ms")
                .setting(PipelineService.INGEST, "ANIDOC_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT.toMillis() + "ms")
                .start();
             ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            int port = stack.ingestUri().getPort();
            HealthProbe health = HealthProbe.start(port);
            ExecutorService station = Executors.newSingleThreadExecutor();
            Future<CliRun> goodRun = station.submit(() -> CliRun.of("submit", good.dir().toString(),
                    "--ingest", stack.ingestUri().toString(), "--token", TOKEN, "--wait", "--timeout", "4m"));

            try (RawHttp http = new RawHttp(port)) {
                assertThat(http.send(AdversarialRequests.declareShot()).read().status()).isEqualTo(201);
            }
            List<Case> requests = new AdversarialRequests(png(96, 64, 1), png(96, 64, 2), jpeg(96, 64, 3), png(1, 1, 4),
                    png(1700, 40, 5), png(80, 60, 6)).cases();
            for (Case request : requests) {
                run(port, request);
            }
            slowClients(port);
            races(port);

            assertThat(failures).as("cases not answered as documented").isEmpty();
            assertThat(cases).as("adversarial cases").isGreaterThanOrEqualTo(100);
            assertThat(requests.stream().map(Case::category).collect(Collectors.toSet())).hasSize(7);

            CliRun run = goodRun.get(5, TimeUnit.MINUTES);
            station.shutdown();
            assertThat(run.exitCode()).as(run.err()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.finished(good.shotId()).isPresent());
            TestShots.assertSameFrames(Path.of(outcomes.finished(good.shotId()).orElseThrow().getOutputDir()), direct,
                    good.frameCount());
            assertThat(outcomes.deadLetters(good.shotId())).isEmpty();
            health.stopAndAssertAnsweredWithin(1_000);
            System.out.printf("adversarial run: %d cases as documented; slowest of %d health answers %d ms%n", cases,
                    health.probes(), health.slowestMillis());
        }
    }

    // ---- one request at a time -------------------------------------------------------------

    private void run(int port, Case c) {
        cases++;
        String name = c.category() + " / " + c.name();
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Answer answer = http.send(c.request()).read();
            String problem = problem(answer, c.status(), c.error(), c.reasonPart());
            if (problem == null && c.closes() && !http.closedByServer()) {
                problem = "the connection stayed open";
            }
            if (problem != null) {
                failures.add(name + ": " + problem);
            }
        } catch (RuntimeException e) {
            failures.add(name + ": " + e);
        }
    }

    /** Null when the answer is the documented one, else what differs. */
    private static String problem(RawHttp.Answer answer, int status, String error, String reasonPart) {
        String body = answer.text();
        String seen = answer.status() + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        if (answer.status() >= 500) {
            return "a server error: " + seen;
        }
        if (answer.status() != status) {
            return "expected " + status + ", got " + seen;
        }
        if (status < 300) {
            return null;
        }
        if (!Objects.equals(answer.headers().get("content-type"), "application/json")) {
            return "not JSON: " + answer.headers().get("content-type") + " " + seen;
        }
        if (!Objects.equals(answer.error(), error) || answer.reason() == null || answer.reason().isBlank()) {
            return "expected error " + error + " with a reason, got " + seen;
        }
        if (reasonPart != null && !answer.reason().contains(reasonPart)) {
            return "the reason does not name '" + reasonPart + "': " + seen;
        }
        if (status == 405 && (answer.headers().get("allow") == null
                || !answer.reason().endsWith("allowed: " + answer.headers().get("allow")))) {
            return "no Allow header matching the reason: " + answer.headers();
        }
        return null;
    }

    // ---- slow clients ----------------------------------------------------------------------

    private void slowClients(int port) throws Exception {
        List<Callable<String>> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(() -> timedOut(port, AdversarialRequests.raw("GET /v1/shots/adv-shot HTTP/1.1\r\nHost: t\r\nX-Slow: "),
                    null, "header_timeout"));
        }
        slow.add(() -> timedOut(port, AdversarialRequests.raw(AdversarialRequests.head("PUT", "/v1/shots/adv-shot/line/2")
                + "Content-Length: 1000\r\n\r\n"), "0123456789", "body_timeout"));
        slow.add(() -> timedOut(port, AdversarialRequests.raw(AdversarialRequests.head("PUT", "/v1/shots/adv-slow")
                + "Content-Length: 500\r\n\r\n{\"frameCount\": "), " ", "body_timeout"));
        slow.add(() -> timedOut(port, AdversarialRequests.raw(AdversarialRequests.head("PUT", "/v1/shots/adv-shot/line/2")
                + "Transfer-Encoding: chunked\r\n\r\n"), "1\r\nx\r\n", "body_timeout"));
        slow.add(() -> timedOut(port, AdversarialRequests.raw(AdversarialRequests.head("GET", "/v1/shots/adv-shot")), "X-A: b\r\n",
                "header_timeout"));
        slow.add(() -> idleIsClosed(port));
        ExecutorService clients = Executors.newFixedThreadPool(slow.size());
        try {
            List<Future<String>> outcomes = clients.invokeAll(slow);
            for (Future<String> outcome : outcomes) {
                cases++;
                String problem = outcome.get();
                if (problem != null) {
                    failures.add("slow clients / " + problem);
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Sends a start, then trickles {@code drip} every 300 ms; expects a 408 with the code within the deadline. */
    private static String timedOut(int port, byte[] start, String drip, String code) {
        long began = System.nanoTime();
        try (RawHttp http = new RawHttp(port, 15_000)) {
            http.send(start);
            RawHttp.Answer answer;
            if (drip == null) {
                answer = http.read();
            } else {
                ExecutorService reader = Executors.newSingleThreadExecutor();
                try {
                    Future<RawHttp.Answer> reading = reader.submit(http::read);
                    while (!reading.isDone()) {
                        try {
                            http.send(drip);
                        } catch (UncheckedIOException closed) {
                            break;
                        }
                        Thread.sleep(300);
                    }
                    answer = reading.get(15, TimeUnit.SECONDS);
                } finally {
                    reader.shutdownNow();
                }
            }
            long took = (System.nanoTime() - began) / 1_000_000;
            String problem = problem(answer, 408, code, code.startsWith("header") ? "ANIDOC_HTTP_HEADER_TIMEOUT"
                    : "ANIDOC_HTTP_BODY_TIMEOUT");
            if (problem == null && !http.closedByServer()) {
                problem = "the connection stayed open";
            }
            if (problem == null && took > BODY_TIMEOUT.toMillis() + HEADER_TIMEOUT.toMillis() + 3_000) {
                problem = "answered only after " + took + " ms";
            }
            return problem == null ? null : code + ": " + problem;
        } catch (Exception e) {
            return code + ": " + e;
        }
    }

    private static String idleIsClosed(int port) {
        try (RawHttp http = new RawHttp(port, (int) IDLE_TIMEOUT.toMillis() + 5_000)) {
            return http.closedByServer() ? null : "an idle connection stayed open past " + IDLE_TIMEOUT;
        }
    }

    // ---- races -----------------------------------------------------------------------------

    private void races(int port) throws Exception {
        exchange(port, AdversarialRequests.put("/v1/shots/adv-race", "{\"frameCount\": 3, \"keyframes\": [0]}"
                .getBytes(StandardCharsets.UTF_8)), 201);
        List<byte[]> images = IntStream.range(0, 20).mapToObj(i -> png(96, 64, 100 + i)).toList();
        Map<Integer, List<RawHttp.Answer>> uploads = together(images.stream()
                .map(image -> AdversarialRequests.put("/v1/shots/adv-race/line/1", image)).toList(), port);
        expectOneWinner("racing uploads", uploads, 201, 409, "frame_taken");

        byte[] declaration = "{\"frameCount\": 6, \"keyframes\": [0, 5]}".getBytes(StandardCharsets.UTF_8);
        expectOneWinner("racing equal declarations", together(IntStream.range(0, 10)
                .mapToObj(i -> AdversarialRequests.put("/v1/shots/adv-race-equal", declaration)).toList(), port), 201, 200, null);
        expectOneWinner("racing different declarations", together(IntStream.range(0, 10)
                .mapToObj(i -> AdversarialRequests.put("/v1/shots/adv-race-differ", ("{\"frameCount\": " + (i + 2)
                        + ", \"keyframes\": [0]}").getBytes(StandardCharsets.UTF_8))).toList(), port), 201, 409, "declaration_conflict");

        String keyframes = IntStream.range(0, 100_000).mapToObj(Integer::toString).collect(Collectors.joining(","));
        byte[] largest = ("{\"frameCount\": 100000, \"keyframes\": [" + keyframes + "]}").getBytes(StandardCharsets.UTF_8);
        Map<Integer, List<RawHttp.Answer>> huge = together(IntStream.range(0, 8)
                .mapToObj(i -> AdversarialRequests.put("/v1/shots/adv-huge-" + i, largest)).toList(), port);
        cases += 8;
        if (!huge.keySet().equals(java.util.Set.of(201))) {
            failures.add("races / 8 largest declarations at once: " + huge.keySet());
        }
    }

    private void expectOneWinner(String name, Map<Integer, List<RawHttp.Answer>> byStatus, int winner, int others,
                                 String othersError) {
        int total = byStatus.values().stream().mapToInt(List::size).sum();
        cases += total;
        if (byStatus.getOrDefault(winner, List.of()).size() != 1
                || byStatus.getOrDefault(others, List.of()).size() != total - 1) {
            failures.add("races / " + name + ": expected one " + winner + " and " + (total - 1) + " " + others + ", got "
                    + byStatus.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue().size()).toList());
            return;
        }
        if (othersError != null) {
            for (RawHttp.Answer answer : byStatus.get(others)) {
                String problem = problem(answer, others, othersError, null);
                if (problem != null) {
                    failures.add("races / " + name + ": " + problem);
                }
            }
        }
    }

    /** Sends every request on its own connection at the same moment; answers by status. */
    private static Map<Integer, List<RawHttp.Answer>> together(List<byte[]> requests, int port) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            List<RawHttp> connections = requests.stream().map(r -> new RawHttp(port, 60_000)).toList();
            List<Callable<RawHttp.Answer>> sends = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                RawHttp http = connections.get(i);
                byte[] request = requests.get(i);
                sends.add(() -> http.send(request).read());
            }
            List<RawHttp.Answer> answers = new ArrayList<>();
            for (Future<RawHttp.Answer> answer : clients.invokeAll(sends)) {
                answers.add(answer.get());
            }
            connections.forEach(RawHttp::close);
            return answers.stream().collect(Collectors.groupingBy(RawHttp.Answer::status));
        } finally {
            clients.shutdownNow();
        }
    }

    private static void exchange(int port, byte[] request, int status) {
        try (RawHttp http = new RawHttp(port)) {
            assertThat(http.send(request).read().status()).isEqualTo(status);
        }
    }

    // ---- images ----------------------------------------------------------------------------

    private static byte[] png(int width, int height, int seed) {
        return encode("png", width, height, seed);
    }

    private static byte[] jpeg(int width, int height, int seed) {
        return encode("jpg", width, height, seed);
    }

    private static byte[] encode(String format, int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(seed * 37 % 256, seed * 71 % 256, seed * 13 % 256));
        g.drawOval(seed % Math.max(1, width / 2), 1, Math.max(1, width / 3), Math.max(1, height / 2));
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
