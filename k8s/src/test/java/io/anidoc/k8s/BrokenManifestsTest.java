package io.anidoc.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each deliberately broken object fails validation with a message that names its mistake. */
class BrokenManifestsTest {

    private static Map<String, ObjectNode> objects;
    private static ApiSchemas schemas;

    @BeforeAll
    static void render() {
        schemas = ApiSchemas.load(Path.of("schemas"));
        objects = Kustomize.byId(Kustomize.render(Path.of("src/test/resources/broken")));
    }

    @Test
    void anUnknownFieldOfABuiltInKindIsAnError() {
        assertThat(errors("Deployment/typo")).singleElement().asString()
                .contains("Deployment/typo").contains("replica").contains("not defined in the schema");
        assertThat(errors("Pod/misplaced")).singleElement().asString().contains("$.spec").contains("imagePullPolicy");
    }

    @Test
    void anApiVersionTheOperatorNoLongerServesIsAnError() {
        assertThat(errors("KafkaTopic/old-api")).containsExactly(
                "KafkaTopic/old-api: no schema for apiVersion/kind kafka.strimzi.io/v1beta2 KafkaTopic");
    }

    @Test
    void aWrongTypeOrAnUnknownFieldOfACustomResourceIsAnError() {
        assertThat(errors("KafkaTopic/wrong-type")).singleElement().asString()
                .contains("$.spec.partitions").contains("integer");
        assertThat(errors("KafkaUser/old-acl")).anySatisfy(e -> assertThat(e).contains("operation"))
                .anySatisfy(e -> assertThat(e).contains("operations"));
        assertThat(errors("ScaledObject/unknown-field")).singleElement().asString().contains("minReplicas");
        assertThat(errors("PodMonitor/bad-metadata")).singleElement().asString().contains("metadata").contains("label");
    }

    private static List<String> errors(String id) {
        return schemas.validate(objects.get(id));
    }
}
