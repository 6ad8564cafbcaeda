package com.tokyoia.bench;

import com.sun.management.OperatingSystemMXBean;
import com.tokyoia.faults.Schedule;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP/1.1 load over plain keep-alive sockets, for rates where the load generator
 * shares the server's two cores. Request i is due at start + i / rate; a dispatcher hands it to the
 * first free connection, and its latency is measured from when it was due, so a slow server's
 * queue shows in the figures (no coordinated omission).
 *
 * <p>Why not {@link java.net.http.HttpClient} here (the fault suite's {@code OpenLoop} uses it): at
 * 500 requests a second it took 1.1 cores on this machine, twice the server's CPU, so the figures
 * measured the client. A blocking socket per connection costs a write and a read per request.
 */
public final class RawHttpLoad {
    /** One request: method, path with query, optional Idempotency-Key and JSON body. */
    public record Request(String method, String path, String idempotencyKey, String json) {
        public static Request get(String path) {
            return new Request("GET", path, null, null);
        }

        public static Request post(String path, String json, String idempotencyKey) {
            return new Request("POST", path, idempotencyKey, json);
        }
    }

    /** A step's outcome: latencies (µs) of answered requests, 2xx and other answers, failures without an answer, the generator's CPU. */
    public record Step(Histogram latencies, long ok, long notOk, long failed, long generatorCpuNanos) {
        public long sent() {
            return ok + notOk + failed;
        }
    }

    private record Due(long intendedNanos, byte[] bytes) {
    }

    private static final Due STOP = new Due(0, new byte[0]);
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final String authorization;
    private final int connections;

    public RawHttpLoad(String baseUrl, String authorization, int connections) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.authorization = authorization;
        this.connections = connections;
    }

    /** Sends {@code rate} requests a second for {@code duration}, then waits for every answer or its timeout. */
    public Step run(double rate, Duration duration, IntFunction<Request> request) throws InterruptedException {
        Schedule plan = Schedule.of(rate, duration, 0);
        BlockingQueue<Due> queue = new ArrayBlockingQueue<>(plan.count() + connections);
        AtomicLong ok = new AtomicLong();
        AtomicLong notOk = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Histogram histogram = new Histogram(3_600_000_000L, 3);
            histograms.add(histogram);
            Thread worker = new Thread(() -> work(queue, histogram, ok, notOk, failed), "load-" + c);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        long cpuBefore = processCpuNanos();
        Schedule schedule = plan.startingAt(System.nanoTime());
        for (int i = 0; i < schedule.count(); i++) {
            byte[] bytes = encode(request.apply(i));
            queue.add(new Due(schedule.awaitDue(i), bytes));
        }
        for (int c = 0; c < connections; c++) {
            queue.add(STOP);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long cpu = processCpuNanos() - cpuBefore;
        Histogram all = new Histogram(3_600_000_000L, 3);
        histograms.forEach(all::add);
        return new Step(all, ok.get(), notOk.get(), failed.get(), cpu);
    }

    private void work(BlockingQueue<Due> queue, Histogram histogram, AtomicLong ok, AtomicLong notOk, AtomicLong failed) {
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        try {
            for (Due due = queue.take(); due != STOP; due = queue.take()) {
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(TIMEOUT_MILLIS);
                        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                        out = socket.getOutputStream();
                    }
                    out.write(due.bytes());
                    out.flush();
                    Answer answer = read(in);
                    histogram.recordValue(Math.max(1, (System.nanoTime() - due.intendedNanos()) / 1000));
                    (answer.status() / 100 == 2 ? ok : notOk).incrementAndGet();
                    if (answer.close()) {
                        socket.close();
                        socket = null;
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                    closeQuietly(socket);
                    socket = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(socket);
        }
    }

    private byte[] encode(Request request) {
        byte[] body = request.json() == null ? new byte[0] : request.json().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ').append(request.path())
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAuthorization: ").append(authorization).append("\r\nAccept: application/json\r\n");
        if (request.idempotencyKey() != null) {
            head.append("Idempotency-Key: ").append(request.idempotencyKey()).append("\r\n");
        }
        if (request.json() != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return bytes;
    }

    private record Answer(int status, boolean close) {
    }

    /** Reads one answer and skips its body (Content-Length or chunked). */
    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            String trailer = line(in);
            while (!trailer.isEmpty()) {
                trailer = line(in);
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return new Answer(status, close);
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // already broken
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
