package io.anidoc.ingest.assembler;

import io.anidoc.core.shot.ClipPlan;
import io.anidoc.core.shot.ShotIds;
import io.anidoc.ingest.assembler.AssemblerAction.DeleteFrame;
import io.anidoc.ingest.assembler.AssemblerAction.EmitClip;
import io.anidoc.ingest.assembler.AssemblerAction.PutFrame;
import io.anidoc.ingest.assembler.AssemblerAction.PutShot;
import io.anidoc.ingest.assembler.AssemblerAction.Report;
import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.runtime.streams.ShotStatuses;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipSheet;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;
import io.anidoc.schemas.ShotState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The assembler's decisions, without a store: given a shot's state, the images held and one
 * record, the actions to take. Images and declarations may arrive in any order (they travel on
 * two topics); once a sealed shot has every required image, the shot is cut into clips and each
 * clip task is emitted exactly once. Repeated records change nothing: an image slot keeps its
 * first image, a shot that was cut is never cut again, and a new declaration of a shot that was
 * cut (its id reused, e.g. after the topics' retention; told from a repeat of the first
 * declaration by its {@code openedAtMs}) is refused with the reason.
 *
 * <p>A record it cannot use throws {@link IllegalArgumentException} naming the problem; the
 * processor dead-letters it.
 */
final class AssemblerModel {

    static final String STAGE = "assembler";

    private final int defaultMaxDrawings;

    AssemblerModel(int defaultMaxDrawings) {
        this.defaultMaxDrawings = defaultMaxDrawings;
    }

    // ---- images ----------------------------------------------------------------------------

    /** @param shot the shot's state, null when nothing of it was seen yet */
    List<AssemblerAction> onFrame(ShotAssembly shot, FrameIngested frame, FrameSlots frames, long nowMs) {
        String shotId = frame.getShotId();
        int index = frame.getIndex();
        if (index < 0) {
            throw new IllegalArgumentException("frame index " + index + " of shot " + shotId + " is negative");
        }
        if (shot != null && shot.clipped()) {
            return List.of(); // arrived after the shot was cut into clips
        }
        if (shot != null && frame.getKind() == FrameKind.SHEET && index >= shot.sheets().size()) {
            return List.of(warning(shotId, "model sheet " + frame.getSheetName() + " was not declared (sheets "
                    + shot.sheets() + "); ignored", nowMs));
        }
        if (shot != null && frame.getKind() != FrameKind.SHEET && index >= shot.frameCount()) {
            return List.of(warning(shotId, describe(frame) + " is outside the declared frames 0.." + (shot.frameCount() - 1)
                    + "; ignored", nowMs));
        }
        String key = frameKey(shotId, frame.getKind(), index);
        FrameIngested first = frames.get(key);
        if (first != null) {
            String kept = first.getImage().getSha256();
            String sent = frame.getImage().getSha256();
            return kept.equals(sent) ? List.of() : List.of(warning(shotId, describe(frame) + ": a second, different image (sha256 "
                    + sent + ") was ignored; the first one (sha256 " + kept + ") is kept", nowMs));
        }
        List<AssemblerAction> actions = new ArrayList<>();
        actions.add(new PutFrame(key, frame));
        if (shot != null && shot.sealed() && isRequired(shot, frame.getKind(), index)) {
            ShotAssembly updated = shot.withMissing(shot.missing() - 1);
            if (updated.missing() <= 0) {
                actions.addAll(cut(shotId, updated, frames.with(key, frame), nowMs));
            } else {
                actions.add(new PutShot(shotId, updated));
            }
        }
        return actions;
    }

    // ---- declarations and seals ------------------------------------------------------------

