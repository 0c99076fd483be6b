package io.anidoc.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay renders, every object it renders is valid against the Kubernetes 1.36 API and the
 * pinned Strimzi, KEDA and Prometheus operator CRDs (unknown fields are errors), and the rules an
 * operator relies on hold: no committed Secret, no replicas under KEDA, locked-down pods, probes
 * that outwait the readiness check, every reference resolvable.
 */
class OverlaysTest {

    /** Secrets that exist without being in the manifests: the operator's and Strimzi's. */
    private static final Set<String> OPERATOR_SECRETS = Set.of("anidoc-ingest-tokens", "anidoc-console-read-tokens", "anidoc-s3", "anidoc-ingest-tls");
    private static final Set<String> STRIMZI_SECRETS = Set.of("anidoc-cluster-ca-cert");

    private static ApiSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = ApiSchemas.load(Path.of("schemas"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everyObjectIsValidAgainstItsSchema(String overlay) {
        List<ObjectNode> objects = render(overlay);
        assertThat(objects).hasSizeGreaterThan(30);
        List<String> errors = new ArrayList<>();
        objects.forEach(object -> errors.addAll(schemas.validate(object)));
        assertThat(errors).as("schema violations in overlay %s", overlay).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everythingLandsInTheOverlaysNamespaceAndNoSecretIsCommitted(String overlay) {
        List<ObjectNode> objects = render(overlay);
        String namespace = overlay.equals("dev") ? "anidoc-dev" : "anidoc";
        assertThat(objects).filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).as(Kustomize.id(o)).isEqualTo(namespace));
        assertThat(objects).extracting(Kustomize::id).contains("Namespace/" + namespace)
                .noneMatch(id -> id.startsWith("Secret/"));
        assertThat(objects).filteredOn(o -> o.path("kind").asText().equals("ScaledObject"))
                .allSatisfy(o -> assertThat(o.at("/spec/triggers/0/metadata/bootstrapServers").asText())
                        .isEqualTo("anidoc-kafka-bootstrap." + namespace + ".svc:9093"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void theConsoleIsServedUnderItsBasePathOnTheIngestsHostAndReachesTheIngest(String overlay) {
        Map<String, ObjectNode> objects = Kustomize.byId(render(overlay));
        ObjectNode console = objects.get("Ingress/anidoc-console");
        ObjectNode ingest = objects.get("Ingress/anidoc-ingest");
        assertThat(console.at("/spec/rules/0/host").asText()).isEqualTo(ingest.at("/spec/rules/0/host").asText());
        assertThat(console.at("/spec/tls").toString()).isEqualTo(ingest.at("/spec/tls").toString());
        String path = console.at("/spec/rules/0/http/paths/0/path").asText();
        JsonNode env = objects.get("Deployment/anidoc-console").at("/spec/template/spec/containers/0/env");
        String basePath = null;
        String ingestUrl = null;
        for (JsonNode variable : env) {
            if (variable.path("name").asText().equals("ANIDOC_CONSOLE_BASE_PATH")) {
                basePath = variable.path("value").asText();
            } else if (variable.path("name").asText().equals("ANIDOC_CONSOLE_INGEST_URL")) {
                ingestUrl = variable.path("value").asText();
            }
        }
        assertThat(basePath).isEqualTo(path + "/");
        assertThat(ingestUrl).isEqualTo("http://" + objects.get("Service/anidoc-ingest").at("/metadata/name").asText());
        // the ingest admits the console's pods, not only the ingress controller
        assertThat(objects.get("NetworkPolicy/anidoc-ingest-from-ingress").at("/spec/ingress/0/from").toString())
                .contains("anidoc-console");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void kedaScaledDeploymentsHaveNoReplicasAndEveryStageIsScaled(String overlay) {
        Map<String, ObjectNode> objects = Kustomize.byId(render(overlay));
        Set<String> scaled = objects.values().stream().filter(o -> o.path("kind").asText().equals("ScaledObject"))
                .map(o -> o.at("/spec/scaleTargetRef/name").asText()).collect(Collectors.toSet());
        assertThat(scaled).containsExactlyInAnyOrder("anidoc-matcher", "anidoc-tracker", "anidoc-colorizer");
        for (String name : scaled) {
            assertThat(objects.get("Deployment/" + name).at("/spec").has("replicas")).as(name).isFalse();
        }
        assertThat(objects.get("TriggerAuthentication/anidoc-kafka")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void podsRunLockedDownWithProbesThatOutwaitTheReadinessCheck(String overlay) {
        Map<String, ObjectNode> objects = Kustomize.byId(render(overlay));
        int readinessSeconds = seconds(objects.get("ConfigMap/anidoc-config").at("/data/ANIDOC_READINESS_TIMEOUT").asText());
        for (ObjectNode workload : workloads(objects)) {
            String id = Kustomize.id(workload);
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(id).isTrue();
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(id).isFalse();
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(id).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(id).isFalse();
                assertThat(security.at("/capabilities/drop").toString()).as(id).isEqualTo("[\"ALL\"]");
                assertThat(container.at("/resources/requests/memory").isMissingNode()).as(id).isFalse();
                assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).as(id).contains("/tmp");
                assertThat(container.path("env").findValuesAsText("name")).as(id).doesNotContain("POD_NAME");
                if (workload.path("kind").asText().equals("Deployment")) {
                    assertThat(container.has("startupProbe") && container.has("livenessProbe")).as(id).isTrue();
                    if (container.path("envFrom").toString().contains("anidoc-config")) {
                        assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).as(id).isGreaterThanOrEqualTo(readinessSeconds);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everyReferencedConfigMapClaimAndSecretExists(String overlay) {
        Map<String, ObjectNode> objects = Kustomize.byId(render(overlay));
        Set<String> kafkaUsers = names(objects, "KafkaUser");
        Set<String> secrets = new HashSet<>(kafkaUsers);
        secrets.addAll(OPERATOR_SECRETS);
        secrets.addAll(STRIMZI_SECRETS);
        for (ObjectNode object : objects.values()) {
            String id = Kustomize.id(object);
            assertThat(object.findValues("secretKeyRef")).extracting(r -> r.path("name").asText()).as(id).allMatch(secrets::contains);
            assertThat(object.findValues("secretRef")).extracting(r -> r.path("name").asText()).as(id).allMatch(secrets::contains);
            assertThat(object.findValues("secretName")).extracting(JsonNode::asText).as(id).allMatch(secrets::contains);
            assertThat(object.findValues("configMapKeyRef")).extracting(r -> r.path("name").asText()).as(id)
                    .allMatch(objects.keySet().stream().map(k -> k.replace("ConfigMap/", "")).collect(Collectors.toSet())::contains);
            assertThat(object.findValues("claimName")).extracting(JsonNode::asText).as(id)
                    .allMatch(names(objects, "PersistentVolumeClaim")::contains);
        }
        // each service authenticates as its own KafkaUser
        for (String service : List.of("ingest", "matcher", "tracker", "colorizer", "sink", "console")) {
            assertThat(objects.get("Deployment/anidoc-" + service).findValues("secretKeyRef"))
                    .anySatisfy(ref -> assertThat(ref.toString()).contains("\"anidoc-" + service + "\"").contains("sasl.jaas.config"));
        }
        assertThat(kafkaUsers).contains("anidoc-keda");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "gpu"})
    void everySettingTheManifestsGiveIsADocumentedOne(String overlay) throws Exception {
        String docs;
        try (Stream<Path> files = Files.list(Path.of("..", "docs"))) {
            docs = files.filter(f -> f.toString().endsWith(".md") && !f.endsWith("operations.md"))
                    .map(OverlaysTest::read).collect(Collectors.joining("\n"));
        }
        Set<String> names = new TreeSet<>();
        for (ObjectNode object : render(overlay)) {
            if (object.path("kind").asText().equals("ConfigMap")) {
                object.path("data").fieldNames().forEachRemaining(names::add);
            }
            object.findValues("env").forEach(env -> env.findValuesAsText("name").forEach(names::add));
        }
        names.removeIf(name -> !name.startsWith("ANIDOC_"));
        assertThat(names).hasSizeGreaterThan(10);
        for (String name : names) {
            // ANIDOC_KAFKA_<PROPERTY>: any Kafka client property, documented as a pattern
            boolean passThrough = name.startsWith("ANIDOC_KAFKA_") && !name.equals("ANIDOC_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(passThrough || docs.contains("| `" + name + "`")).as("%s is documented in a settings table", name).isTrue();
        }
    }

    @Test
    void theGpuOverlayPointsTheStagesAtTritonWhichStartsWithItsModels() {
        Map<String, ObjectNode> objects = Kustomize.byId(render("gpu"));
        JsonNode config = objects.get("ConfigMap/anidoc-config").path("data");
        assertThat(config.path("ANIDOC_TRITON_TARGET").asText()).isEqualTo("dns:///anidoc-triton-headless:8001");
        assertThat(config.path("ANIDOC_MATCHER_ENGINE").asText()).isEqualTo("lightglue");
        assertThat(config.path("ANIDOC_TRACKER_ENGINE").asText()).isEqualTo("cotracker");
        assertThat(config.path("ANIDOC_COLORIZER_ENGINE").asText()).isEqualTo("anidoc");

        JsonNode triton = objects.get("Deployment/anidoc-triton").at("/spec/template/spec");
        assertThat(triton.at("/containers/0/args").toString()).contains("--exit-on-error=false");
        assertThat(triton.at("/containers/0/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
        assertThat(triton.path("volumes").toString()).contains("\"medium\":\"Memory\"").contains("anidoc-models");
        assertThat(objects).containsKeys("Job/anidoc-models-fill", "PersistentVolumeClaim/anidoc-models",
                "Service/anidoc-triton-headless", "PodMonitor/anidoc-triton");
        assertThat(render("prod")).extracting(Kustomize::id).doesNotContain("Deployment/anidoc-triton");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> render(String overlay) {
        return Kustomize.render(Path.of("overlays", overlay));
    }

    private static List<ObjectNode> workloads(Map<String, ObjectNode> objects) {
        return objects.values().stream().filter(o -> Set.of("Deployment", "Job", "StatefulSet").contains(o.path("kind").asText())).toList();
    }

    private static Set<String> names(Map<String, ObjectNode> objects, String kind) {
        return objects.keySet().stream().filter(id -> id.startsWith(kind + "/")).map(id -> id.substring(kind.length() + 1))
                .collect(Collectors.toSet());
    }

    private static int seconds(String duration) {
        if (!duration.endsWith("s")) {
            throw new IllegalArgumentException("expected seconds: " + duration);
        }
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }
}
