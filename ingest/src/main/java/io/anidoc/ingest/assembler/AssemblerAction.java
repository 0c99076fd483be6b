package io.anidoc.ingest.assembler;

import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.ShotStatus;

/** What the assembler decided to do with one record, carried out in order by {@link AssemblerProcessor}. */
sealed interface AssemblerAction {

    /** Store the shot's new state. */
    record PutShot(String shotId, ShotAssembly shot) implements AssemblerAction {
    }

    /** Keep an image in its slot. */
    record PutFrame(String key, FrameIngested frame) implements AssemblerAction {
    }

    /** Forget an image slot (the shot was cut into clips). */
    record DeleteFrame(String key) implements AssemblerAction {
    }

    /** Emit a clip task, keyed by its clip id. */
    record EmitClip(ClipTask task) implements AssemblerAction {
    }

    /** Report progress or a warning, keyed by the shot id. */
    record Report(ShotStatus status) implements AssemblerAction {
    }
}
