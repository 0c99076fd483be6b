package io.anidoc.runtime.blob;

import io.anidoc.runtime.config.BlobStoreConfig;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.testing.S3TestServer;
import io.anidoc.schemas.BlobRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The blob store contract on a real S3-protocol server (S3Proxy in this JVM), and the S3 layout. */
class S3BlobStoreIT extends BlobStoreContract {

    private static S3TestServer server;
    private final List<BlobStore> opened = new ArrayList<>();
    private BlobStoreConfig.Location location;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        location = server.newLocation("pipeline/blobs");
    }

    @AfterEach
    void closeStores() throws Exception {
        for (BlobStore store : opened) {
            store.close();
        }
    }

    @Override
    BlobStore store(boolean verifyReads) {
        BlobStore store = S3BlobStore.open(location, verifyReads, S3TestServer.credentials());
        opened.add(store);
        return store;
    }

    @Override
    void overwrite(BlobRef ref, byte[] bytes) {
        S3BlobStore store = (S3BlobStore) store(false);
        try (S3Client raw = rawClient()) {
            raw.putObject(b -> b.bucket(location.bucket()).key(store.keyOf(BlobAddress.parse(ref.getUri()))),
                    RequestBody.fromBytes(bytes));
        }
    }

    @Test
    void blobsLiveUnderTheKeyPrefixInTheFileStoresLayout() throws Exception {
        BlobRef ref = store().put(randomBytes(4, 1_000), "image/png");
        String sha = ref.getSha256();
        try (S3Client raw = rawClient()) {
            List<String> keys = raw.listObjectsV2(b -> b.bucket(location.bucket())).contents().stream()
                    .map(o -> o.key()).toList();
            assertThat(keys).containsExactly("pipeline/blobs/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha);
            assertThat(raw.headObject(b -> b.bucket(location.bucket()).key(keys.get(0))).contentType()).isEqualTo("image/png");
        }
    }

    @Test
    void anS3UrlInTheSettingsOpensThisStore() throws Exception {
        List<String> settings = server.serviceSettings("from-settings");
        BlobStoreConfig config = BlobStoreConfig.from(ConfigSource.of(settings.toArray(String[]::new)));
        assertThat(config.location().isS3()).isTrue();
        assertThat(config.location().prefix()).isEqualTo("from-settings");
        assertThat(config.location().pathStyle()).isTrue();
        try (BlobStore store = S3BlobStore.open(config.location(), false, S3TestServer.credentials())) {
            BlobRef ref = store.put(new byte[] {1, 2, 3}, "application/octet-stream");
            assertThat(store.get(ref)).containsExactly(1, 2, 3);
            assertThat(store.toString()).contains("s3://" + config.location().bucket() + "/from-settings/");
        }
    }

    private S3Client rawClient() {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.of(S3TestServer.REGION))
                .credentialsProvider(S3TestServer.credentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
    }
}
