/**
 * The testbed: separate hosts on one machine, for running Nodes as they run on the internet. Each
 * host is a Linux network namespace of its own; the hosts meet in an "internet" namespace that has
 * no link to the machine's own network, some directly on documentation addresses, others behind a
 * home router (a namespace that masquerades its LAN with nftables and runs miniupnpd). A
 * packet-level emulator in the internet namespace gives each pair of hosts its own one-way delay,
 * loss and bandwidth, as the kernel here has no netem. Everything the testbed makes carries its
 * prefix, so that a later run can sweep what a killed one left.
 */
package org.jmasq.testbed;
