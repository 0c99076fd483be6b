package io.anidoc.core.colorize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Gathers the chain steps of a clip's drawings and finishes the drawings in frame order, each as soon
 * as every chain that reaches it has stepped on it and the drawings before it are finished; remembers
 * the last finished drawing's paint (a region's paint persists into the next drawing).
 */
final class Finisher {
    private final List<Integer> drawings;
    private final List<ChainRun> runs;
    /** Per drawing, one slot for each chain that reaches it, in the order of the runs (the merge breaks ties by it). */
    private final Map<Integer, ChainStep[]> chains = new HashMap<>();
    private int next;
    private Integer previousDrawing;
    private short[] previousFill;

    Finisher(List<Integer> drawings, List<ChainRun> runs) {
        this.drawings = drawings;
        this.runs = runs;
        for (int d : drawings) {
            chains.put(d, new ChainStep[(int) runs.stream().filter(run -> run.order().contains(d)).count()]);
        }
    }

    /** Records what a run found for a drawing, in the drawing's slot for that run. */
    void add(ChainRun run, int drawing, ChainStep step) {
        int slot = 0;
        for (ChainRun other : runs) {
            if (other == run) {
                break;
            }
            slot += other.order().contains(drawing) ? 1 : 0;
        }
        chains.get(drawing)[slot] = step;
    }

    /** Finishes the drawings now ready, in frame order, each with its chain steps; then lets those go. */
    void finishReady(ObjIntConsumer<List<ChainStep>> finish) {
        while (next < drawings.size() && complete(drawings.get(next))) {
            int d = drawings.get(next++);
            finish.accept(List.of(chains.remove(d)), d);
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