    /** @param shot the shot's state, null when nothing of it was seen yet */
    List<AssemblerAction> onShotEvent(ShotAssembly shot, ShotEvent event, FrameSlots frames, long nowMs) {
        String shotId = event.getShotId();
        if (event.getEvent() instanceof ShotOpened opened) {
            ShotAssembly declared = ShotAssembly.opened(opened.getDeclaredFrameCount(),
                    sortedKeyframes(opened.getDeclaredFrameCount(), opened.getKeyframeIndices(), opened.getSheetNames()),
                    ownOptions(opened.getOptions()), opened.getOpenedAtMs(), opened.getSheetNames());
            if (shot == null) {
                return List.of(new PutShot(shotId, declared));
            }
            if (shot.clipped() && shot.openedAtMs() != opened.getOpenedAtMs()) {
                throw new IllegalArgumentException("shot '" + shotId + "' " + ShotIds.USED_ONCE
                        + " (a new declaration arrived after it was cut into clips; nothing of it is processed)");
            }
            if (!shot.sealed() && !sameDeclaration(shot, declared)) {
                return List.of(warning(shotId, "a second, different declaration (frameCount " + declared.frameCount()
                        + ", keyframes " + declared.keyframes() + ") was ignored; the first one is kept", nowMs));
            }
            return List.of();
        }
        if (event.getEvent() instanceof ShotSealed sealed) {
            if (shot != null && (shot.sealed() || shot.clipped())) {
                return List.of();
            }
            int frameCount = sealed.getDeclaredFrameCount();
            ShotAssembly sealedShot = new ShotAssembly(frameCount,
                    sortedKeyframes(frameCount, sealed.getKeyframeIndices(), sealed.getSheetNames()),
                    ownOptions(sealed.getOptions()), keyframeLines(sealed.getOptions()), true, 0, false,
                    shot == null ? 0 : shot.openedAtMs(), sealed.getSheetNames());
            List<String> missing = missing(shotId, sealedShot, frames);
            if (missing.isEmpty()) {
                return cut(shotId, sealedShot, frames, nowMs);
            }
            int required = missing.size() + present(shotId, sealedShot, frames);
            return List.of(new PutShot(shotId, sealedShot.withMissing(missing.size())),
                    report(shotId, ShotState.SEALED, null, required - missing.size(), required, "sealed; waiting for "
                            + missing.size() + " of " + required + " images: "
                            + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                            + (missing.size() > 20 ? ", ..." : ""), nowMs));
        }
        throw new IllegalArgumentException("shot event of shot " + shotId + " carries neither ShotOpened nor ShotSealed");
    }

    // ---- cutting ---------------------------------------------------------------------------

    /** The clip tasks of a complete shot, its reports, its new state and the images it no longer needs. */
    private List<AssemblerAction> cut(String shotId, ShotAssembly shot, FrameSlots frames, long nowMs) {
        List<AssemblerAction> actions = new ArrayList<>();
        int maxDrawings = maxDrawings(shotId, shot, actions, nowMs);
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
        List<ClipSheet> sheets = new ArrayList<>();
        for (int k = 0; k < shot.sheets().size(); k++) {
            FrameIngested sheet = frames.get(frameKey(shotId, FrameKind.SHEET, k));
            sheets.add(ClipSheet.newBuilder().setName(shot.sheets().get(k)).setImage(copy(sheet.getImage())).build());
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
                    .setSheets(sheets)
                    .build();
            tasks.add(task);
            actions.add(new EmitClip(task));
        }
        actions.add(report(shotId, ShotState.CLIPPED, null, plans.size(), plans.size(),
                "cut into " + plans.size() + " clips of at most " + maxDrawings + " drawings", nowMs));
        for (ClipTask task : tasks) {
            for (String warning : task.getWarnings()) {
                actions.add(report(shotId, ShotState.WARNING, task.getClipId(), 0, plans.size(), warning, nowMs));
            }
        }
        actions.add(new PutShot(shotId, shot.asClipped()));
        for (int i = 0; i < shot.frameCount(); i++) {
            actions.add(new DeleteFrame(frameKey(shotId, FrameKind.LINE, i)));
        }
        for (int k : shot.keyframes()) {
            actions.add(new DeleteFrame(frameKey(shotId, FrameKind.KEY, k)));
        }
        for (int k = 0; k < shot.sheets().size(); k++) {
            actions.add(new DeleteFrame(frameKey(shotId, FrameKind.SHEET, k)));
        }
        return actions;
    }

