package io.ptp4j.tools.doctor;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.TsInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The doctor's windows on the machine; tests replace each with a fake. */
public final class Probes {
    private Probes() {}

    /** ethtool -T (ETHTOOL_GET_TS_INFO) of an interface. */
    @FunctionalInterface
    public interface TsInfoProbe {
        TsInfo query(String iface) throws IOException;
    }

    /** ptp4l's state over its management socket; IOException when nobody answers. */
    @FunctionalInterface
    public interface Ptp4lProbe {
        Ptp4lStatus query(String udsPath, int domainNumber) throws IOException;
    }

    /** The text of http://127.0.0.1:PORT/metrics. */
    @FunctionalInterface
    public interface MetricsProbe {
        String scrape(int port) throws IOException;
    }

    public static TsInfoProbe tsInfo() {
        return iface -> {
            try {
                return TsInfo.query(iface);
            } catch (NativeException | IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    /** GETs PORT_DATA_SET, TIME_STATUS_NP, then CURRENT_DATA_SET {@code samples} times {@code intervalMillis} apart. */
    public static Ptp4lProbe management(int samples, int intervalMillis) {
        return (path, domain) -> {
            try (ManagementClient c = new ManagementClient(path, domain)) {
                List<ManagementClient.Response> ports = c.get(ManagementId.PORT_DATA_SET, 1000);
                if (ports.isEmpty()) throw new IOException("no answer from " + path);
                List<String> states = new ArrayList<>();
                for (ManagementClient.Response r : ports) {
                    PortState s = PortState.ofCode((int) (long) (Long) r.data().get("portState"));
                    states.add(s == null ? "UNKNOWN" : s.name());
                }
                boolean gmPresent = false;
                String gm = "";
                List<ManagementClient.Response> ts = c.get(ManagementId.TIME_STATUS_NP, 1000);
                if (!ts.isEmpty()) {
                    Map<String, Object> d = ts.get(0).data();
                    gmPresent = ((Long) d.getOrDefault("gmPresent", 0L)) != 0;
                    gm = ClockIdentity.format((Long) d.getOrDefault("gmIdentity", 0L));
                }
                List<Long> offsets = new ArrayList<>();
                long delay = 0;
                int steps = 0;
                for (int i = 0; i < samples; i++) {
                    if (i > 0) sleep(intervalMillis);
                    List<ManagementClient.Response> cur = c.get(ManagementId.CURRENT_DATA_SET, 1000);
                    if (cur.isEmpty()) continue;
                    Map<String, Object> d = cur.get(0).data();
                    long off = ((Long) d.get("offsetFromMaster")) >> 16; // TimeInterval: ns * 2^16
                    delay = ((Long) d.get("meanPathDelay")) >> 16;
                    steps = (int) (long) (Long) d.get("stepsRemoved");
                    if (offsets.isEmpty() || offsets.get(offsets.size() - 1) != off) offsets.add(off);
                }
                return new Ptp4lStatus(states, offsets, delay, steps, gmPresent, gm);
            }
        };
    }

    public static MetricsProbe http() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return port -> {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode());
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
