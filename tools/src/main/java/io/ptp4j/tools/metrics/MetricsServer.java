package io.ptp4j.tools.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Serves /metrics for Prometheus on an opt-in port ({@code --metrics-port}), by default on loopback
 * only: metrics tell an attacker about the network, so exposing them is the operator's choice.
 * Content negotiation: OpenMetrics when the Accept header asks for it, else text format 0.0.4.
 */
public final class MetricsServer implements AutoCloseable {
    public static final String DEFAULT_BIND = "127.0.0.1";

    private final HttpServer server;
    private final List<PtpMetrics> sources = new CopyOnWriteArrayList<>();

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on bindAddress:port (port 0 picks a free one), exposing the given sources. */
    public static MetricsServer start(String bindAddress, int port, PtpMetrics... sources) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 8);
        MetricsServer ms = new MetricsServer(http);
        ms.sources.addAll(List.of(sources));
        http.createContext("/metrics", ms::handle);
        http.createContext("/", ex -> {
            byte[] body = "ptp4j: metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ptp4j-metrics-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return ms;
    }

    /** Adds another process's metrics (e.g. phc2sys next to ptp4l in one JVM). */
    public void add(PtpMetrics m) {
        sources.add(m);
    }

    /** The bound port (useful after asking for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            boolean om = MetricsWriter.wantsOpenMetrics(ex.getRequestHeaders().getFirst("Accept"));
            byte[] body = PtpMetrics.expose(sources, om).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type",
                    om ? MetricsWriter.OPENMETRICS_CONTENT_TYPE : MetricsWriter.PROMETHEUS_CONTENT_TYPE);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService es) es.shutdownNow();
    }
}
