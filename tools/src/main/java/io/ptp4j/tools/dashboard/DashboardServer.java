package io.ptp4j.tools.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live dashboard on an opt-in port ({@code --dashboard-port}), loopback only by default:
 * {@code /} is one self-contained page (inline JS and SVG, nothing from a CDN), {@code /events}
 * streams the feed as server-sent events (a JSON object every {@link #PUSH_MILLIS} ms with the
 * samples since the last one), {@code /snapshot} answers one JSON object. Each open event stream
 * holds one of {@link #MAX_STREAMS} threads.
 */
public final class DashboardServer implements AutoCloseable {
    public static final String DEFAULT_BIND = "127.0.0.1";
    static final int PUSH_MILLIS = 500;
    static final int MAX_STREAMS = 4;

    private final HttpServer server;
    private final ExecutorService pool;
    private final DashboardFeed feed;
    private final byte[] page;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean closed;

    private DashboardServer(HttpServer server, ExecutorService pool, DashboardFeed feed, byte[] page) {
        this.server = server;
        this.pool = pool;
        this.feed = feed;
        this.page = page;
    }

    /** Serves the feed on bindAddress:port (0 picks a free port). */
    public static DashboardServer start(String bindAddress, int port, DashboardFeed feed) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 8);
        ExecutorService pool = Executors.newFixedThreadPool(MAX_STREAMS + 2, r -> {
            Thread t = new Thread(r, "ptp4j-dashboard-http");
            t.setDaemon(true);
            return t;
        });
        byte[] page;
        try (InputStream in = DashboardServer.class.getResourceAsStream("dashboard.html")) {
            if (in == null) throw new IOException("dashboard.html missing from the class path");
            page = in.readAllBytes();
        }
        DashboardServer ds = new DashboardServer(http, pool, feed, page);
        http.createContext("/", ds::page);
        http.createContext("/snapshot", ds::snapshot);
        http.createContext("/events", ds::events);
        http.setExecutor(pool);
        http.start();
        return ds;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void page(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            respond(ex, "text/html; charset=utf-8", page);
        }
    }

    /** 200 with {@code body}, never cached (the page and the snapshot change every sample). */
    private static void respond(HttpExchange ex, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private void snapshot(HttpExchange ex) throws IOException {
        try (ex) {
            respond(ex, "application/json", feed.json(0).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void events(HttpExchange ex) throws IOException {
        try (ex) {
            if (streams.incrementAndGet() > MAX_STREAMS) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            long sent = 0;
            boolean first = true;
            while (!closed) {
                long seq = feed.samples();
                if (first || seq != sent) {
                    // "retry" tells the browser how soon to reconnect if the daemon restarts
                    String msg = (first ? "retry: 2000\n" : "") + "data: " + feed.json(sent) + "\n\n";
                    os.write(msg.getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    sent = seq;
                    first = false;
                } else {
                    os.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                    os.flush();
                }
                Thread.sleep(PUSH_MILLIS);
            }
        } catch (IOException e) {
            // the browser went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        pool.shutdownNow();
    }
}
