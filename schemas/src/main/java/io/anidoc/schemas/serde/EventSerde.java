package io.anidoc.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro event class, in Avro single-object encoding: a two-byte
 * marker, the 8-byte fingerprint of the writer schema, then the binary body.
 *
 * <p>Decoding resolves data written with any known writer schema (the current one and every
 * released version) to the current class. Thread-safe; {@code null} stays {@code null}
 * (tombstones).
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  /**
   * @param type a class generated from an .avsc file of this project
   * @param olderWriterSchemas schemas older producers may have written this type with
   */
  public EventSerde(Class<T> type, Collection<Schema> olderWriterSchemas) {
    TrustedSchemaPackage.ensureTrusted();
    this.type = type;
    Schema schema = SpecificData.get().getSchema(type);
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
    }
    SpecificData model = SpecificData.getForClass(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    Set<Long> known = new HashSet<>();
    known.add(SchemaNormalization.parsingFingerprint64(schema));
    for (Schema older : olderWriterSchemas) {
      if (!older.getFullName().equals(schema.getFullName())) {
        throw new IllegalArgumentException("Writer schema " + older.getFullName()
            + " cannot be read as " + schema.getFullName());
      }
      if (known.add(SchemaNormalization.parsingFingerprint64(older))) {
        decoder.addSchema(older);
      }
    }
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public byte[] serialize(String topic, T event) {
    if (event == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot serialize " + type.getName() + where(topic) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (MissingSchemaException e) {
      throw new SerializationException("Cannot deserialize " + type.getName() + where(topic)
          + ": written with a schema this reader does not know (not this type, or a newer release): "
          + e.getMessage(), e);
    } catch (BadHeaderException e) {
      throw new SerializationException("Cannot deserialize " + type.getName() + where(topic)
          + ": not Avro single-object encoded (" + data.length + " bytes): " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot deserialize " + type.getName() + where(topic)
          + ": corrupt or truncated data (" + data.length + " bytes): " + causes(e), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // the event class is fixed at construction; nothing to configure
  }

  @Override
  public void close() {
    // holds no resources
  }

  /** Avro wraps the telling failure (EOFException, negative length...) in generic ones. */
  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
    }
    return text.toString();
  }

  private static String where(String topic) {
    return topic == null ? "" : " (topic " + topic + ")";
  }
}
