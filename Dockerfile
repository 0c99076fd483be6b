# The service image: the services' release archive built by Maven (dist/, without the embedded
# broker and inference server the command line uses) on a plain JRE 17, run as a
# non-root user. The root filesystem can be read-only: the JVM, OpenCV and ONNX Runtime write only
# to /tmp (an emptyDir in Kubernetes), Kafka Streams state goes to ANIDOC_KAFKA_STREAMS_STATE_DIR.
#
#   docker build -t anidoc/anidoc-stream:0.3.0 .
#   docker run --rm -e ANIDOC_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 anidoc/anidoc-stream:0.3.0 matcher
#
# Base images are pinned by tag (bump both together, docs/operations.md).
ARG JDK_IMAGE=eclipse-temurin:17.0.16_8-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.16_8-jre-noble

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# the wrapper and the poms first, so the dependency download is cached apart from the sources
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY proto/pom.xml proto/
COPY schemas/pom.xml schemas/
COPY core/pom.xml core/
COPY runtime/pom.xml runtime/
COPY ingest/pom.xml ingest/
COPY matcher/pom.xml matcher/
COPY tracker/pom.xml tracker/
COPY colorizer/pom.xml colorizer/
COPY sink/pom.xml sink/
COPY cli/pom.xml cli/
COPY dist/pom.xml dist/
# warms the dependency cache; it cannot resolve the project's own modules yet, so it may end early
RUN ./mvnw -B -q dependency:go-offline -pl dist -am || echo "dependency cache partly warmed"
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl dist -am \
 && mkdir /anidoc \
 && tar -xzf dist/target/anidoc-services-*.tar.gz -C /anidoc --strip-components=1

FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 anidoc \
 && useradd --system --uid 10001 --gid anidoc --home-dir /tmp --no-create-home --shell /usr/sbin/nologin anidoc
COPY --from=build /anidoc /opt/anidoc
# Heap from the container's memory limit: half of it, since OpenCV's native buffers live outside
# the heap (a 4K colorizer needs about 1.2 GiB of them: docs/performance.md, "Memory per
# service"); ANIDOC_CPUS (set from the pod's CPU request) sets the processor count the worker
# pools size themselves by. The parallel collector: a stage works on whole clips, where a pause
# costs nothing, and G1's concurrent marking would take its CPU from the workers.
ENV ANIDOC_JAVA_OPTS="-XX:+UseParallelGC -XX:MaxRAMPercentage=50.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError" \
    ANIDOC_KAFKA_STREAMS_STATE_DIR=/var/lib/anidoc/streams \
    PATH=/opt/anidoc/bin:$PATH
RUN mkdir -p /var/lib/anidoc/streams && chown -R 10001:10001 /var/lib/anidoc
USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["/opt/anidoc/bin/anidoc", "service"]
CMD ["--help"]
