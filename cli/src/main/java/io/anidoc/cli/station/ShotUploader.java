package io.anidoc.cli.station;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.anidoc.cli.station.IngestClient.ImageKind;
import io.anidoc.core.shot.Shot;

/**
 * Sends a shot folder to ingest the way a station does: declares the shot (frame count,
 * keyframes, options), uploads every line art and colored keyframe image as it is on disk, then
 * seals it. Uploads run a few at a time; a repeated submission is answered as a repeat.
 */
public final class ShotUploader {

    /** Uploads in flight at once. */
    private static final int PARALLEL_UPLOADS = 4;

    private final IngestClient client;

    public ShotUploader(IngestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** What a submission did. @param newImages images ingest had not held before */
    public record Submission(String shotId, int frameCount, List<Integer> keyframes, int images, int newImages,
                             boolean newlyDeclared) {
    }

    /** Progress of the uploads: called with (images sent, images in all). */
    @FunctionalInterface
    public interface Listener {
        void uploaded(int done, int total);
    }

    public Submission submit(Shot shot, Listener listener) {
        Map<String, Object> options = declarationOptions(shot);
        boolean declared = client.declare(shot.shotId(), shot.frameCount(), shot.keyframes(),
                List.copyOf(shot.sheets().keySet()), options);
        List<Upload> uploads = new ArrayList<>();
        shot.sheets().forEach((name, file) -> uploads.add(new Upload(ImageKind.SHEET, name, file)));
        shot.keys().forEach((index, file) -> uploads.add(new Upload(ImageKind.KEY, String.valueOf(index), file)));
        shot.lines().forEach((index, file) -> uploads.add(new Upload(ImageKind.LINE, String.valueOf(index), file)));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger fresh = new AtomicInteger();
        listener.uploaded(0, uploads.size());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_UPLOADS, runnable -> {
            Thread thread = new Thread(runnable, "anidoc-upload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Upload upload : uploads) {
                pending.add(pool.submit(() -> {
                    if (client.upload(shot.shotId(), upload.kind(), upload.slot(), read(upload.file()))) {
                        fresh.incrementAndGet();
                    }
                    listener.uploaded(done.incrementAndGet(), uploads.size());
                }));
            }
            for (Future<?> future : pending) {
                await(future, pending);
            }
        } finally {
            pool.shutdownNow();
        }
        client.seal(shot.shotId());
        return new Submission(shot.shotId(), shot.frameCount(), shot.keyframes(), uploads.size(), fresh.get(), declared);
    }

    /**
     * The options a shot declares: {@code maxDrawings} and the scalar entries of an
     * {@code options} object in shot.json. The rest of shot.json describes the shot for people.
     */
    public static Map<String, Object> declarationOptions(Shot shot) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (shot.options().get("options") instanceof Map<?, ?> nested) {
            nested.forEach((name, value) -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    options.put(String.valueOf(name), value);
                }
            });
        }
        if (shot.options().get("maxDrawings") instanceof Number number) {
            options.put("maxDrawings", number.intValue());
        }
        return options;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void await(Future<?> future, List<Future<?>> all) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(f -> f.cancel(true));
            throw new IllegalStateException("interrupted while uploading", e);
        } catch (ExecutionException e) {
            all.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private record Upload(ImageKind kind, String slot, Path file) {
    }
}
