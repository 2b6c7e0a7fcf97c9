package dev.microcdi.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A blocking client of the binary wire written from docs/wire.md with plain sockets, independent of the
 * production encoder, to send what the real client never sends (garbage, oversize frames, bad bodies).
 */
public final class WireProbe implements AutoCloseable {
    /** One frame read. */
    public record RawFrame(int type, int flags, int streamId, byte[] payload) {
        public Map<String, String> headers() {
            Map<String, String> out = new LinkedHashMap<>();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(payload);
            int n = Short.toUnsignedInt(b.getShort());
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
                b.get(name);
                byte[] value = new byte[b.getInt()];
                b.get(value);
                out.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    public WireProbe(int port, boolean preface) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
        if (preface) {
            out.write("MCDI/1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    public void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(streamId);
        out.write(payload);
        out.flush();
    }

    public static byte[] headerBlock(Map<String, String> headers) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeShort(headers.size());
        for (Map.Entry<String, String> e : headers.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            d.writeShort(name.length);
            d.write(name);
            d.writeInt(value.length);
            d.write(value);
        }
        return bytes.toByteArray();
    }

    /** Sends a unary JSON request to greeter. */
    public void request(int streamId, String endpoint, String json) throws IOException {
        request(streamId, endpoint, json, Map.of());
    }

    /** Sends a JSON request to greeter with extra headers (e.g. {@code timeout}). */
    public void request(int streamId, String endpoint, String json, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(extra);
        h.put("micro-service", "greeter");
        h.put("micro-endpoint", endpoint);
        h.put("content-type", "application/json");
        frame(1, 0, streamId, headerBlock(h));
        frame(0, 1, streamId, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads frames until the answer of a stream is complete; returns its HEADERS and, if any, DATA. */
    public RawFrame[] answer(int streamId) throws IOException {
        RawFrame headers = null;
        while (true) {
            RawFrame f = read();
            if (f.streamId() != streamId) {
                continue;
            }
            if (f.type() == 1) {
                headers = f;
                if ((f.flags() & 1) != 0) {
                    return new RawFrame[] {headers};
                }
            } else if (f.type() == 0) {
                return new RawFrame[] {headers, f};
            }
        }
    }

    public RawFrame read() throws IOException {
        int length = in.readInt();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new RawFrame(type, flags, stream, payload);
    }

    /** Whether the server closed the connection: reads until end of stream, discarding frames. */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard what the server sent before closing (its SETTINGS)
            }
            return true;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