    private int maxDrawings(String shotId, ShotAssembly shot, List<AssemblerAction> actions, long nowMs) {
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
        actions.add(warning(shotId, "option maxDrawings=" + option + " is not a whole number >= 1; using " + defaultMaxDrawings,
                nowMs));
        return defaultMaxDrawings;
    }

    // ---- completeness ----------------------------------------------------------------------

    /** Line art for every drawing that is not a keyframe and for the keyframes sealed with line art; every keyframe and sheet. */
    private static boolean isRequired(ShotAssembly shot, FrameKind kind, int index) {
        if (kind == FrameKind.SHEET) {
            return index < shot.sheets().size();
        }
        if (kind == FrameKind.KEY) {
            return shot.isKeyframe(index);
        }
        return !shot.isKeyframe(index) || shot.hasOwnLineArt(index);
    }

    private static List<String> missing(String shotId, ShotAssembly shot, FrameSlots frames) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < shot.frameCount(); i++) {
            if (isRequired(shot, FrameKind.LINE, i) && frames.get(frameKey(shotId, FrameKind.LINE, i)) == null) {
                missing.add("line " + i);
            }
            if (shot.isKeyframe(i) && frames.get(frameKey(shotId, FrameKind.KEY, i)) == null) {
                missing.add("key " + i);
            }
        }
        for (int k = 0; k < shot.sheets().size(); k++) {
            if (frames.get(frameKey(shotId, FrameKind.SHEET, k)) == null) {
                missing.add("sheet " + shot.sheets().get(k));
            }
        }
        return missing;
    }

    private static int present(String shotId, ShotAssembly shot, FrameSlots frames) {
        int present = 0;
        for (int i = 0; i < shot.frameCount(); i++) {
            if (isRequired(shot, FrameKind.LINE, i) && frames.get(frameKey(shotId, FrameKind.LINE, i)) != null) {
                present++;
            }
            if (shot.isKeyframe(i) && frames.get(frameKey(shotId, FrameKind.KEY, i)) != null) {
                present++;
            }
        }
        for (int k = 0; k < shot.sheets().size(); k++) {
            if (frames.get(frameKey(shotId, FrameKind.SHEET, k)) != null) {
                present++;
            }
        }
        return present;
    }

    // ---- helpers ---------------------------------------------------------------------------

    static String frameKey(String shotId, FrameKind kind, int index) {
        String slot = switch (kind) {
            case LINE -> "L";
            case KEY -> "K";
            case SHEET -> "S";
        };
        return shotId + "/" + slot + "/" + String.format(Locale.ROOT, "%07d", index);
    }

    private static List<Integer> sortedKeyframes(int frameCount, List<Integer> keyframes, List<String> sheets) {
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
        if (sorted.isEmpty() && sheets.isEmpty()) {
            throw new IllegalArgumentException("a shot needs at least one keyframe or one model sheet");
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
        return a.frameCount() == b.frameCount() && a.keyframes().equals(b.keyframes()) && a.options().equals(b.options())
                && a.sheets().equals(b.sheets());
    }

    private static String describe(FrameIngested frame) {
        return frame.getKind().name().toLowerCase(Locale.ROOT) + " " + frame.getIndex();
    }

    private static BlobRef copy(BlobRef ref) {
        return BlobRef.newBuilder(ref).build();
    }

    private static Report warning(String shotId, String message, long nowMs) {
        return report(shotId, ShotState.WARNING, null, 0, 0, message, nowMs);
    }

    private static Report report(String shotId, ShotState state, String clipId, int completed, int total, String message,
                                 long nowMs) {
        return new Report(ShotStatuses.of(STAGE, shotId, state, clipId, completed, total, message, nowMs));
    }
}
