package io.anidoc.core.colorize;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Finishes a clip's drawings in frame order, each as soon as every chain that reaches it has stepped
 * on it and the drawings before it are finished, and remembers the last finished drawing's paint
 * (a region's paint persists into the next drawing).
 */
final class Finisher {
    private final List<Integer> drawings;
    private final Map<Integer, ChainStep[]> chains;
    private int next;
    private Integer previousDrawing;
    private short[] previousFill;

    /** @param chains per drawing, one slot for each chain that reaches it */
    Finisher(List<Integer> drawings, Map<Integer, ChainStep[]> chains) {
        this.drawings = drawings;
        this.chains = chains;
    }

    /** Finishes the drawings now ready, in frame order. */
    void finishReady(IntConsumer finish) {
        while (next < drawings.size() && complete(drawings.get(next))) {
            finish.accept(drawings.get(next++));
        }
    }

    private boolean complete(int drawing) {
        for (ChainStep step : chains.get(drawing)) {
            if (step == null) {
                return false;
            }
        }
        return true;
    }

    /** Records the paint of the drawing just finished (the array itself: later repaints of it count). */
    void finished(int drawing, short[] fill) {
        previousDrawing = drawing;
        previousFill = fill;
    }

    Integer previousDrawing() {
        return previousDrawing;
    }

    short[] previousFill() {
        return previousFill;
    }
}
