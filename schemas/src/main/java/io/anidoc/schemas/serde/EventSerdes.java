package io.anidoc.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Serdes for the event classes, each knowing every released version of its schema. */
public final class EventSerdes {

  private static final Map<Class<?>, EventSerde<?>> CACHE = new ConcurrentHashMap<>();

  private EventSerdes() {}

  /** The shared serde of a generated event class (serdes are thread-safe). */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> EventSerde<T> of(Class<T> type) {
    return (EventSerde<T>) CACHE.computeIfAbsent(type, t -> create(type));
  }

  private static <T extends SpecificRecord> EventSerde<T> create(Class<T> type) {
    String fullName = SpecificData.get().getSchema(type).getFullName();
    return new EventSerde<>(type, ReleasedSchemas.of(fullName));
  }
}
