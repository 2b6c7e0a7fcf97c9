package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

/**
 * The body of one message as a codec reads it. It releases its buffer when closed. A codec of this module that
 * parses from memory takes the buffer itself ({@link #buffer()}) and skips the copy into an array that reading
 * the stream would make.
 */
public final class MessageInputStream extends ByteBufInputStream {
    private final ByteBuf buffer;

    /**
     * A stream over what is readable in a buffer.
     *
     * @param buffer the message body, owned by the stream from now on
     */
    public MessageInputStream(ByteBuf buffer) {
        super(buffer, true);
        this.buffer = buffer;
    }

    /**
     * The buffer being read: a codec that parses it moves its reader index past what it used. It stays owned by
     * the stream.
     */
    public ByteBuf buffer() {
        return buffer;
    }
}
