package io.anidoc.ingest.assembler;

import io.anidoc.core.shot.ClipPlan;
import io.anidoc.core.shot.ShotIds;
import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.runtime.streams.DeadLetters;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;
import io.anidoc.schemas.ShotState;
import io.anidoc.runtime.streams.ShotStatuses;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Joins a shot's images with its declaration. Images and declarations may arrive in any order
 * (they travel on two topics); once a sealed shot has every required image, the shot is cut into
 * clips and each clip task is emitted exactly once. Repeated records change nothing: an image slot
 * keeps its first image, a shot that was cut is never cut again.
 */
final class AssemblerProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    static final String STAGE = "assembler";
    private static final Logger LOG = LoggerFactory.getLogger(AssemblerProcessor.class);

    private final int defaultMaxDrawings;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ShotAssembly> shots;
    private KeyValueStore<String, FrameIngested> frames;

    AssemblerProcessor(int defaultMaxDrawings) {
        this.defaultMaxDrawings = defaultMaxDrawings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.shots = context.getStateStore(AssemblerTopology.SHOTS_STORE);
        this.frames = context.getStateStore(AssemblerTopology.FRAMES_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.value() instanceof FrameIngested frame) {
                checkShotId(record.key(), frame.getShotId());
                onFrame(record, frame);
            } else if (record.value() instanceof ShotEvent event) {
                checkShotId(record.key(), event.getShotId());
                onShotEvent(record, event);
            } else {
                throw new IllegalArgumentException("unexpected record type " + record.value().getClass().getName());
            }
        } catch (RuntimeException e) {
            deadLetter(record, e);
        }
    }

    // ---- images ----------------------------------------------------------------------------

    private void onFrame(Record<String, SpecificRecord> record, FrameIngested frame) {
        String shotId = frame.getShotId();
        int index = frame.getIndex();
        if (index < 0) {
            throw new IllegalArgumentException("frame index " + index + " of shot " + shotId + " is negative");
        }
        ShotAssembly shot = shots.get(shotId);
        if (shot != null && shot.clipped()) {
            LOG.debug("{} {} {} arrived after the shot was cut into clips; ignored", shotId, frame.getKind(), index);
            return;
        }
        if (shot != null && index >= shot.frameCount()) {
            warn(record, shotId, describe(frame) + " is outside the declared frames 0.." + (shot.frameCount() - 1) + "; ignored");
            return;
        }
        String key = frameKey(shotId, frame.getKind(), index);
        FrameIngested first = frames.get(key);
        if (first != null) {
            String kept = first.getImage().getSha256();
            String sent = frame.getImage().getSha256();
            if (!kept.equals(sent)) {
                warn(record, shotId, describe(frame) + ": a second, different image (sha256 " + sent
                        + ") was ignored; the first one (sha256 " + kept + ") is kept");
            }
            return;
        }
        frames.put(key, frame);
        if (shot != null && shot.sealed() && isRequired(shot, frame.getKind(), index)) {
            ShotAssembly updated = shot.withMissing(shot.missing() - 1);
            if (updated.missing() <= 0) {
                emit(record, shotId, updated);
            } else {
                shots.put(shotId, updated);
            }
        }
    }

    // ---- declarations and seals ------------------------------------------------------------

    private void onShotEvent(Record<String, SpecificRecord> record, ShotEvent event) {
        String shotId = event.getShotId();
        ShotAssembly shot = shots.get(shotId);
        if (event.getEvent() instanceof ShotOpened opened) {
            ShotAssembly declared = ShotAssembly.opened(opened.getDeclaredFrameCount(),
                    sortedKeyframes(opened.getDeclaredFrameCount(), opened.getKeyframeIndices()), ownOptions(opened.getOptions()));
            if (shot == null) {
                shots.put(shotId, declared);
            } else if (!shot.sealed() && !sameDeclaration(shot, declared)) {
                warn(record, shotId, "a second, different declaration (frameCount " + declared.frameCount() + ", keyframes "
                        + declared.keyframes() + ") was ignored; the first one is kept");
            }
        } else if (event.getEvent() instanceof ShotSealed sealed) {
            if (shot != null && (shot.sealed() || shot.clipped())) {
                return;
            }
            int frameCount = sealed.getDeclaredFrameCount();
            ShotAssembly sealedShot = new ShotAssembly(frameCount, sortedKeyframes(frameCount, sealed.getKeyframeIndices()),
                    ownOptions(sealed.getOptions()), keyframeLines(sealed.getOptions()), true, 0, false);
            List<String> missing = missing(shotId, sealedShot);
            if (missing.isEmpty()) {
                emit(record, shotId, sealedShot);
                return;
            }
            shots.put(shotId, sealedShot.withMissing(missing.size()));
            int required = missing.size() + present(shotId, sealedShot);
            forward(record, AssemblerTopology.STATUS_SINK, shotId, status(shotId, ShotState.SEALED, null,
                    required - missing.size(), required, "sealed; waiting for " + missing.size() + " of " + required
                            + " images: " + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                            + (missing.size() > 20 ? ", ..." : "")));
        } else {
            throw new IllegalArgumentException("shot event of shot " + shotId + " carries neither ShotOpened nor ShotSealed");
        }
    }

    // ---- emission --------------------------------------------------------------------------

    private void emit(Record<String, SpecificRecord> record, String shotId, ShotAssembly shot) {
        int maxDrawings = maxDrawings(record, shotId, shot);
        List<ClipPlan> plans = AssemblyPlan.plan(shot.frameCount(), shot.keyframes(), maxDrawings);
        List<List<ClipFrame>> framesPerClip = new ArrayList<>();
        FrameIngested any = null;
        for (ClipPlan plan : plans) {
            List<ClipFrame> clipFrames = new ArrayList<>();
            for (int index : plan.frames()) {
                FrameIngested line = frames.get(frameKey(shotId, FrameKind.LINE, index));
                FrameIngested key = plan.references().contains(index) ? frames.get(frameKey(shotId, FrameKind.KEY, index)) : null;
                any = any != null ? any : line != null ? line : key;
                clipFrames.add(ClipFrame.newBuilder()
                        .setIndex(index)
                        .setLine(line == null ? null : copy(line.getImage()))
                        .setKey(key == null ? null : copy(key.getImage()))
                        .build());
            }
            framesPerClip.add(clipFrames);
        }
        List<ClipTask> tasks = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            ClipPlan plan = plans.get(i);
            ClipTask task = ClipTask.newBuilder()
                    .setClipId(AssemblyPlan.clipId(shotId, plan.index()))
                    .setShotId(shotId)
                    .setClipIndex(plan.index())
                    .setClipCount(plans.size())
                    .setFrames(framesPerClip.get(i))
                    .setWidth(any == null ? 0 : any.getWidth())
                    .setHeight(any == null ? 0 : any.getHeight())
                    .setOptions(new TreeMap<>(shot.options()))
                    .setWarnings(plan.warnings())
                    .build();
            tasks.add(task);
            forward(record, AssemblerTopology.CLIPS_SINK, task.getClipId(), task);
        }
        forward(record, AssemblerTopology.STATUS_SINK, shotId, status(shotId, ShotState.CLIPPED, null, plans.size(),
                plans.size(), "cut into " + plans.size() + " clips of at most " + maxDrawings + " drawings"));
        for (ClipTask task : tasks) {
            for (String warning : task.getWarnings()) {
                forward(record, AssemblerTopology.STATUS_SINK, shotId,
                        status(shotId, ShotState.WARNING, task.getClipId(), 0, plans.size(), warning));
            }
        }
        shots.put(shotId, shot.asClipped());
        for (int i = 0; i < shot.frameCount(); i++) {
            frames.delete(frameKey(shotId, FrameKind.LINE, i));
        }
        for (int k : shot.keyframes()) {
            frames.delete(frameKey(shotId, FrameKind.KEY, k));
        }
        LOG.info("shot {} cut into {} clips", shotId, plans.size());
    }

    private int maxDrawings(Record<String, SpecificRecord> record, String shotId, ShotAssembly shot) {
        String option = shot.options().get(ShotDeclaration.MAX_DRAWINGS_OPTION);
        if (option == null) {
            return defaultMaxDrawings;
        }
        try {
            int value = Integer.parseInt(option.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warn(record, shotId, "option maxDrawings=" + option + " is not a whole number >= 1; using " + defaultMaxDrawings);
        return defaultMaxDrawings;
    }

    // ---- completeness ----------------------------------------------------------------------

    /** Line art for every drawing that is not a keyframe and for the keyframes sealed with line art; every keyframe. */
    private static boolean isRequired(ShotAssembly shot, FrameKind kind, int index) {
        if (kind == FrameKind.KEY) {
            return shot.isKeyframe(index);
        }
        return !shot.isKeyframe(index) || shot.hasOwnLineArt(index);
    }

    private List<String> missing(String shotId, ShotAssembly shot) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < shot.frameCount(); i++) {
            if (isRequired(shot, FrameKind.LINE, i) && frames.get(frameKey(shotId, FrameKind.LINE, i)) == null) {
                missing.add("line " + i);
            }
            if (shot.isKeyframe(i) && frames.get(frameKey(shotId, FrameKind.KEY, i)) == null) {
                missing.add("key " + i);
            }
        }
        return missing;
    }

    private int present(String shotId, ShotAssembly shot) {
        int present = 0;
        for (int i = 0; i < shot.frameCount(); i++) {
            if (isRequired(shot, FrameKind.LINE, i) && frames.get(frameKey(shotId, FrameKind.LINE, i)) != null) {
                present++;
            }
            if (shot.isKeyframe(i) && frames.get(frameKey(shotId, FrameKind.KEY, i)) != null) {
                present++;
            }
        }
        return present;
    }

    // ---- helpers ---------------------------------------------------------------------------

    static String frameKey(String shotId, FrameKind kind, int index) {
        return shotId + "/" + (kind == FrameKind.LINE ? "L" : "K") + "/" + String.format(Locale.ROOT, "%07d", index);
    }

    private static void checkShotId(String key, String shotId) {
        if (!ShotIds.isValid(shotId)) {
            throw new IllegalArgumentException(ShotIds.problem(shotId));
        }
        if (!shotId.equals(key)) {
            throw new IllegalArgumentException("record key '" + key + "' differs from its shot id '" + shotId
                    + "'; shot records must be keyed by shot id");
        }
    }

    private static List<Integer> sortedKeyframes(int frameCount, List<Integer> keyframes) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("declared frame count " + frameCount + " is below 1");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer k : keyframes) {
            if (k == null || k < 0 || k >= frameCount) {
                throw new IllegalArgumentException("keyframe " + k + " is outside the shot (frames 0.." + (frameCount - 1) + ")");
            }
            sorted.add(k);
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a shot needs at least one keyframe");
        }
        return List.copyOf(sorted);
    }

    private static Map<String, String> ownOptions(Map<String, String> options) {
        Map<String, String> own = new TreeMap<>(options);
        own.keySet().removeIf(name -> name.startsWith(ShotDeclaration.RESERVED_OPTION_PREFIX));
        return own;
    }

    private static List<Integer> keyframeLines(Map<String, String> options) {
        String value = Optional.ofNullable(options.get(ShotDeclaration.KEYFRAME_LINES_OPTION)).orElse("").trim();
        if (value.isEmpty()) {
            return List.of();
        }
        List<Integer> indices = new ArrayList<>();
        for (String part : value.split(",")) {
            indices.add(Integer.parseInt(part.trim()));
        }
        return indices;
    }

    private static boolean sameDeclaration(ShotAssembly a, ShotAssembly b) {
        return a.frameCount() == b.frameCount() && a.keyframes().equals(b.keyframes()) && a.options().equals(b.options());
    }

    private static String describe(FrameIngested frame) {
        return frame.getKind().name().toLowerCase(Locale.ROOT) + " " + frame.getIndex();
    }

    private static BlobRef copy(BlobRef ref) {
        return BlobRef.newBuilder(ref).build();
    }

    private ShotStatus status(String shotId, ShotState state, String clipId, int completed, int total, String message) {
        return ShotStatuses.of(STAGE, shotId, state, clipId, completed, total, message, context.currentSystemTimeMs());
    }

    private void warn(Record<String, SpecificRecord> record, String shotId, String message) {
        LOG.warn("shot {}: {}", shotId, message);
        forward(record, AssemblerTopology.STATUS_SINK, shotId, status(shotId, ShotState.WARNING, null, 0, 0, message));
    }

    private void forward(Record<String, SpecificRecord> cause, String sink, String key, SpecificRecord value) {
        context.forward(new Record<>(key, value, cause.timestamp()), sink);
    }

    @SuppressWarnings("unchecked")
    private void deadLetter(Record<String, SpecificRecord> record, RuntimeException error) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String shotId = DeadLetters.shotIdOfKey(record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8));
        LOG.warn("shot {}: record {}-{}@{} sent to the dead-letter topic: {}", shotId,
                source.map(RecordMetadata::topic).orElse("?"), source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L), error.toString());
        SpecificRecord value = record.value();
        byte[] valueBytes = EventSerdes.of((Class<SpecificRecord>) value.getClass()).serializer()
                .serialize(source.map(RecordMetadata::topic).orElse(""), value);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetters.of(STAGE, error, source.map(RecordMetadata::topic).orElse(null),
                source.map(RecordMetadata::partition).orElse(-1), source.map(RecordMetadata::offset).orElse(-1L),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), valueBytes, shotId, now);
        forward(record, AssemblerTopology.DEADLETTER_SINK, record.key(), letter);
        if (shotId != null) {
            forward(record, AssemblerTopology.STATUS_SINK, shotId,
                    DeadLetters.failed(STAGE, shotId, null, error.getMessage(), now));
        }
    }
}
