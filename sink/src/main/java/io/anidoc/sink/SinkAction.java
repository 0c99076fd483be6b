package io.anidoc.sink;

import io.anidoc.schemas.ClipColorized;
import org.apache.avro.specific.SpecificRecord;

/** What the sink decided to do with one clip, carried out in order by {@link ShotCollector}. */
sealed interface SinkAction {

    /** Keep a colored clip until its shot is complete. */
    record PutClip(ClipColorized clip) implements SinkAction {
    }

    /** Store the shot's new state. */
    record PutShot(String shotId, CollectedShot shot) implements SinkAction {
    }

    /** Forget a clip of a delivered shot. */
    record DeleteClip(String clipId) implements SinkAction {
    }

    /** Publish a record keyed by the shot id: a status report or the shot's {@code ShotFinished}. */
    record Emit(String shotId, SpecificRecord value) implements SinkAction {
    }

    /** Every clip of the shot is in: write its deliverables (I/O), then ask {@link CollectorModel#delivered}. */
    record Deliver(String shotId, CollectedShot shot) implements SinkAction {
    }
}
