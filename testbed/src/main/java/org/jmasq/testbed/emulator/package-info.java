/**
 * The delay emulator: a TUN device in the testbed's internet namespace whose reader holds each
 * packet for its pair of hosts' one-way delay, drops it at the pair's loss rate and paces it at the
 * pair's bandwidth cap, since this kernel has no netem. The core ({@link
 * org.jmasq.testbed.emulator.DelayLine} and the values it reads) has no socket, thread or clock;
 * {@link org.jmasq.testbed.emulator.EmulatorMain} is the process that runs it between socat and the
 * TUN, and {@link org.jmasq.testbed.emulator.DelayEmulator} starts and removes all of it.
 */
package org.jmasq.testbed.emulator;
