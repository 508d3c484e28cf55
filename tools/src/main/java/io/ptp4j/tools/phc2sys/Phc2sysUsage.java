package io.ptp4j.tools.phc2sys;

/** phc2sys's usage text (linuxptp phc2sys.c usage()), plus ptp4j's virtual clock names. */
final class Phc2sysUsage {
    private Phc2sysUsage() {}

    static String text(String prog) {
        return "\n"
                + "usage: " + prog + " [options]\n\n"
                + "\n"
                + " automatic configuration:\n"
                + " -a             turn on autoconfiguration\n"
                + " -r             synchronize system clock\n"
                + "                repeat -r to consider it also as a time source\n"
                + " -C [name]      system clock to synchronize with -r (CLOCK_REALTIME)\n"
                + " manual configuration:\n"
                + " -c [dev|name]  time sink device (CLOCK_REALTIME)\n"
                + " -d [dev]       time source PPS device\n"
                + " -s [dev|name]  time source device\n"
                + " -O [offset]    sink-source time offset in seconds (0)\n"
                + " -w             wait for ptp4l\n"
                + " common options:\n"
                + " -f [file]      configuration file\n"
                + " -E [pi|linreg] clock servo (pi)\n"
                + " -P [kp]        proportional constant (0.7)\n"
                + " -I [ki]        integration constant (0.3)\n"
                + " -S [step]      step threshold (disabled)\n"
                + " -F [step]      step threshold only on start (0.00002)\n"
                + " -R [rate]      update rate for the time sink devices in HZ (1.0)\n"
                + " -N [num]       number of source clock readings per update (5)\n"
                + " -L [limit]     sanity frequency limit in ppb (200000000)\n"
                + " -M [num]       NTP SHM segment number (0)\n"
                + " -u [num]       number of clock updates in summary stats (0)\n"
                + " -n [num]       domain number (0)\n"
                + " -x             apply leap seconds by servo instead of kernel\n"
                + " -z [path]      server address for UDS (/var/run/ptp/ptp4l)\n"
                + " -l [num]       set the logging level to 'num' (6)\n"
                + " -t [tag]       add tag to log messages\n"
                + " -m             print messages to stdout\n"
                + " -q             do not print messages to the syslog\n"
                + " -v             prints the software version and exits\n"
                + " -h             prints this message and exits\n"
                + " ptp4j:\n"
                + " --metrics-port [port]  Prometheus metrics on 127.0.0.1:port/metrics\n"
                + " clock names: CLOCK_REALTIME, /dev/ptpN, an interface (its PHC),\n"
                + "              virtual (phc2sys's own virtual clock: virtual_clock_offset,\n"
                + "              virtual_clock_freq), virtual:PATH (a ptp4l's virtual clock file)\n"
                + "\n";
    }
}
