package io.anidoc.runtime.testing;

import io.anidoc.runtime.config.BlobStoreConfig;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real S3-protocol server inside the test JVM: S3Proxy (Jetty, AWS signature v4) over an
 * in-memory jclouds store, on a free loopback port. Each call of {@link #newBucket()} gives a
 * fresh bucket, so tests stay apart.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "anidoc-test";
    public static final String SECRET_KEY = "anidoc-test-secret";
    public static final String REGION = "us-east-1";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3TestServer(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    public static S3TestServer start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        return new S3TestServer(context, proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates a bucket no other test uses and returns its name. */
    public String newBucket() {
        String bucket = "anidoc-" + UUID.randomUUID().toString().substring(0, 8);
        context.getBlobStore().createContainerInLocation(null, bucket);
        return bucket;
    }

    /** Where a store on this server keeps its blobs: a fresh bucket, key prefix {@code prefix}. */
    public BlobStoreConfig.Location newLocation(String prefix) {
        return new BlobStoreConfig.Location(null, newBucket(), prefix, Optional.of(endpoint()), REGION, true);
    }

    /** The settings a service needs to use a fresh bucket of this server (name, value, ...). */
    public List<String> serviceSettings(String prefix) {
        return List.of("ANIDOC_BLOB_URL", "s3://" + newBucket() + "/" + prefix,
                "ANIDOC_S3_ENDPOINT", endpoint().toString(),
                "ANIDOC_S3_REGION", REGION,
                "ANIDOC_S3_PATH_STYLE", "true");
    }

    /** The environment of a process that uses this server with the AWS default credentials chain. */
    public static Map<String, String> credentialsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
