package io.anidoc.matcher.lightglue;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.match.ClipMatcher;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.FramePair;
import io.anidoc.core.match.PairMatches;
import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.matcher.MatcherMain;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceUnderTest;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.runtime.testing.TestModelRepository;
import io.anidoc.schemas.ClipMatched;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The matcher with {@code ANIDOC_MATCHER_ENGINE=lightglue} against the embedded inference server and its stand-in model. */
class LightGlueMatcherServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The generated shot's parts move up to about 1.6 times 5 pixels per frame. */
    private static final double MAX_MOTION_PER_FRAME = 8;

    @TempDir
    Path work;

    private InferenceServer server;
    private StageServiceUnderTest service;

    @BeforeEach
    void start() throws Exception {
        server = InferenceServer.start(TestModelRepository.copy(work.resolve("models"), "lightglue"), "127.0.0.1", 0);
        service = StageServiceUnderTest.start(KAFKA, "matcher", new StageService<>(MatcherMain.MODULE), work,
                "ANIDOC_MATCHER_ENGINE", "lightglue",
                "ANIDOC_TRITON_TARGET", "127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        server.close();
    }

    @Test
    void matchesAGeneratedClipWithTheModelAndVerifiesTheMatches() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), service.blobs(), "lg");
        service.send(Topic.CLIPS, clip.task().getClipId(), clip.task());

        List<ConsumerRecord<String, ClipMatched>> out = service.tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        ClipMatched matched = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("lg/clip-000");
        assertThat(matched.getEngine()).isEqualTo(LightGlueMatcher.NAME);
        assertThat(matched.getTask()).isEqualTo(clip.task());
        assertThat(matched.getMatches().getMediaType()).isEqualTo(Intermediates.MATCHES_MEDIA_TYPE);
        ClipMatches matches = Intermediates.decodeMatches(service.blobs().get(matched.getMatches()));

        // the pairs the CPU engine plans, in its order
        List<FramePair> planned = ClipMatcher.plan(clip.plan().frames(), clip.plan().references());
        assertThat(matches.pairs()).extracting(p -> new FramePair(p.fromFrame(), p.toFrame())).containsExactlyElementsOf(planned);

        // the stand-in's mutual nearest neighbours, verified, move as the CPU engine sees the shot move
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipMatches cpu = engine.match(engine.prepare(clip.readDirectly()));
        int verifiedPairs = 0;
        for (PairMatches pair : matches.pairs()) {
            if (pair.isEmpty()) {
                continue;
            }
            verifiedPairs++;
            int frames = Math.abs(pair.toFrame() - pair.fromFrame());
            assertThat(pair.size()).isGreaterThanOrEqualTo(EngineSettings.defaults().match().minInliers());
            assertThat(medianDisplacement(pair)).isLessThan(MAX_MOTION_PER_FRAME * frames + 2);
            PairMatches reference = cpu.between(pair.fromFrame(), pair.toFrame());
            assertThat(reference.affine()).as("CPU model of %s", pair).isNotNull();
            double[] centroid = centroid(pair.fromXy());
            double[] ours = pair.mapFrom(centroid[0], centroid[1]);
            double[] theirs = reference.mapFrom(centroid[0], centroid[1]);
            assertThat(ours[0]).as("x of %s", pair).isCloseTo(theirs[0], within(2.0));
            assertThat(ours[1]).as("y of %s", pair).isCloseTo(theirs[1], within(2.0));
            for (int k = 0; k < pair.size(); k++) {
                assertThat(pair.score()[k]).isBetween(0.1f, 1f);
            }
        }
        assertThat(verifiedPairs).isGreaterThanOrEqualTo(planned.size() - 1);

        service.assertProcessedTheOnlyClip("matcher", "lg/clip-000", WAIT);
        String ready = service.get("/health/ready").body();
        assertThat(ready).contains("\"model\":{\"status\":\"UP\"").contains("\"model\":\"lightglue\"")
                .contains("\"breaker\":\"CLOSED\"");
        assertThat(service.get("/metrics").body())
                .containsPattern("anidoc_inference_call_seconds_count\\{[^}]*model=\"lightglue\"[^}]*outcome=\"OK\"[^}]*rpc=\"ModelInfer\"");
    }

    private static double medianDisplacement(PairMatches pair) {
        double[] d = new double[pair.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = Math.hypot(pair.toXy()[2 * k] - pair.fromXy()[2 * k], pair.toXy()[2 * k + 1] - pair.fromXy()[2 * k + 1]);
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    private static double[] centroid(float[] xy) {
        double x = 0;
        double y = 0;
        for (int k = 0; k < xy.length; k += 2) {
            x += xy[k];
            y += xy[k + 1];
        }
        int n = xy.length / 2;
        return new double[] {x / n, y / n};
    }
}
