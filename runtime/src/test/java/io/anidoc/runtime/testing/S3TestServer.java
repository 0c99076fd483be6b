package io.anidoc.runtime.testing;

import io.anidoc.runtime.config.BlobStoreConfig;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A real S3-protocol server for tests: MinIO in a Testcontainers container where Docker is
 * available, elsewhere S3Proxy (Jetty, AWS signature v4) over an in-memory jclouds store inside
 * this JVM, on a free loopback port. Each call of {@link #newBucket()} gives a fresh bucket, so
 * tests stay apart.
 *
 * <p>System property {@code anidoc.test.s3}: {@code auto} (default), {@code embedded} or
 * {@code container}; {@code anidoc.test.s3.image} picks the MinIO image.
 */
public final class S3TestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3TestServer.class);

    public static final String ACCESS_KEY = "anidoc-test";
    public static final String SECRET_KEY = "anidoc-test-secret";
    public static final String REGION = "us-east-1";

    private final URI endpoint;
    private final AutoCloseable server;
    private final S3Client admin;

    private S3TestServer(URI endpoint, AutoCloseable server) {
        this.endpoint = endpoint;
        this.server = server;
        this.admin = S3Client.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
    }

    public static S3TestServer start() throws Exception {
        String mode = System.getProperty("anidoc.test.s3", "auto").toLowerCase(Locale.ROOT);
        boolean useContainer = switch (mode) {
            case "embedded" -> false;
            case "container" -> true;
            case "auto" -> ContainerSupport.dockerAvailable();
            default -> throw new IllegalArgumentException("anidoc.test.s3=" + mode + ": must be auto, embedded or container");
        };
        if (useContainer) {
            ContainerSupport.RunningMinio minio = ContainerSupport.startMinio(ACCESS_KEY, SECRET_KEY);
            LOG.info("test S3 server: MinIO in a container at {}", minio.endpoint());
            return new S3TestServer(minio.endpoint(), minio);
        }
        return startInThisJvm();
    }

    private static S3TestServer startInThisJvm() throws Exception {
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
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        LOG.info("test S3 server: S3Proxy in this JVM at {}", endpoint);
        return new S3TestServer(endpoint, () -> {
            proxy.stop();
            context.close();
        });
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates a bucket no other test uses (over the S3 protocol) and returns its name. */
    public String newBucket() {
        String bucket = "anidoc-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(b -> b.bucket(bucket));
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

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() throws Exception {
        admin.close();
        server.close();
    }
}
