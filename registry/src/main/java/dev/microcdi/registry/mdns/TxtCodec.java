package dev.microcdi.registry.mdns;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Go Micro's TXT encoding: JSON, then zlib, then lower-case hex, split into strings of at most 255
 * characters; the reader joins the strings before decoding. Decoding bounds the inflated size, so a
 * compressed bomb is refused.
 */
final class TxtCodec {
    private static final int CHUNK = 255;
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final int maxJsonBytes;

    /**
     * Creates a codec.
     *
     * @param maxJsonBytes the largest JSON a TXT record may inflate to
     */
    TxtCodec(int maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    List<String> encode(TxtPayload payload) {
        byte[] raw;
        try {
            raw = json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 16);
            byte[] buf = new byte[1024];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            String hex = HEX.formatHex(out.toByteArray());
            List<String> chunks = new ArrayList<>(hex.length() / CHUNK + 1);
            for (int i = 0; i < hex.length(); i += CHUNK) {
                chunks.add(hex.substring(i, Math.min(hex.length(), i + CHUNK)));
            }
            return chunks;
        } finally {
            deflater.end();
        }
    }

    /**
     * Decodes the strings of a TXT record.
     *
     * @param strings the strings
     * @return the payload
     * @throws IllegalArgumentException when the strings are not a valid encoding
     */
    TxtPayload decode(List<String> strings) {
        String hex = String.join("", strings);
        if (hex.isEmpty()) {
            throw new IllegalArgumentException("empty TXT record");
        }
        byte[] compressed = HEX.parseHex(hex);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buf = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated zlib data in TXT record");
                }
                if (out.size() + n > maxJsonBytes) {
                    throw new IllegalArgumentException("TXT record inflates beyond " + maxJsonBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            TxtPayload payload = json.readValue(out.toByteArray(), TxtPayload.class);
            if (payload.service() == null || payload.service().isBlank()) {
                throw new IllegalArgumentException("TXT record names no service");
            }
            return payload;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad zlib data in TXT record", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JSON in TXT record: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
