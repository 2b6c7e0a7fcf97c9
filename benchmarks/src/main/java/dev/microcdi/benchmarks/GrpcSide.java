package dev.microcdi.benchmarks;

import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java 1.83.1 over grpc-netty-shaded, with the same messages, built without code generation. By default
 * with gRPC's default executors (as most applications run it); {@code direct} runs callbacks on the event
 * loops ({@code directExecutor()}), gRPC's fastest setting for handlers that never block.
 */
final class GrpcSide {
    static final MethodDescriptor<BytesValue, BytesValue> ECHO = MethodDescriptor.<BytesValue, BytesValue>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bench.Bench/Echo")
            .setRequestMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance())).build();
    static final MethodDescriptor<Int64Value, BytesValue> STREAM = MethodDescriptor.<Int64Value, BytesValue>newBuilder()
            .setType(MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName("bench.Bench/Stream")
            .setRequestMarshaller(ProtoUtils.marshaller(Int64Value.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance())).build();

    private GrpcSide() {
    }

    static AutoCloseable server(int port, boolean direct) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Bench")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((req, out) -> {
                    out.onNext(req);
                    out.onCompleted();
                }))
                .addMethod(STREAM, ServerCalls.asyncServerStreamingCall((req, out) -> stream(req,
                        (ServerCallStreamObserver<BytesValue>) out)))
                .build();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(service);
        if (direct) {
            builder.directExecutor();
        }
        Server server = builder.build().start();
        return () -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Sends the stream while the transport is ready, resuming from the on-ready handler. */
    private static void stream(Int64Value req, ServerCallStreamObserver<BytesValue> out) {
        long count = Payloads.count(req);
        BytesValue message = Payloads.message(Payloads.size(req));
        long[] sent = {0};
        boolean[] done = {false};
        Runnable pump = () -> {
            while (out.isReady() && sent[0] < count && !out.isCancelled()) {
                out.onNext(message);
                sent[0]++;
            }
            if (sent[0] == count && !done[0]) {
                done[0] = true;
                out.onCompleted();
            }
        };
        out.setOnReadyHandler(pump);
        pump.run();
    }

    static Target client(String host, int port, boolean direct) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port).usePlaintext();
        if (direct) {
            builder.directExecutor();
        }
        ManagedChannel channel = builder.build();
        return new Target() {
            @Override
            public void unary(BytesValue request, Done done) {
                ClientCalls.asyncUnaryCall(channel.newCall(ECHO, CallOptions.DEFAULT), request,
                        new StreamObserver<BytesValue>() {
                            @Override
                            public void onNext(BytesValue value) {
                                // the answer itself is not needed
                            }

                            @Override
                            public void onError(Throwable t) {
                                done.done(t);
                            }

                            @Override
                            public void onCompleted() {
                                done.done(null);
                            }
                        });
            }

            @Override
            public void unaryBlocking(BytesValue request) {
                ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, request);
            }

            @Override
            public long stream(long count, int size) throws Exception {
                CompletableFuture<Long> result = new CompletableFuture<>();
                ClientCalls.asyncServerStreamingCall(channel.newCall(STREAM, CallOptions.DEFAULT),
                        Payloads.streamRequest(count, size), new StreamObserver<BytesValue>() {
                            private long received;

                            @Override
                            public void onNext(BytesValue value) {
                                received++;
                            }

                            @Override
                            public void onError(Throwable t) {
                                result.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {
                                result.complete(received);
                            }
                        });
                return result.get(10, TimeUnit.MINUTES);
            }

            @Override
            public void close() {
                channel.shutdownNow();
            }
        };
    }
}
