package io.ptp4j.tools.ts2phc;

/** struct ptp_extts_event: the channel that saw the edge and the PHC's time of the edge, ns. */
public record ExttsEvent(int channel, long clockNanos) {}
