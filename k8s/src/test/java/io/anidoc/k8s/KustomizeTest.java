package io.anidoc.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The renderer does what {@code kubectl kustomize} does for the fields the manifests use. */
class KustomizeTest {

    private static final Path FIXTURES = Path.of("src/test/resources/kustomize");

    @Test
    void anOverlayPatchesNamespacesAndKeepsTheBasesTransformations() {
        Map<String, ObjectNode> objects = Kustomize.byId(Kustomize.render(FIXTURES.resolve("overlay")));

        assertThat(objects).containsOnlyKeys("Deployment/app-one", "Deployment/app-two", "ConfigMap/settings", "Namespace/studio");
        ObjectNode one = objects.get("Deployment/app-one");
        ObjectNode two = objects.get("Deployment/app-two");
        // namespace on namespaced objects only
        assertThat(one.at("/metadata/namespace").asText()).isEqualTo("studio");
        assertThat(objects.get("Namespace/studio").at("/metadata/namespace").isMissingNode()).isTrue();
        // the base's labels reach the base's objects, not the overlay's own
        assertThat(one.at("/metadata/labels/team").asText()).isEqualTo("pipeline");
        assertThat(two.at("/metadata/labels/tier").asText()).isEqualTo("back");
        assertThat(objects.get("Namespace/studio").at("/metadata/labels").isMissingNode()).isTrue();
        // images: tagged and untagged references to the image, other images untouched
        assertThat(one.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("example/app:2.0");
        assertThat(one.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("example/other:1.0");
        assertThat(two.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("example/app:2.0");
        // a name regex target and a label selector target
        assertThat(one.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(two.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(two.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("extra");
        assertThat(one.at("/spec/template/spec/containers/2").isMissingNode()).isTrue();
        // the overlay's patch comes after the base's image transformation, as in Kustomize
        assertThat(two.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("example/app:1.5");
        // replace, remove, add
        assertThat(objects.get("ConfigMap/settings").get("data").toString()).isEqualTo("{\"A\":\"10\",\"C\":\"3\"}");
    }

    @Test
    void aPatchThatMatchesNothingOrMissesItsPathIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("objects.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: '1'}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [objects.yaml]
                patches:
                  - target: {kind: ConfigMap, name: b}
                    patch: '[{"op": "remove", "path": "/data/x"}]'
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no object");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [objects.yaml]
                patches:
                  - target: {kind: ConfigMap, name: a}
                    patch: '[{"op": "replace", "path": "/data/y", "value": "2"}]'
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("ConfigMap/a").hasMessageContaining("no value at /data/y");
    }

    @Test
    void aFieldTheRendererDoesNotImplementIsRefusedNotIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: x-\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("field 'namePrefix' is not supported");
    }

    @Test
    void twoObjectsWithOneIdAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("objects.yaml"), "kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [objects.yaml]\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("ConfigMap/a is defined twice");
    }
}
