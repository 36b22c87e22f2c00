package org.jmasq.testbed.emulator;

/** What reading a packet's header gave: an IPv4 header, or the reason there is none. */
public sealed interface HeaderRead permits Ipv4Header, Malformed {}
