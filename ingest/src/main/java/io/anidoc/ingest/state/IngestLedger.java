package io.anidoc.ingest.state;

import io.anidoc.schemas.FrameKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ingest has accepted: declared shots, whether they are sealed, and the SHA-256 of every
 * stored image. It is rebuilt at start-up from the shots and frames topics and then follows them
 * ({@link LedgerFollower}), and the HTTP handlers apply each write as soon as Kafka acknowledged
 * it. For every shot and slot the first record wins, as in the assembler, so replaying the topics
 * in any interleaving gives the same ledger.
 *
 * <p>All methods are cheap and synchronized: the ledger is shared by the event loop and the thread
 * that follows the topics.
 */
public final class IngestLedger {

    private final Map<String, ShotRecord> shots = new HashMap<>();

    /** Records a declaration; an existing one is kept. Returns whether this call declared the shot. */
    public synchronized boolean applyOpened(String shotId, ShotDeclaration declaration) {
        ShotRecord shot = shots.computeIfAbsent(shotId, id -> new ShotRecord());
        if (shot.declaration != null) {
            return false;
        }
        shot.declaration = declaration.withoutReservedOptions();
        return true;
    }

    /** Marks the shot sealed, declaring it first when the opening record was never seen. */
    public synchronized void applySealed(String shotId, ShotDeclaration declaration) {
        ShotRecord shot = shots.computeIfAbsent(shotId, id -> new ShotRecord());
        if (shot.declaration == null) {
            shot.declaration = declaration.withoutReservedOptions();
        }
        shot.sealed = true;
    }

    /** Records an accepted image unless the slot is taken; returns whether it was recorded. */
    public synchronized boolean applyFrame(String shotId, FrameSlot slot, StoredFrame frame) {
        ShotRecord shot = shots.computeIfAbsent(shotId, id -> new ShotRecord());
        if (shot.frames.putIfAbsent(slot, frame) != null) {
            return false;
        }
        // a model sheet has a size of its own
        if (shot.width == 0 && slot.kind() != FrameKind.SHEET) {
            shot.width = frame.width();
            shot.height = frame.height();
        }
        return true;
    }

    public synchronized Optional<ShotDeclaration> declaration(String shotId) {
        ShotRecord shot = shots.get(shotId);
        return shot == null ? Optional.empty() : Optional.ofNullable(shot.declaration);
    }

    public synchronized Optional<StoredFrame> frame(String shotId, FrameSlot slot) {
        ShotRecord shot = shots.get(shotId);
        return shot == null ? Optional.empty() : Optional.ofNullable(shot.frames.get(slot));
    }

    /** The frame size of a shot, once an image was accepted; constant time, unlike {@link #summary}. */
    public synchronized Optional<FrameSize> frameSize(String shotId) {
        ShotRecord shot = shots.get(shotId);
        return shot == null || shot.width == 0 ? Optional.empty() : Optional.of(new FrameSize(shot.width, shot.height));
    }

    /** Whether a declared shot is sealed; empty for a shot never declared. Constant time. */
    public synchronized Optional<Boolean> sealed(String shotId) {
        ShotRecord shot = shots.get(shotId);
        return shot == null || shot.declaration == null ? Optional.empty() : Optional.of(shot.sealed);
    }

    /** A snapshot of a declared shot, linear in its frame count; empty for a shot never declared. */
    public synchronized Optional<ShotSummary> summary(String shotId) {
        ShotRecord shot = shots.get(shotId);
        if (shot == null || shot.declaration == null) {
            return Optional.empty();
        }
        ShotDeclaration declaration = shot.declaration;
        int lines = 0;
        int keys = 0;
        List<Integer> keyframeLines = new ArrayList<>();
        for (FrameSlot slot : shot.frames.keySet()) {
            if (slot.kind() == FrameKind.LINE) {
                lines++;
            } else if (slot.kind() == FrameKind.KEY) {
                keys++;
            }
        }
        for (int k : declaration.keyframes()) {
            if (shot.frames.containsKey(FrameSlot.line(k))) {
                keyframeLines.add(k);
            }
        }
        return Optional.of(new ShotSummary(shotId, declaration, shot.sealed, shot.width, shot.height, lines, keys,
                keyframeLines, missing(shot)));
    }

    public synchronized int shotCount() {
        return (int) shots.values().stream().filter(s -> s.declaration != null).count();
    }

    /** Line art for every drawing that is not a keyframe, a colored image for every keyframe, every declared sheet. */
    private static MissingFrames missing(ShotRecord shot) {
        ShotDeclaration declaration = shot.declaration;
        List<Integer> lines = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < declaration.frameCount(); i++) {
            if (declaration.isKeyframe(i)) {
                if (!shot.frames.containsKey(FrameSlot.key(i))) {
                    keys.add(i);
                }
            } else if (!shot.frames.containsKey(FrameSlot.line(i))) {
                lines.add(i);
            }
        }
        List<String> sheets = new ArrayList<>();
        for (int k = 0; k < declaration.sheets().size(); k++) {
            if (!shot.frames.containsKey(FrameSlot.sheet(k))) {
                sheets.add(declaration.sheets().get(k));
            }
        }
        return new MissingFrames(lines, keys, sheets);
    }

    private static final class ShotRecord {
        ShotDeclaration declaration;
        boolean sealed;
        int width;
        int height;
        final Map<FrameSlot, StoredFrame> frames = new HashMap<>();
    }
}
