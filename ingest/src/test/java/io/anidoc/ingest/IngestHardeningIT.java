package io.anidoc.ingest;

import io.anidoc.ingest.IngestClient.Answer;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.testing.HealthProbe;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests built to stall or confuse ingest, over real HTTP and raw sockets against the running service. */
class IngestHardeningIT {

    private static final int MAX_FRAMES = 100_000;

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    static Path work;

    private static RunningService ingest;
    private static IngestClient client;

    @BeforeAll
    static void start() throws Exception {
        ConfigSource config = KAFKA.configSource(
                "ANIDOC_BLOB_ROOT", work.resolve("blobs").toString(),
                "ANIDOC_KAFKA_STREAMS_STATE_DIR", work.resolve("streams").toString(),
                "ANIDOC_INGEST_MAX_BYTES", "1048576",
                "ANIDOC_INGEST_MAX_FRAMES", String.valueOf(MAX_FRAMES),
                "ANIDOC_KAFKA_PRODUCER_MAX_REQUEST_SIZE", "2097152",
                // the API alone, with the default pool of one worker per core: what competes with the event
                // loop here is the parsing itself, not the assembler's Streams threads
                "ANIDOC_INGEST_ASSEMBLER", "false",
                "ANIDOC_WORKER_POOL_SIZE", "2",
                "ANIDOC_LOG_FORMAT", "text");
        ingest = IngestUnderTest.start(config);
        client = new IngestClient(ingest.httpPort(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        IngestUnderTest.stop(ingest);
    }

    @Test
    void healthAnswersWithinASecondWhileTheLargestDeclarationsAreParsed() throws Exception {
        String keyframes = IntStream.range(0, MAX_FRAMES).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String largest = "{\"frameCount\": " + MAX_FRAMES + ", \"keyframes\": [" + keyframes + "]}";
        assertThat(largest.length()).isGreaterThan(580_000).isLessThan(1024 * 1024);
        HealthProbe probe = HealthProbe.start(ingest.httpPort());
        long began = System.nanoTime();
        ExecutorService stations = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String shot = "huge-" + i;
                answers.add(stations.submit(() -> client.declare(shot, largest)));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get(120, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
            Answer repeat = client.declare("huge-0", largest);
            assertThat(repeat.status()).as("the same largest declaration again").isEqualTo(200);
            Answer conflict = client.declare("huge-1", largest.replace(",99999]", "]"));
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.reason()).as("a short reason").hasSizeLessThan(400)
                    .contains("keyframes differ (99999 instead of 100000 listed, first difference at position 99999)");
        } finally {
            stations.shutdownNow();
        }
        long took = (System.nanoTime() - began) / 1_000_000;
        probe.stopAndAssertAnsweredWithin(1_000);
        System.out.printf("8 declarations of %d bytes and one repeat answered in %d ms; slowest of %d health answers %d ms%n",
                largest.length(), took, probe.probes(), probe.slowestMillis());
        assertThat(client.status("huge-3").body().getJsonObject("ingest").getJsonArray("keyframes")).hasSize(MAX_FRAMES);
    }

    @Test
    void aDuplicatedKeyIsRefusedWithItsName() {
        Answer duplicate = client.declare("dup-1", "{\"frameCount\": 3, \"keyframes\": [0], \"frameCount\": 5}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.error()).isEqualTo("duplicate_key");
        assertThat(duplicate.reason()).contains("'frameCount'");
        Answer nested = client.declare("dup-2", "{\"frameCount\": 3, \"keyframes\": [0], \"options\": {\"a\": 1, \"a\": 2}}");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.error()).isEqualTo("duplicate_key");
        assertThat(client.status("dup-1").status()).as("nothing was declared").isEqualTo(404);
    }

    @Test
    void bodiesAreBytesWhateverTheContentTypeAndNeverEchoed() throws Exception {
        assertThat(send("PUT", "/v1/shots/ct-1", "application/x-www-form-urlencoded",
                "{\"frameCount\": 2, \"keyframes\": [0]}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        byte[] png = TestImages.png(64, 48, 3);
        assertThat(send("PUT", "/v1/shots/ct-1/keys/0", "application/x-www-form-urlencoded", png).status()).isEqualTo(201);
        assertThat(send("PUT", "/v1/shots/ct-1/line/1", "multipart/form-data; boundary=x", png).status())
                .as("a PNG is a PNG whatever the header says").isEqualTo(201);

        String secret = "secret-payload-" + "z".repeat(2000);
        Answer form = send("PUT", "/v1/shots/ct-2", "application/x-www-form-urlencoded",
                ("frameCount=3&keyframes=0&note=" + secret).getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.error()).isEqualTo("invalid_json");
        assertThat(form.reason()).doesNotContain("secret-payload").hasSizeLessThan(400);

        assertThat(client.declare("ct-3", "{\"frameCount\": 2, \"keyframes\": [0]}").status()).isEqualTo(201);
        Answer wrapped = send("PUT", "/v1/shots/ct-3/keys/0", "multipart/form-data; boundary=XyZ", multipart("XyZ", png));
        assertThat(wrapped.status()).isEqualTo(415);
        assertThat(wrapped.error()).isEqualTo("unsupported_format");
        assertThat(wrapped.reason()).contains("not a form");
    }

    @Test
    void imagesThePipelineCannotWorkOnAreRefusedAtTheDoor() {
        assertThat(client.declare("tiny-1", "{\"frameCount\": 3, \"keyframes\": [0]}").status()).isEqualTo(201);
        assertRefused(client.key("tiny-1", 0, TestImages.png(1, 1, 0)), 422, "image_too_small", "1x1");
        assertRefused(client.line("tiny-1", 1, TestImages.declaringSize(16_384, 1)), 422, "image_too_small", "16384x1");
        assertRefused(client.line("tiny-1", 1, TestImages.png(12, 12, 0)), 422, "image_too_small", "ANIDOC_INGEST_MIN_DIMENSION");
        assertRefused(client.line("tiny-1", 1, TestImages.png(1700, 40, 0)), 422, "extreme_aspect_ratio", "42.5:1");
        assertThat(client.key("tiny-1", 0, TestImages.png(512, 32, 0)).status()).as("16:1 is allowed").isEqualTo(201);
        assertThat(client.status("tiny-1").body().getJsonObject("ingest").getInteger("keysReceived")).isEqualTo(1);
    }

    @Test
    void unknownRoutesAndWrongMethodsAreExplained() {
        assertRefused(client.get("/v1/shots/"), 404, "not_found", "GET /v1/shots/");
        assertRefused(client.get("/v1/shots/x/paint/0"), 404, "not_found", "/v1/shots/x/paint/0");
        assertRefused(client.put("/v1/shots/x/line/", new byte[] {1}), 404, "not_found", "PUT /v1/shots/x/line/");
        try (RawHttp http = new RawHttp(ingest.httpPort())) {
            RawHttp.Answer method = http.exchange("DELETE /v1/shots/x HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(method.status()).isEqualTo(405);
            assertThat(method.headers().get("allow")).isEqualTo("GET, PUT");
            assertThat(method.error()).isEqualTo("method_not_allowed");
            RawHttp.Answer seal = http.exchange("GET /v1/shots/x/seal HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(seal.status()).isEqualTo(405);
            assertThat(seal.headers().get("allow")).isEqualTo("POST");
            RawHttp.Answer escape = http.exchange("GET /v1/shots/%zz HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(escape.status()).isEqualTo(400);
            assertThat(escape.error()).isEqualTo("bad_request");
        }
    }

    @Test
    void smugglingAndOversizedBodiesCloseTheConnection() {
        String declaration = "{\"frameCount\": 2, \"keyframes\": [0]}";
        try (RawHttp http = new RawHttp(ingest.httpPort())) {
            RawHttp.Answer answer = http.exchange("PUT /v1/shots/smuggle-1 HTTP/1.1\r\nHost: t\r\nContent-Length: "
                    + declaration.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                    + "PUT /v1/shots/smuggle-2 HTTP/1.1\r\nHost: t\r\nContent-Length: " + declaration.length() + "\r\n\r\n"
                    + declaration);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.error()).isEqualTo("ambiguous_framing");
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(client.status("smuggle-1").status()).isEqualTo(404);
        assertThat(client.status("smuggle-2").status()).as("the smuggled request was never served").isEqualTo(404);
        try (RawHttp http = new RawHttp(ingest.httpPort())) {
            RawHttp.Answer answer = http.exchange("PUT /v1/shots/big-1/line/0 HTTP/1.1\r\nHost: t\r\nContent-Length: 67108864\r\n\r\n");
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.error()).isEqualTo("too_large");
            assertThat(answer.reason()).contains("ANIDOC_INGEST_MAX_BYTES");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Answer send(String method, String path, String contentType, byte[] body) {
        try (RawHttp http = new RawHttp(ingest.httpPort(), 60_000)) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            RawHttp.Answer answer = http.send(request.toByteArray()).read();
            return new Answer(answer.status(), answer.json());
        }
    }

    private static byte[] multipart(String boundary, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void assertRefused(Answer answer, int status, String error, String reasonPart) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.error()).as("error of %s", answer.body()).isEqualTo(error);
        assertThat(answer.reason()).as("reason").contains(reasonPart);
    }
}
